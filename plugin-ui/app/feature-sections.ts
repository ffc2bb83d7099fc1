import type { Section } from './sections';
import { KeysSection } from '../access-keys/KeysSection';
import { OwnershipTab } from '../ownership/OwnershipTab';
import { WorkflowSection } from '../repositories/WorkflowSection';

/** The workflow sections, shown after "Connection". */
export const featureSections: readonly Section[] = [
  { id: 'repositories', title: 'Repositories', Component: WorkflowSection },
  { id: 'keys', title: 'Access keys', Component: KeysSection },
  { id: 'ownership', title: 'Who owns access', Component: OwnershipTab },
];
