import assert from 'node:assert/strict';
import { screen, useDom } from '../support/dom';
import React from 'react';
import { render, fireEvent, cleanup, within } from '@testing-library/react';
import { RepositoryPicker } from '../../../plugin-ui/repositories/picker/RepositoryPicker';
import * as model from '../../../plugin-ui/repositories/picker/model';

function fixture(n: number, projects: number): import('../../../plugin-ui/repositories/picker/model').Repository[] {
  return Array.from({ length: n }, (_, i) => ({
    slug: `repo-${String(i).padStart(4, '0')}`,
    fullName: `acme/repo-${String(i).padStart(4, '0')}`,
    name: `repo-${String(i).padStart(4, '0')}`,
    project: i % (projects + 1) === projects ? null : `P${i % (projects + 1)}`,
    isPrivate: true,
    mainbranch: 'main',
  }));
}

function Harness({ repos, onSelection }: { repos: ReturnType<typeof fixture>; onSelection?: (s: Set<string>) => void }) {
  const catalog = React.useMemo(() => model.buildCatalog(repos), [repos]);
  const [selection, setSelection] = React.useState<Set<string>>(new Set());
  return (
    <RepositoryPicker
      catalog={catalog}
      selection={selection}
      onSelectionChange={(next) => {
        setSelection(next);
        onSelection?.(next);
      }}
    />
  );
}

describe('repository picker', () => {
  useDom();
  afterEach(() => cleanup());

  it('renders only the visible rows of 5,000 repositories', () => {
    render(<Harness repos={fixture(5000, 4)} />);
    const rows = within(screen.getByRole('list', { name: 'Repositories' })).getAllByRole('listitem');
    assert.ok(rows.length > 5 && rows.length < 60, `mounted ${rows.length} rows`);
    assert.equal(rows[0]?.getAttribute('aria-setsize'), String(5000 + 5));
    assert.match(screen.getByTestId('selected-count').textContent ?? '', /^0 of 5000 selected · 5000 shown$/);
  });

  it('mounts the rows under the scroll position', () => {
    render(<Harness repos={fixture(5000, 4)} />);
    const list = screen.getByTestId('virtual-list');
    list.scrollTop = 28 * 3000;
    fireEvent.scroll(list);
    const positions = within(list)
      .getAllByRole('listitem')
      .map((row) => Number(row.getAttribute('aria-posinset')));
    assert.ok(Math.min(...positions) > 2980 && Math.max(...positions) < 3040, `rows ${Math.min(...positions)}..${Math.max(...positions)}`);
  });

  it('filters as you type, keeping project headers of matches', () => {
    render(<Harness repos={fixture(50, 2)} />);
    fireEvent.change(screen.getByLabelText('Filter repositories'), { target: { value: 'repo-004' } });
    const labels = within(screen.getByRole('list', { name: 'Repositories' }))
      .getAllByRole('listitem')
      .map((row) => row.textContent ?? '');
    assert.deepEqual(
      labels.filter((t) => t.startsWith('acme/')).sort(),
      ['acme/repo-0040', 'acme/repo-0041', 'acme/repo-0042', 'acme/repo-0043', 'acme/repo-0044', 'acme/repo-0045', 'acme/repo-0046', 'acme/repo-0047', 'acme/repo-0048', 'acme/repo-0049'],
    );
    assert.ok(labels.some((t) => t.startsWith('Project P0')));
    assert.match(screen.getByTestId('selected-count').textContent ?? '', /10 shown/);
    fireEvent.change(screen.getByLabelText('Filter repositories'), { target: { value: 'no such thing' } });
    assert.equal(within(screen.getByRole('list', { name: 'Repositories' })).queryAllByRole('listitem').length, 0);
  });

  it('selects a whole project, including repositories the filter hides, and counts', () => {
    let last = new Set<string>();
    render(<Harness repos={fixture(30, 2)} onSelection={(s) => (last = s)} />);
    fireEvent.change(screen.getByLabelText('Filter repositories'), { target: { value: 'repo-000' } });
    fireEvent.click(screen.getByLabelText('Select all of Project P1'));
    assert.equal(last.size, 10, 'every P1 repository, filtered or not');
    assert.equal(screen.getByTestId('project-count-P1').textContent?.startsWith('10 of 10 selected'), true);
    fireEvent.click(screen.getByLabelText('acme/repo-0000'));
    assert.equal(last.size, 11);
    assert.match(screen.getByTestId('selected-count').textContent ?? '', /^11 of 30 selected/);
    const partial = screen.getByLabelText('Select all of Project P0') as HTMLInputElement;
    assert.equal(partial.indeterminate, true);
    assert.equal(partial.checked, false);
    fireEvent.click(screen.getByLabelText('Select all of Project P1'));
    assert.equal(last.size, 1, 'toggling a fully selected project clears it');
  });

  it('shows names holding HTML or script as text', () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    render(<Harness repos={[{ slug: 'img-src-x', fullName: 'acme/img-src-x', name: evil, project: '<b>P</b>', isPrivate: true, mainbranch: 'main' }]} />);
    assert.ok(screen.getByText(evil));
    fireEvent.change(screen.getByLabelText('Filter repositories'), { target: { value: 'onerror' } });
    assert.ok(screen.getByText(evil), 'the filter matches display names too');
    assert.ok(screen.getByText('Project <b>P</b>'));
    assert.equal(document.querySelector('img'), null);
    assert.equal(document.querySelector('list script, [role=list] script'), null);
    assert.equal((window as unknown as { __pwned?: number }).__pwned, undefined);
  });
});

describe('picker model', () => {
  it('registers whole projects with one project key and the rest per repository', () => {
    const catalog = model.buildCatalog(fixture(30, 2));
    let selection = model.toggleProject(catalog, new Set(), 'P0');
    selection = model.toggleRepo(selection, 'acme/repo-0001');
    selection = model.toggleRepo(selection, 'acme/repo-0002');
    selection = model.toggleProject(catalog, selection, '');
    const target = model.registrationTarget(catalog, selection);
    assert.deepEqual(target.projects, ['P0']);
    assert.deepEqual(
      target.repos.map((r) => r.fullName),
      ['acme/repo-0001', ...Array.from({ length: 10 }, (_, k) => `acme/repo-${String(3 * k + 2).padStart(4, '0')}`)],
      'repositories outside a project never get a project key',
    );
  });
});
