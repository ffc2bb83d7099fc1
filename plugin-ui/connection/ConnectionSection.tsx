import React from 'react';
import { Button, Field, Message } from '../ui/kit';
import { OperationStatus } from '../ui/OperationStatus';
import { useRepoAccess } from '../project/context';
import type { OperationProgress, TeamCity } from '../teamcity';
import { CheckResultView } from './CheckResultView';
import { CredentialFields } from './CredentialFields';
import { draftFrom, validate, type Draft, type Errors } from './model';
import type { Stored } from '../project/stored';
import { saveConnection } from './save';
import { readSettings, UnusableEndpoints } from '../project/settings';
import { useLoad } from '../ui/load';
import { errorText } from '../ui/task';
import { appPasswordRetired } from '../project/modes';
import { ModePicker } from './ModePicker';
import { testConnection, type TestOutcome } from './test-connection';
import { TrustedAgents } from './TrustedAgents';

type Test = { readonly state: 'idle' } | { readonly state: 'running'; readonly progress: OperationProgress | null } | ({ readonly state: 'done' } & TestOutcome);

/** What is stored, also when the git endpoints (set under Repositories) are not usable. */
const readStored = (tc: TeamCity, projectId: string): Promise<Stored> =>
  readSettings(tc, projectId).then(
    (settings) => settings.stored,
    (error: unknown) => {
      if (error instanceof UnusableEndpoints) return error.stored;
      throw error;
    },
  );

/** "Connection": the way in, the workspace, the management credential, and Test connection. */
export function ConnectionSection(): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const loaded = useLoad(React.useCallback(() => readStored(tc, projectId), [tc, projectId]));
  // null while the form shows what is stored.
  const [edited, setEdited] = React.useState<Draft | null>(null);
  const [errors, setErrors] = React.useState<Errors>({});
  const [saving, setSaving] = React.useState(false);
  const [saveNote, setSaveNote] = React.useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const [test, setTest] = React.useState<Test>({ state: 'idle' });
  const alive = React.useRef<AbortController | null>(null);

  React.useEffect(() => {
    const controller = new AbortController();
    alive.current = controller;
    return () => controller.abort();
  }, []);

  if (!loaded.value) {
    return loaded.error ? <Message type="error">{loaded.error}</Message> : <p className="ra-muted">Loading the project's settings…</p>;
  }
  const stored = loaded.value;
  const draft = edited ?? draftFrom(stored);
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftFrom(stored));
  const hasSaved = stored.auth !== null && stored.auth !== 'app-password' && stored.mode !== 'app-password';

  const change = (patch: Partial<Draft>) => {
    setEdited({ ...draft, ...patch });
    setSaveNote(null);
    if (Object.keys(errors).length) setErrors(validate({ ...draft, ...patch }, stored));
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = validate(draft, stored);
    setErrors(found);
    if (Object.keys(found).length) {
      setSaveNote({ type: 'error', text: 'Fix the marked fields, then save again.' });
      return;
    }
    setSaving(true);
    setSaveNote(null);
    try {
      await saveConnection(tc, projectId, draft, stored);
      await loaded.reload();
      setEdited(null);
      setTest({ state: 'idle' });
      setSaveNote({ type: 'success', text: 'Saved. Secrets are stored as password parameters and never shown again.' });
    } catch (error) {
      setSaveNote({ type: 'error', text: errorText(error) });
    } finally {
      setSaving(false);
    }
  };

  const runTest = async () => {
    setTest({ state: 'running', progress: null });
    try {
      const outcome = await testConnection(tc, projectId, (progress) => setTest({ state: 'running', progress }), alive.current?.signal);
      setTest({ state: 'done', ...outcome });
    } catch (error) {
      if (alive.current?.signal.aborted) return;
      setTest({ state: 'done', ok: false, message: errorText(error), buildId: 0, buildUrl: null });
    }
  };

  return (
    <>
      {stored.mode === 'app-password' || stored.auth === 'app-password' ? (
        <Message type="error">
          <strong>This project uses an app password.</strong> {appPasswordRetired.summary} Choose another way in below and save.
        </Message>
      ) : null}
      <form className="ra-card" onSubmit={save} noValidate aria-label="Connection settings">
        <ModePicker value={draft.mode} onChange={(mode) => change({ mode })} error={errors.mode} />
        <Field id="ra-workspace" label="Bitbucket workspace" error={errors.workspace} hint="The workspace ID, as in bitbucket.org/<workspace>/<repository>.">
          <input type="text" autoComplete="off" spellCheck={false} value={draft.workspace} onChange={(event) => change({ workspace: event.target.value })} />
        </Field>
        <CredentialFields draft={draft} stored={stored} errors={errors} onChange={change} />
        {draft.mode === 'access-key' && draft.managementAuth === 'oauth' ? (
          // Bitbucket's API spec (POST …/deploy-keys): changing the OAuth consumer invalidates the deploy keys it added.
          <Message type="message">
            The OAuth consumer registers the access keys. Bitbucket invalidates the keys a consumer added when the consumer is changed: after editing it, run Audit in Bitbucket under Access keys
            and register missing keys again.
          </Message>
        ) : null}
        <div className="ra-actions">
          <Button type="submit" primary disabled={saving || !dirty} loader={saving}>
            {saving ? 'Saving…' : 'Save'}
          </Button>
          {dirty ? <span className="ra-muted">Unsaved changes</span> : null}
        </div>
        {saveNote ? <Message type={saveNote.type}>{saveNote.text}</Message> : null}
      </form>
      <TrustedAgents />
      <section className="ra-card" aria-labelledby="ra-test-heading">
        <h3 id="ra-test-heading">Test connection</h3>
        <p className="ra-muted">Runs a build with the saved credential and asks Bitbucket whom it belongs to.</p>
        <div className="ra-actions">
          <Button onClick={runTest} disabled={!hasSaved || dirty || test.state === 'running'} loader={test.state === 'running'} aria-describedby="ra-test-note">
            Test connection
          </Button>
          <span id="ra-test-note" className="ra-muted">
            {!hasSaved ? 'Save a credential first.' : dirty ? 'Save your changes first: the test uses the saved credential.' : ''}
          </span>
        </div>
        {test.state === 'running' ? <OperationStatus progress={test.progress} label="Test connection progress" /> : null}
        {test.state === 'done' && test.ok ? <CheckResultView result={test.result} /> : null}
        {test.state === 'done' && !test.ok ? (
          <Message type="error">
            <strong>The connection test failed.</strong> {test.message}
            {test.buildUrl ? (
              <>
                {' '}
                <a href={test.buildUrl}>Open build #{test.buildId}</a>
              </>
            ) : null}
          </Message>
        ) : null}
      </section>
    </>
  );
}
