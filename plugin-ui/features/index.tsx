import type { Section } from '../app/sections';
import { KeysSection } from './lifecycle/KeysSection';
import { OwnershipTab } from './ownership/OwnershipTab';
import { WorkflowSection } from './WorkflowSection';

/** The workflow sections, shown after "Connection". */
export const featureSections: readonly Section[] = [
  { id: 'repositories', title: 'Repositories', Component: WorkflowSection },
  { id: 'keys', title: 'Access keys', Component: KeysSection },
  { id: 'ownership', title: 'Who owns access', Component: OwnershipTab },
];
