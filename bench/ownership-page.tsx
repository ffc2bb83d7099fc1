import React from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ServerFinding } from '../plugin-ui/ownership/server-report';
import { ServerTable } from '../plugin-ui/ownership/ServerTable';

// Runs inside Chromium for bench/ownership.ts: the real server-wide table, timed from the data's arrival to its first rows laid out.

function measure(findings: ServerFinding[]): { firstRows: number; rows: number } {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  const start = performance.now();
  flushSync(() => root.render(<ServerTable findings={findings} busy={false} onMove={() => undefined} onRefresh={() => undefined} />));
  host.querySelector('tbody tr')?.getBoundingClientRect();
  const firstRows = performance.now() - start;
  const rows = host.querySelectorAll('tbody tr').length;
  root.unmount();
  host.remove();
  return { firstRows, rows };
}

(window as unknown as { ownershipBench: typeof measure }).ownershipBench = measure;
