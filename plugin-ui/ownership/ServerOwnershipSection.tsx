import React from 'react';
import { Button, Message } from '../ui/kit';
import { useRepoAccess } from '../project/context';
import { readSettings } from '../project/settings';
import { TaskView, useTask } from '../ui/task';
import { useLoad } from '../ui/load';
import { tableCss } from '../ui/table-styles';
import { migrateToAccessKey } from './migrate';
import { badge } from './OwnershipSection';
import { environmentOf } from '../repositories/vcs/bitbucket-urls';
import { loadServerFacts, RECENT_DAYS, ROOT_PROJECT, saveServiceAccounts } from './server-facts';
import { dependsOn, people, serverReport, stoppingByProject, type ServerFinding } from './server-report';
import { actionOf, ServerTable } from './ServerTable';
import { moveSshHost } from './ssh-host';
import { replaceWithAccessToken } from './clone-credential';

/** A TeamCity date (20260128T173000+0000) as 2026-01-28 17:30 UTC. */
const shownDate = (date: string | null): string => {
  const m = date && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})/.exec(date);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]} UTC` : `not in the last ${RECENT_DAYS} days`;
};

const READING = 'Reading every project, VCS root and build configuration…';

/** From the root project: every Bitbucket credential on the server, a person's view of it, and shared service accounts. */
export function ServerOwnershipSection(): React.ReactElement {
  const { tc } = useRepoAccess();
  const [person, setPerson] = React.useState('');
  const [newAccount, setNewAccount] = React.useState('');
  const [accessToken, setAccessToken] = React.useState('');
  const [done, setDone] = React.useState<string | null>(null);
  const task = useTask();
  // Reading TeamCity only: nothing here queues a build until the admin acts on a finding.
  const report = useLoad(
    React.useCallback(async () => {
      const [facts, settings] = await Promise.all([loadServerFacts(tc), readSettings(tc, ROOT_PROJECT)]);
      return { findings: serverReport(facts, environmentOf(settings)), projectNames: new Map(facts.projects.map((p) => [p.id, p.name])), serviceAccounts: facts.serviceAccounts };
    }, [tc]),
  );
  const findings = report.value?.findings ?? null;
  const projectNames = report.value?.projectNames ?? new Map<string, string>();
  const serviceAccounts = report.value?.serviceAccounts ?? [];
  const refresh = report.reload;

  const act = (f: ServerFinding) =>
    task.run(`Moving ${f.name} off a person…`, async (onProgress) => {
      setDone(null);
      let result: string;
      if (actionOf(f) === 'ssh-host') {
        result = `${f.name} now clones from ${await moveSshHost(tc, f)}.`;
      } else {
        const outcome = await migrateToAccessKey(tc, f.projectId, await readSettings(tc, f.projectId), [f], onProgress);
        result = outcome.skipped.length
          ? `${f.name} kept its settings: the access key could not be registered on ${f.repositories.join(', ')}.`
          : `${f.name} now clones with access key ${outcome.label}.`;
      }
      await refresh();
      setDone(result);
    });

  const replaceClone = (f: ServerFinding) =>
    task.run(`Replacing ${f.name} with an access token…`, async () => {
      setDone(null);
      await replaceWithAccessToken(tc, f.projectId, accessToken);
      setAccessToken('');
      await refresh();
      setDone(`${f.name} is now an access token: tied to no person.`);
    });

  const saveAccounts = (accounts: string[]) =>
    task.run('Saving the service accounts…', async () => {
      await saveServiceAccounts(tc, accounts);
      setNewAccount('');
      await refresh();
    });

  const mine = findings && person ? dependsOn(findings, person.split(',')) : [];
  const busy = task.busy !== null;
  return (
    <section className="ra-card" aria-labelledby="ra-own-server-title">
      <style>{tableCss}</style>
      <h3 id="ra-own-server-title">What breaks if someone leaves: the whole server</h3>
      {report.state === 'loading' && !findings ? <p>{READING}</p> : null}
      {report.error && !findings ? <Message type="error">{report.error}</Message> : null}
      <TaskView task={task} label="Server-wide ownership" />
      {done ? <Message type="success">{done}</Message> : null}
      {findings ? (
        <>
          <h4>A person&apos;s view</h4>
          <label htmlFor="ra-own-person">Person (Bitbucket account, e-mail or TeamCity user; several separated by commas)</label>
          <input id="ra-own-person" list="ra-own-people" value={person} onChange={(e) => setPerson(e.target.value)} />
          <datalist id="ra-own-people">
            {people(findings).map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          {person ? (
            mine.length === 0 ? (
              <Message type="success">Nothing on this server depends on {person}.</Message>
            ) : (
              <>
                <Message type="warning">
                  {mine.length} {mine.length === 1 ? 'credential depends' : 'credentials depend'} on {person}. These build configurations would stop:{' '}
                  {stoppingByProject(mine, projectNames)
                    .map((g) => `${g.project}: ${g.buildTypes.join(', ')}`)
                    .join('; ') || 'none'}
                  .
                </Message>
                <ul aria-label="Credentials of the person">
                  {mine.map((f) => (
                    <li key={f.id} data-verdict={f.verdict}>
                      <strong>{f.name}</strong> in {f.projectName} <span className={badge[f.verdict].className}>{badge[f.verdict].text}</span> — last used {shownDate(f.lastUsed)}
                      <div className="ra-muted" style={{ fontSize: 12 }}>
                        {f.explanation}
                      </div>
                      {actionOf(f) ? (
                        <Button onClick={() => void act(f)} disabled={busy}>
                          {actionOf(f) === 'ssh-host' ? `Move ${f.name} to ssh.bitbucket.org` : `Move ${f.name} to an access key`}
                        </Button>
                      ) : f.subject === 'stored-credential' && f.id.includes(':clone:') ? (
                        <div>
                          <label htmlFor={`ra-own-token-${f.projectId}`}>Access token for {f.projectName}</label>
                          <input id={`ra-own-token-${f.projectId}`} type="password" autoComplete="off" value={accessToken} onChange={(e) => setAccessToken(e.target.value)} />
                          <Button onClick={() => void replaceClone(f)} disabled={busy || accessToken.trim() === ''}>
                            {`Replace ${f.name} with the access token`}
                          </Button>
                        </div>
                      ) : (
                        <div style={{ fontSize: 12 }}>Replace it in project {f.projectName} (Connection section) with an OAuth consumer or an access token.</div>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )
          ) : null}

          <h4>Shared service accounts</h4>
          <p className="ra-muted">
            A dedicated Bitbucket user holding an API token survives people leaving, but costs a seat and its token expires. Accounts listed here show as
            &quot;shared service account&quot;, never as a person&apos;s.
          </p>
          <ul aria-label="Service accounts">
            {serviceAccounts.map((a) => (
              <li key={a}>
                {a}{' '}
                <Button onClick={() => void saveAccounts(serviceAccounts.filter((x) => x !== a))} disabled={busy}>
                  Remove {a}
                </Button>
              </li>
            ))}
          </ul>
          <label htmlFor="ra-own-service">Bitbucket account (e-mail or username)</label>
          <input id="ra-own-service" value={newAccount} onChange={(e) => setNewAccount(e.target.value)} />
          <Button onClick={() => void saveAccounts([...serviceAccounts, newAccount.trim()])} disabled={busy || newAccount.trim() === ''}>
            Mark as shared service account
          </Button>

          <h4>Every Bitbucket credential</h4>
          <ServerTable findings={findings} busy={busy} onMove={(f) => void act(f)} onRefresh={() => void task.run(READING, refresh)} />
        </>
      ) : null}
    </section>
  );
}
