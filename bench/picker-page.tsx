import React from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { buildCatalog, type Repository } from '../plugin-ui/repositories/picker/model';
import { RepositoryPicker } from '../plugin-ui/repositories/picker/RepositoryPicker';

// Runs inside Chromium for bench/picker.ts: mounts the real picker and times it with performance.now().

function repositories(count: number): Repository[] {
  return Array.from({ length: count }, (_, i) => ({
    slug: `service-${i}`,
    fullName: `acme/service-${i}`,
    name: `Service ${i}`,
    project: i % 41 === 40 ? null : `P${i % 40}`,
    isPrivate: true,
    mainbranch: 'main',
  }));
}

function Harness({ repos, windowed }: { repos: Repository[]; windowed: boolean }) {
  const catalog = React.useMemo(() => buildCatalog(repos), [repos]);
  const [selection, setSelection] = React.useState<Set<string>>(new Set());
  return <RepositoryPicker catalog={catalog} selection={selection} onSelectionChange={setSelection} windowed={windowed} />;
}

const layout = () => document.body.getBoundingClientRect().height;
const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

async function measure(count: number, windowed: boolean, typed: string, rounds: number): Promise<{ firstRender: number; keystrokes: number[]; rows: number }> {
  const host = document.createElement('div');
  document.body.append(host);
  const root: Root = createRoot(host);
  const repos = repositories(count);
  const start = performance.now();
  flushSync(() => root.render(<Harness repos={repos} windowed={windowed} />));
  layout();
  const firstRender = performance.now() - start;
  const input = host.querySelector('input[type=search]') as HTMLInputElement;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  const keystrokes: number[] = [];
  const key = async (value: string) => {
    const t0 = performance.now();
    setValue.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await microtask(); // React flushes discrete (input) updates in a microtask
    layout();
    keystrokes.push(performance.now() - t0);
  };
  for (let round = 0; round < rounds; round++) {
    for (let i = 1; i <= typed.length; i++) await key(typed.slice(0, i));
    for (let i = typed.length - 1; i >= 0; i--) await key(typed.slice(0, i));
  }
  const rows = host.querySelectorAll('[role=listitem]').length;
  root.unmount();
  host.remove();
  return { firstRender, keystrokes, rows };
}

(window as unknown as { pickerBench: typeof measure }).pickerBench = measure;
