import React from 'react';
import { Button } from '../ui/kit';
import type { Verdict } from './classify';
import { badge } from './OwnershipSection';
import { RECENT_DAYS } from './server-facts';
import { toCsv, toJson, type ServerFinding } from './server-report';

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

/** What moves a finding off a person, in one click; null when it has to be changed elsewhere. */
export function actionOf(f: ServerFinding): 'ssh-host' | 'access-key' | null {
  if (f.subject !== 'vcs-root') return null;
  if (f.verdict === 'personal' || f.verdict === 'retired') return 'access-key';
  return f.sshHostMove ? 'ssh-host' : null;
}

/** A download made in the browser: nothing is written on the server. */
function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Every Bitbucket credential on the server: sort by a column, filter by verdict or text, download what is shown. */
export function ServerTable({ findings, busy, onMove, onRefresh }: { findings: readonly ServerFinding[]; busy: boolean; onMove: (f: ServerFinding) => void; onRefresh: () => void }): React.ReactElement {
  const [verdictFilter, setVerdictFilter] = React.useState<Verdict | ''>('');
  const [text, setText] = React.useState('');
  const [sort, setSort] = React.useState<SortKey>('verdict');
  const shown = findings
    .filter((f) => (verdictFilter === '' || f.verdict === verdictFilter) && (text === '' || `${f.name} ${f.owner ?? ''} ${f.projectName}`.toLowerCase().includes(text.toLowerCase())))
    .sort((a, b) => compare[sort](a, b) || a.name.localeCompare(b.name));
  return (
    <>
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
        <Button onClick={onRefresh} disabled={busy}>
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
                  <Button onClick={() => onMove(f)} disabled={busy}>
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
  );
}
