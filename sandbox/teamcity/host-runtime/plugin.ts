import React from 'react';
import { createRoot, type Root } from 'react-dom/client';

// The Plugin / TabPlugin classes and the registry of TeamCity's front-end plugin API, reduced to what a page
// without TeamCity's own React app needs: lifecycle callbacks and mounting into a place's container.

export const placeIds = Object.fromEntries(
  ['SAKURA_HEADER_RIGHT', 'SAKURA_BEFORE_CONTENT', 'SAKURA_PROJECT_BUILDS', 'BEFORE_CONTENT', 'PROJECT_FRAGMENT', 'TAB_PLUGIN_CONTAINER'].map((id) => [id, id]),
);

type Content = string | HTMLElement | React.ComponentType<Record<string, unknown>>;
type Callback = (context: PluginContext) => unknown;
interface PluginContext {
  location: { projectId?: string | null };
}
interface PluginArgs {
  name: string;
  content: Content;
  options?: { containerTagName?: string; containerClassNames?: string | string[]; debug?: boolean };
  onCreate?: () => unknown;
  onMount?: Callback;
  onUnmount?: Callback;
  onContextUpdate?: Callback;
  onDelete?: Callback;
}

const registered: Plugin[] = [];

export const pluginRegistry = {
  searchByPlaceId: (placeId: string, name?: string) =>
    name ? registered.find((p) => p.placeId === placeId && p.name === name) : registered.filter((p) => p.placeId === placeId),
  findUniquePlugin: (placeId: string, name: string) => registered.find((p) => p.placeId === placeId && p.name === name),
  search: (name: string) => registered.filter((p) => p.name === name),
};

export class Plugin {
  static placeIds = placeIds;
  readonly name: string;
  readonly placeId: string;
  content: Content;
  options: NonNullable<PluginArgs['options']>;
  container: HTMLElement | undefined;
  debug: boolean;
  private root: Root | undefined;
  private readonly callbacks: Record<'mount' | 'unmount' | 'contextUpdate' | 'delete', Callback[]> = { mount: [], unmount: [], contextUpdate: [], delete: [] };
  private context: PluginContext = { location: { projectId: document.getElementById('repo-access-root')?.dataset.projectId ?? null } };

  constructor(placeId: string | string[], args: PluginArgs) {
    this.placeId = Array.isArray(placeId) ? placeId[0]! : placeId;
    this.name = args.name;
    this.content = args.content;
    this.options = args.options ?? {};
    this.debug = Boolean(this.options.debug);
    if (args.onMount) this.callbacks.mount.push(args.onMount);
    if (args.onUnmount) this.callbacks.unmount.push(args.onUnmount);
    if (args.onContextUpdate) this.callbacks.contextUpdate.push(args.onContextUpdate);
    if (args.onDelete) this.callbacks.delete.push(args.onDelete);
    registered.push(this);
    args.onCreate?.();
    const place = document.querySelector<HTMLElement>(`[data-plugin-place="${this.placeId}"]`);
    if (place) this.mount(place);
  }

  private on(kind: keyof Plugin['callbacks'], callback: Callback): () => void {
    this.callbacks[kind].push(callback);
    return () => void this.callbacks[kind].splice(this.callbacks[kind].indexOf(callback), 1);
  }
  onCreate = (callback: () => unknown) => (callback(), () => undefined);
  onMount = (callback: Callback) => this.on('mount', callback);
  onUnmount = (callback: Callback) => this.on('unmount', callback);
  onContextUpdate = (callback: Callback) => this.on('contextUpdate', callback);
  onDelete = (callback: Callback) => this.on('delete', callback);

  mount(place?: HTMLElement): void {
    const container = document.createElement(this.options.containerTagName ?? 'div');
    const classes = this.options.containerClassNames;
    if (classes) container.className = Array.isArray(classes) ? classes.join(' ') : classes;
    (place ?? document.body).appendChild(container);
    this.container = container;
    this.render();
    this.callbacks.mount.forEach((c) => c(this.context));
  }

  unmount(): void {
    this.root?.unmount();
    this.root = undefined;
    this.container?.remove();
    this.container = undefined;
    this.callbacks.unmount.forEach((c) => c(this.context));
  }

  updateContext(context: PluginContext): void {
    this.context = context;
    this.callbacks.contextUpdate.forEach((c) => c(context));
  }

  replaceContent(content: Content): void {
    this.content = content;
    this.render();
  }

  registerEventHandler(element: HTMLElement, event: string, callback: () => unknown): void {
    element.addEventListener(event, callback);
    this.on('unmount', () => element.removeEventListener(event, callback));
  }

  private render(): void {
    const container = this.container;
    if (!container) return;
    if (typeof this.content === 'string') container.innerHTML = this.content;
    else if (this.content instanceof HTMLElement) container.replaceChildren(this.content);
    else (this.root ??= createRoot(container)).render(React.createElement(this.content, { location: this.context.location }));
  }
}

export class TabPlugin extends Plugin {
  constructor(args: PluginArgs) {
    super('TAB_PLUGIN_CONTAINER', args);
  }
}
