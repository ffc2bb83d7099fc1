import type { Section } from './sections';
import { KeysSection } from '../access-keys/KeysSection';
import { WorkflowSection } from '../repositories/WorkflowSection';
import { lazyComponent } from '../ui/lazy';

/** The workflow sections, shown after "Connection". Ownership is the largest and least visited: its own chunk. */
export const featureSections: readonly Section[] = [
  { id: 'repositories', title: 'Repositories', Component: WorkflowSection },
  { id: 'keys', title: 'Access keys', Component: KeysSection },
  { id: 'ownership', title: 'Who owns access', Component: lazyComponent(() => import(/* webpackChunkName: "ownership" */ '../ownership/OwnershipTab').then((m) => m.OwnershipTab)) },
];
