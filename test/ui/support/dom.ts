import { within } from '@testing-library/dom';
import { JSDOM } from 'jsdom';

// A browser-like global for component tests. Import this module before react-dom (which checks for a
// DOM once, when first loaded) and call installDom() in a `before` hook, its result in `after`: mocha
// reuses worker processes (and their module cache) for other areas' node tests and other test files.
// Modules are cached, so query through `within(document.body)` or this module's `screen`, not RTL's `screen`
// (bound to the body that existed at import). useDom() is the hook pair for one describe.

function install(): () => void {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'http://127.0.0.1/admin/editProject.html?projectId=Demo&tab=repo-access',
    pretendToBeVisual: true,
  });
  const win = dom.window;
  const globals: Record<string, unknown> = {
    window: win,
    document: win.document,
    navigator: win.navigator,
    location: win.location,
    history: win.history,
    HTMLElement: win.HTMLElement,
    HTMLInputElement: win.HTMLInputElement,
    Node: win.Node,
    Event: win.Event,
    KeyboardEvent: win.KeyboardEvent,
    MouseEvent: win.MouseEvent,
    getComputedStyle: win.getComputedStyle.bind(win),
    requestAnimationFrame: win.requestAnimationFrame.bind(win),
    cancelAnimationFrame: win.cancelAnimationFrame.bind(win),
    IS_REACT_ACT_ENVIRONMENT: true,
  };
  const saved = new Map(Object.keys(globals).map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)]));
  for (const [key, value] of Object.entries(globals)) Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  return () => {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, key, descriptor);
      else delete (globalThis as Record<string, unknown>)[key];
    }
    win.close();
  };
}

let current: (() => void) | undefined = install();

/** A fresh DOM as the globals; returns what removes it again. */
export function installDom(): () => void {
  current?.();
  const remove = install();
  current = remove;
  return () => {
    if (current === remove) current = undefined;
    remove();
  };
}

/** Installs a fresh DOM before the enclosing describe's tests and removes it after them. */
export function useDom(): void {
  let remove: (() => void) | undefined;
  before(() => {
    remove = installDom();
  });
  after(() => remove?.());
}

type Queries = ReturnType<typeof within>;
/** RTL's queries on the current document.body, whichever DOM is installed when they run. */
export const screen = new Proxy({} as Queries, { get: (_target, key) => Reflect.get(within(document.body), key) as unknown });
