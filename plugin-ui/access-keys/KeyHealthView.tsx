import React from 'react';
import { Button, Confirm, Field, Message } from '../ui/kit';
import { driftPlaces, placeName, rotationDaysOf, stateText, type KeyHealth } from './health';
import type { ActionOutcome } from './health-actions';

export interface KeyHealthResult {
  action: 'repair' | 'revoke';
  outcomes: ActionOutcome[];
}

export interface KeyHealthViewProps {
  /** null until the keys were checked in Bitbucket. */
  health: KeyHealth[] | null;
  workspace: string;
  rotationDays: number;
  busy: boolean;
  result: KeyHealthResult | null;
  onCheck(): void;
  onSaveRotationDays(days: number): void;
  onRepair(keys: KeyHealth[]): void;
  onRevokeStale(keys: KeyHealth[]): void;
  /** The running build's progress, when this view started it. */
  children?: React.ReactNode;
}

const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : 'never');
const listed = (places: string[]): string => places.map(placeName).join(', ');

function Summary({ health }: { health: KeyHealth[] }): React.ReactElement {
  const count = (test: (key: KeyHealth) => boolean) => health.filter(test).length;
  const problems = [
    [count((k) => k.drift !== null), 'drifted'],
    [count((k) => k.stale), 'stale'],
    [count((k) => k.dueForRotation), 'due for rotation'],
  ].filter(([n]) => n !== 0);
  if (health.length === 0) return <p className="ra-muted">No access keys of this project in Bitbucket.</p>;
  return (
    <p data-testid="key-health-summary">
      {problems.length === 0
        ? health.length === 1
          ? 'The access key is healthy.'
          : `All ${health.length} access keys are healthy.`
        : `${health.length} access ${health.length === 1 ? 'key' : 'keys'}: ${problems.map(([n, what]) => `${n} ${what}`).join(', ')}.`}
    </p>
  );
}

/** Keys' health: where each key is, when it was last used, how old it is; repair drift and revoke stale keys after a confirmation. */
export function KeyHealthView(props: KeyHealthViewProps): React.ReactElement {
  const { health, workspace, busy, result } = props;
  // What the admin typed, until it is saved: otherwise the stored age.
  const [typedDays, setDays] = React.useState<string | null>(null);
  const days = typedDays ?? String(props.rotationDays);
  // A confirmation holds for the health it was asked on: a new audit drops it.
  const [asked, setAsked] = React.useState<{ action: 'repair' | 'revoke'; on: KeyHealth[] | null } | null>(null);
  const confirming = asked && asked.on === health ? asked.action : null;
  const setConfirming = (action: 'repair' | 'revoke' | null) => setAsked(action && { action, on: health });

  const drifted = (health ?? []).filter((key) => key.drift !== null);
  const stale = (health ?? []).filter((key) => key.stale);
  const daysError = rotationDaysOf(days) === Number(days) ? undefined : 'A whole number of days from 1 to 3650.';

  return (
    <section className="ra-card" aria-labelledby="ra-health-title">
      <h3 id="ra-health-title">Key health</h3>
      <Field id="ra-rotation-days" label="Rotation age (days)" hint="Keys older than this are flagged due for rotation." error={daysError}>
        <input type="number" min={1} max={3650} value={days} onChange={(event) => setDays(event.target.value)} />
      </Field>
      <div className="ra-actions">
        <Button onClick={() => {
            props.onSaveRotationDays(Number(days));
            setDays(null);
          }} disabled={busy || daysError !== undefined || Number(days) === props.rotationDays}>
          Save rotation age
        </Button>
        <Button primary onClick={props.onCheck} disabled={busy}>
          Check key health
        </Button>
      </div>
      {health ? (
        <>
          <Summary health={health} />
          {health.length > 0 ? (
            <table className="ra-wf-table" aria-label="Key health">
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Repositories</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Age</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {health.map((key) => (
                  <tr key={key.fingerprint} data-state={stateText(key)}>
                    <td>
                      {key.label}
                      {key.record ? null : <div className="ra-muted">not recorded by this project</div>}
                    </td>
                    <td>{listed(key.places)}</td>
                    <td className="ra-nowrap">{day(key.lastUsed)}</td>
                    <td className="ra-nowrap">{key.ageDays === null ? '?' : `${key.ageDays} days`}</td>
                    <td>{stateText(key)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="ra-actions">
            <Button onClick={() => setConfirming('repair')} disabled={busy || drifted.length === 0}>
              Repair drift
            </Button>
            <Button onClick={() => setConfirming('revoke')} disabled={busy || stale.length === 0}>
              Revoke stale keys
            </Button>
          </div>
        </>
      ) : (
        <p className="ra-muted">Check key health to read the keys from Bitbucket (one Repo Access build).</p>
      )}
      {confirming === 'repair' ? (
        <Confirm label="Confirm repairing drift" confirm="Confirm repair" busy={busy} onConfirm={() => props.onRepair(drifted)} onCancel={() => setConfirming(null)}>
          Register again in Bitbucket, with the key&apos;s own public key and label:
          <ul>
            {drifted.map((key) => (
              <li key={key.fingerprint}>
                {key.label} on {listed(driftPlaces(key.drift!, workspace))} (VCS roots relying on it: {key.roots.join(', ')})
              </li>
            ))}
          </ul>
          Nothing else changes.
        </Confirm>
      ) : null}
      {confirming === 'revoke' ? (
        <Confirm label="Confirm revoking stale keys" confirm="Confirm revoking stale keys" danger busy={busy} onConfirm={() => props.onRevokeStale(stale)} onCancel={() => setConfirming(null)}>
          No VCS root of this project uses these keys. Revoke them:
          <ul>
            {stale.map((key) => (
              <li key={key.fingerprint}>
                {key.label} ({key.fingerprint}): deleted in Bitbucket from {key.places.length ? listed(key.places) : 'nowhere (already gone)'};{' '}
                {key.record ? "its SSH key and record removed from this project's settings" : 'not recorded by this project: nothing changes in TeamCity'}
              </li>
            ))}
          </ul>
        </Confirm>
      ) : null}
      {props.children}
      {result ? <ResultView result={result} /> : null}
    </section>
  );
}

function ResultView({ result }: { result: KeyHealthResult }): React.ReactElement {
  const failed = result.outcomes.some((outcome) => outcome.failed.length > 0);
  const verb = result.action === 'repair' ? 'registered again on' : 'revoked; deleted from';
  return (
    <Message type={failed ? 'warning' : 'success'}>
      <ul aria-label="Key health result">
        {result.outcomes.map((outcome) => (
          <li key={outcome.label}>
            {outcome.done.length ? `${outcome.label} ${verb} ${listed(outcome.done)}.` : `${outcome.label}: nothing changed.`}
            {outcome.failed.length ? ` Failed: ${outcome.failed.join('; ')}; see the build log and try again.` : ''}
          </li>
        ))}
      </ul>
    </Message>
  );
}
