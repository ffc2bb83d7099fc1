import React, { useMemo, useState } from 'react';
import { VirtualList } from '../../ui/VirtualList';
import {
  NO_PROJECT,
  type Catalog,
  type Row,
  type Selection,
  projectState,
  selectedInProject,
  toggleProject,
  toggleRepo,
  visibleRows,
} from './model';

export interface RepositoryPickerProps {
  catalog: Catalog;
  selection: Selection;
  onSelectionChange: (next: Set<string>) => void;
  windowed?: boolean;
  height?: number;
}

const ROW_HEIGHT = 28;

function projectLabel(key: string): string {
  return key === NO_PROJECT ? 'Not in a project' : `Project ${key}`;
}

export function RepositoryPicker({ catalog, selection, onSelectionChange, windowed = true, height = 420 }: RepositoryPickerProps): React.ReactElement {
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => visibleRows(catalog, filter), [catalog, filter]);
  const shown = useMemo(() => rows.reduce((n, r) => (r.kind === 'repo' ? n + 1 : n), 0), [rows]);

  const renderRow = (row: Row): React.ReactNode => {
    if (row.kind === 'project') {
      const state = projectState(catalog, selection, row.key);
      const count = selectedInProject(catalog, selection, row.key);
      return (
        <label style={{ display: 'flex', alignItems: 'center', gap: 6, height: '100%', fontWeight: 600, background: '#f4f5f7', paddingLeft: 4 }}>
          <input
            type="checkbox"
            checked={state === 'all'}
            ref={(el) => {
              if (el) el.indeterminate = state === 'some';
            }}
            onChange={() => onSelectionChange(toggleProject(catalog, selection, row.key))}
            aria-label={`Select all of ${projectLabel(row.key)}`}
          />
          <span>{projectLabel(row.key)}</span>
          <span style={{ color: '#6b778c', fontWeight: 400 }} data-testid={`project-count-${row.key}`}>
            {count} of {row.total} selected{row.shown < row.total ? ` · ${row.shown} shown` : ''}
          </span>
        </label>
      );
    }
    return (
      <label style={{ display: 'flex', alignItems: 'center', gap: 6, height: '100%', paddingLeft: 24 }}>
        <input
          type="checkbox"
          checked={selection.has(row.repo.fullName)}
          onChange={() => onSelectionChange(toggleRepo(selection, row.repo.fullName))}
          aria-label={row.repo.fullName}
        />
        <span>{row.repo.fullName}</span>
        {row.repo.name !== row.repo.slug ? <span style={{ color: '#6b778c', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{row.repo.name}</span> : null}
        {row.repo.isPrivate ? null : <span style={{ color: '#6b778c' }}>(public)</span>}
      </label>
    );
  };

  return (
    <div className="repo-access-picker">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 8 }}>
        <label>
          Filter repositories{' '}
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="name or project" />
        </label>
        <span role="status" data-testid="selected-count">
          {selection.size} of {catalog.repos.length} selected · {shown} shown
        </span>
      </div>
      <VirtualList
        items={rows}
        rowHeight={ROW_HEIGHT}
        height={height}
        label="Repositories"
        windowed={windowed}
        rowKey={(row) => (row.kind === 'project' ? `p:${row.key}` : `r:${row.repo.fullName}`)}
        renderRow={renderRow}
      />
    </div>
  );
}
