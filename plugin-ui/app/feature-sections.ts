import type { Section } from './sections';
import { WorkflowSection } from '../repositories/WorkflowSection';
import { lazyComponent } from '../ui/lazy';

/** The workflow sections, shown after "Connection". Access keys and ownership are visited later: each is its own chunk. */
export const featureSections: readonly Section[] = [
  { id: 'repositories', title: 'Repositories', Component: WorkflowSection },
  { id: 'keys', title: 'Access keys', Component: lazyComponent(() => import(/* webpackChunkName: "access-keys" */ '../access-keys/KeysSection').then((m) => m.KeysSection)) },
  { id: 'ownership', title: 'Who owns access', Component: lazyComponent(() => import(/* webpackChunkName: "ownership" */ '../ownership/OwnershipTab').then((m) => m.OwnershipTab)) },
];
