import React from 'react';
import { Message } from '../ui/kit';
import type { CheckResult } from '../teamcity/reports';

const kindWords: Record<string, string> = {
  user: 'user account',
  app_user: "the OAuth consumer's app user",
  access_token: 'access token',
  team: 'workspace',
};

/** Whom the credential belongs to and whether builds depend on a person. */
export function CheckResultView({ result }: { result: CheckResult }): React.ReactElement {
  const name = result.account.name || 'an unnamed account';
  const kind = kindWords[result.account.kind] ?? result.account.kind;
  return (
    <div data-testid="ra-check-result">
      {result.personal ? (
        <Message type="warning">
          <p>
            Connected as <strong>{name}</strong> ({kind}). <strong>Personal credential.</strong>
          </p>
          <p style={{ margin: 0 }}>
            Builds stop working when this person's Bitbucket account is removed (or the token expires or is revoked). To keep builds
            independent of people, switch to an SSH access key or an OAuth consumer.
          </p>
        </Message>
      ) : (
        <Message type="success">
          <p style={{ margin: 0 }}>
            Connected as <strong>{name}</strong> ({kind}). <strong>Not tied to a person:</strong> builds keep working when people leave.
          </p>
        </Message>
      )}
      {result.warnings?.length ? (
        <ul aria-label="Warnings">
          {result.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
