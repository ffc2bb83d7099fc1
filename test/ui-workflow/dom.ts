import { JSDOM } from 'jsdom';

/** A jsdom window as the global environment, installed once per mocha worker before React loads. */
export function installDom(): void {
  if (typeof globalThis.document !== 'undefined') return;
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://127.0.0.1/', pretendToBeVisual: true });
  const win = dom.window as unknown as Record<string, unknown>;
  const names = ['window', 'document', 'navigator', 'HTMLElement', 'HTMLInputElement', 'Node', 'Event', 'KeyboardEvent', 'MouseEvent', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame'];
  for (const name of names) {
    Object.defineProperty(globalThis, name, { value: name === 'window' ? dom.window : win[name], configurable: true, writable: true });
  }
  (globalThis as Record<string, unknown>).IS_REACT_ACT_ENVIRONMENT = true;
}
