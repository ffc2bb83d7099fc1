import type { Catalog } from './picker/model';
import type { ProvisionOutcome } from './provision/provision';
import type { RootOutcome } from './vcs/roots';
import type { PlannedBuildChange, PlannedParameter, SettingsPlan } from '../versioned/kotlin';
import { emptyPlan } from '../versioned/plan';

export interface Listing {
  readonly catalog: Catalog;
  readonly buildId: number;
  readonly fromCache: boolean;
}

/** What the three steps (pick, access, builds) remember between actions; TeamCity's own state is read, not kept here. */
export interface WorkflowState {
  /** The listing the admin asked for; until then the cached one is shown. */
  readonly listing: Listing | null;
  readonly selection: ReadonlySet<string>;
  readonly provisioned: ProvisionOutcome | null;
  /** The VCS roots the last "Create" wrote, with what happened to each. */
  readonly roots: readonly RootOutcome[];
  /** The access key whose VCS roots "Add to builds" attaches: the one just made; null for the project's newest. */
  readonly keyLabel: string | null;
  readonly chosenBuilds: ReadonlySet<string>;
  readonly buildNote: string | null;
  /** Editing off under versioned settings: the change to commit instead of the writes. */
  readonly plan: SettingsPlan | null;
}

export type WorkflowAction =
  | { readonly type: 'listed'; readonly listing: Listing }
  | { readonly type: 'selected'; readonly selection: ReadonlySet<string> }
  | { readonly type: 'provisioning' }
  | { readonly type: 'provisioned'; readonly outcome: ProvisionOutcome }
  | { readonly type: 'roots-written'; readonly roots: readonly RootOutcome[] }
  | { readonly type: 'roots-planned'; readonly plan: SettingsPlan }
  | { readonly type: 'build-toggled'; readonly buildTypeId: string }
  | { readonly type: 'adding-to-builds' }
  | { readonly type: 'builds-changed'; readonly note: string }
  | { readonly type: 'builds-planned'; readonly builds: readonly PlannedBuildChange[]; readonly parameters?: readonly PlannedParameter[] };

export const initialWorkflowState: WorkflowState = {
  listing: null,
  selection: new Set(),
  provisioned: null,
  roots: [],
  keyLabel: null,
  chosenBuilds: new Set(),
  buildNote: null,
  plan: null,
};

export function workflowReducer(state: WorkflowState, action: WorkflowAction): WorkflowState {
  switch (action.type) {
    case 'listed': {
      // A repository gone from the workspace cannot stay selected.
      const known = new Set(action.listing.catalog.repos.map((r) => r.fullName));
      return { ...state, listing: action.listing, selection: new Set([...state.selection].filter((name) => known.has(name))) };
    }
    case 'selected':
      return { ...state, selection: action.selection };
    case 'provisioning':
      return { ...state, provisioned: null, roots: [] };
    case 'provisioned':
      return { ...state, provisioned: action.outcome, keyLabel: action.outcome.record.label };
    case 'roots-written':
      return { ...state, roots: action.roots };
    case 'roots-planned':
      return { ...state, plan: action.plan };
    case 'build-toggled': {
      const chosenBuilds = new Set(state.chosenBuilds);
      if (!chosenBuilds.delete(action.buildTypeId)) chosenBuilds.add(action.buildTypeId);
      return { ...state, chosenBuilds };
    }
    case 'adding-to-builds':
      return { ...state, buildNote: null };
    case 'builds-changed':
      return { ...state, buildNote: action.note };
    case 'builds-planned': {
      // The builds planned now replace their earlier plan; the roots and parameters planned so far stay (a parameter planned again replaces its earlier value).
      const base = state.plan ?? emptyPlan();
      const replaced = new Set(action.builds.map((b) => b.buildTypeId));
      const added = action.parameters ?? [];
      const parameters = [...base.parameters.filter((p) => !added.some((a) => a.name === p.name)), ...added];
      return { ...state, plan: { ...base, builds: [...base.builds.filter((b) => !replaced.has(b.buildTypeId)), ...action.builds], parameters } };
    }
  }
}
