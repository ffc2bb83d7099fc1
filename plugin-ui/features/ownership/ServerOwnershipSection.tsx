import React from 'react';
import { Button, Message } from '../../app/kit';
import { useRepoAccess } from '../../app/context';
import { readSettings } from '../settings';
import { TaskView, useTask } from '../task';
import { tableCss } from '../styles';
import type { Verdict } from './classify';
import { migrateToAccessKey } from './migrate';
import { badge } from './OwnershipSection';
import { environmentOf } from './report';
import { loadServerFacts, RECENT_DAYS, ROOT_PROJECT, saveServiceAccounts } from './server-facts';
import { dependsOn, people, serverReport, stoppingByProject, toCsv, toJson, type ServerFinding } from './server-report';
import { moveSshHost } from './ssh-host';

type SortKey = 'name' | 'verdict' | 'owner' | 'dependents' | 'recentBuilds';
const verdictRank: Record<Verdict, number> = { retired: 0, personal: 1, unknown: 2, 'service-account': 3, 'non-personal': 4 };
const compare: Record<SortKey, (a: ServerFinding, b: ServerFinding) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  verdict: (a, b) => verdictRank[a.verdict] - verdictRank[b.verdict],
  owner: (a, b) => (a.owner ?? '').localeCompare(b.owner ?? ''),
  dependents: (a, b) => b.dependents.length - a.dependents.length,
  recentBuilds: (a, b) => b.recentBuilds - a.recentBuilds,
};
const columns: Array<[SortKey, string]> = [
  ['name', 'Credential'],
  ['verdict', 'Verdict'],
  ['owner', 'Owner'],
  ['dependents', 'Build configurations'],
  ['recentBuilds', `Builds (${RECENT_DAYS} days)`],
];

/** A TeamCity date (20260128T173000+0000) as 2026-01-28 17:30 UTC. */
const shownDate = (date: string | null): string => {
  const m = date && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})/.exec(date);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]} UTC` : `not in the last ${RECENT_DAYS} days`;
};

/** A download made in the browser: nothing is written on the server. */
function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** What moves a finding off a person, in one click; null when it has to be changed elsewhere. */
function actionOf(f: ServerFinding): 'ssh-host' | 'access-key' | null {
  if (f.subject !== 'vcs-root') return null;
  if (f.verdict === 'personal' || f.verdict === 'retired') return 'access-key';
  return f.sshHostMove ? 'ssh-host' : null;
}

/** From the root project: every Bitbucket credential on the server, a person's view of it, and shared service accounts. */
export function ServerOwnershipSection(): React.ReactElement {
  const { tc } = useRepoAccess();
  const [findings, setFindings] = React.useState<ServerFinding[] | null>(null);
  const [projectNames, setProjectNames] = React.useState<Map<string, string>>(new Map());
  const [serviceAccounts, setServiceAccounts] = React.useState<string[]>([]);
  const [person, setPerson] = React.useState('');
  const [newAccount, setNewAccount] = React.useState('');
  const [verdictFilter, setVerdictFilter] = React.useState<Verdict | ''>('');
  const [text, setText] = React.useState('');
  const [sort, setSort] = React.useState<SortKey>('verdict');
  const [done, setDone] = React.useState<string | null>(null);
  const task = useTask();

  const refresh = React.useCallback(async () => {
    const [facts, settings] = await Promise.all([loadServerFacts(tc), readSettings(tc, ROOT_PROJECT)]);
    setFindings(serverReport(facts, environmentOf(settings)));
    setProjectNames(new Map(facts.projects.map((p) => [p.id, p.name])));
    setServiceAccounts(facts.serviceAccounts);
  }, [tc]);
  // Reading TeamCity only: nothing here queues a build until the admin acts on a finding.
  React.useEffect(() => {
    void task.run('Reading every project, VCS root and build configuration…', refresh);
  }, [refresh]);

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

  const saveAccounts = (accounts: string[]) =>
    task.run('Saving the service accounts…', async () => {
      await saveServiceAccounts(tc, accounts);
      setNewAccount('');
      await refresh();
    });

  const mine = findings && person ? dependsOn(findings, person.split(',')) : [];
  const shown = (findings ?? [])
    .filter((f) => (verdictFilter === '' || f.verdict === verdictFilter) && (text === '' || `${f.name} ${f.owner ?? ''} ${f.projectName}`.toLowerCase().includes(text.toLowerCase())))
    .sort((a, b) => compare[sort](a, b) || a.name.localeCompare(b.name));
  const busy = task.busy !== null;
  return (
    <section className="ra-card" aria-labelledby="ra-own-server-title">
      <style>{tableCss}</style>
      <h3 id="ra-own-server-title">What breaks if someone leaves: the whole server</h3>
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
          <div className="ra-actions">
            <label htmlFor="ra-own-verdict">Verdict</label>
            <select id="ra-own-verdict" value={verdictFilter} onChange={(e) => setVerdictFilter(e.target.value as Verdict | '')}>
              <option value="">all</option>
              {Object.keys(verdictRank).map((v) => (
                <option key={v} value={v}>
                  {badge[v as Verdict].text}
                </option>
              ))}
            </select>
            <label htmlFor="ra-own-filter">Filter</label>
            <input id="ra-own-filter" value={text} onChange={(e) => setText(e.target.value)} />
            <Button onClick={() => download('bitbucket-credentials.csv', 'text/csv', toCsv(shown))}>Download CSV</Button>
            <Button onClick={() => download('bitbucket-credentials.json', 'application/json', toJson(shown, new Date()))}>Download JSON</Button>
            <Button onClick={() => void task.run('Reading every project, VCS root and build configuration…', refresh)} disabled={busy}>
              Scan again
            </Button>
          </div>
          <table className="ra-wf-table" aria-label="Server ownership report">
            <thead>
              <tr>
                {columns.map(([key, title]) => (
                  <th key={key} scope="col" aria-sort={sort === key ? 'descending' : undefined}>
                    <button type="button" className="ra-link" onClick={() => setSort(key)}>
                      {title}
                    </button>
                  </th>
                ))}
                <th scope="col">Project</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((f) => (
                <tr key={f.id} data-verdict={f.verdict}>
                  <td>
                    {f.name}
                    {f.sshHostMove ? <span className="ra-badge ra-badge-personal">SSH host moves</span> : null}
                    {actionOf(f) === 'ssh-host' ? (
                      <Button onClick={() => void act(f)} disabled={busy}>
                        {`Move ${f.name} to ssh.bitbucket.org`}
                      </Button>
                    ) : null}
                  </td>
                  <td>
                    <span className={badge[f.verdict].className}>{badge[f.verdict].text}</span>
                  </td>
                  <td>{f.owner ?? '—'}</td>
                  <td>{f.dependents.map((d) => d.name).join(', ') || '—'}</td>
                  <td>{f.recentBuilds}</td>
                  <td>{f.projectName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
