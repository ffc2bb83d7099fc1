import React from 'react';
import { Field, Message } from '../ui/kit';
import { authOf, type Draft, type Errors } from './model';
import { placeOf, type Secret, type Stored } from '../project/stored';
import { SecretField } from './SecretField';

export interface CredentialFieldsProps {
  readonly draft: Draft;
  readonly stored: Stored;
  readonly errors: Errors;
  readonly onChange: (change: Partial<Draft>) => void;
}

const plainNames: Readonly<Record<Secret, string>> = { apiToken: 'the API token', oauthSecret: "the OAuth consumer's secret", accessToken: 'the access token' };

/** The credential the helper uses for Bitbucket's REST API, for the chosen way in. */
export function CredentialFields({ draft, stored, errors, onChange }: CredentialFieldsProps): React.ReactElement | null {
  const auth = authOf(draft);
  if (auth === null) return null;
  return (
    <fieldset>
      <legend>{draft.mode === 'access-key' ? 'Management credential (registers the access keys)' : 'Credential'}</legend>
      <p className="ra-muted" data-testid="credential-place">
        {placeOf(draft.mode) === 'ops'
          ? 'Kept on the build configuration "Repo Access operations" only, which runs on trusted agents: no other build of this project or its subprojects receives it. Builds clone with the SSH access keys.'
          : 'Given to every build of this project and its subprojects so they can clone: use a read-only credential (an access token with repository read where you can).'}
      </p>
      {stored.plain.length ? (
        <Message type="error">
          <strong>Stored as plain text:</strong> {stored.plain.map((s) => plainNames[s]).join(', ')}. Anyone who can view this project's settings can read it. Enter it again below
          and save: it is stored as a password parameter and the plain one is removed.
        </Message>
      ) : null}
      {draft.mode === 'access-key' ? (
        <div role="radiogroup" aria-label="Management credential kind" className="ra-actions" style={{ marginBottom: 12 }}>
          {(['oauth', 'api-token'] as const).map((kind) => (
            <label key={kind} className="ra-choice">
              <input type="radio" name="ra-management" value={kind} checked={draft.managementAuth === kind} onChange={() => onChange({ managementAuth: kind })} />
              {kind === 'oauth' ? 'OAuth consumer (not tied to a person)' : 'API token (personal)'}
            </label>
          ))}
        </div>
      ) : null}
      {auth === 'api-token' ? (
        <>
          <Field id="ra-email" label="Atlassian account email" error={errors.email} hint="The account the API token belongs to.">
            <input type="email" autoComplete="off" value={draft.email} onChange={(event) => onChange({ email: event.target.value })} />
          </Field>
          <SecretField
            id="ra-api-token"
            label="API token"
            value={draft.apiToken}
            stored={stored.set.apiToken}
            error={errors.apiToken}
            hint="Created at id.atlassian.com → Security → API tokens, with Bitbucket scopes (repository read; admin to register access keys)."
            onChange={(apiToken) => onChange({ apiToken })}
          />
          {draft.mode === 'api-token' ? (
            <Field id="ra-username" label="Bitbucket username (optional)" hint="For git over HTTPS; empty means x-bitbucket-api-token-auth.">
              <input type="text" autoComplete="off" value={draft.username} onChange={(event) => onChange({ username: event.target.value })} />
            </Field>
          ) : null}
        </>
      ) : null}
      {auth === 'oauth' ? (
        <>
          <Field id="ra-oauth-key" label="OAuth consumer key" error={errors.oauthKey} hint="Workspace settings → OAuth consumers; mark it private (client credentials).">
            <input type="text" autoComplete="off" spellCheck={false} value={draft.oauthKey} onChange={(event) => onChange({ oauthKey: event.target.value })} />
          </Field>
          <SecretField
            id="ra-oauth-secret"
            label="OAuth consumer secret"
            value={draft.oauthSecret}
            stored={stored.set.oauthSecret}
            error={errors.oauthSecret}
            onChange={(oauthSecret) => onChange({ oauthSecret })}
          />
        </>
      ) : null}
      {auth === 'access-token' ? (
        <SecretField
          id="ra-access-token"
          label="Access token"
          value={draft.accessToken}
          stored={stored.set.accessToken}
          error={errors.accessToken}
          hint="A repository, project or workspace access token with repository read access."
          onChange={(accessToken) => onChange({ accessToken })}
        />
      ) : null}
    </fieldset>
  );
}
