import { OperationSpecSchema, SPEC_VARIABLE, type OperationSpec } from '../contract/operation-spec';
import { validateProjectKey, validateSlug, validateWorkspace } from '../bitbucket/names';
import { usageError } from '../errors';

/** Parses and checks the spec; anything outside the allow-list is a usage error (exit 2) and nothing runs. */
export function parseSpec(raw: string | undefined): OperationSpec {
  if (raw === undefined || raw.trim() === '') throw usageError(`${SPEC_VARIABLE} is empty; the Repo Access tab sets it when it queues an operation`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw usageError(`${SPEC_VARIABLE} is not JSON; queue operations from the Repo Access tab`);
  }
  const parsed = OperationSpecSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the document';
    throw usageError(`${SPEC_VARIABLE} is not an operation this helper runs (${where}: ${issue?.message ?? 'invalid'}); queue operations from the Repo Access tab`);
  }
  const spec = parsed.data;
  if (spec.command === 'check') return spec;
  validateWorkspace(spec.workspace);
  if (spec.command === 'repos') return spec;
  for (const chosen of spec.selections) {
    if ('project' in chosen) validateProjectKey(chosen.project);
    else for (const slug of chosen.repos) validateSlug(spec.workspace, slug);
  }
  return spec;
}
