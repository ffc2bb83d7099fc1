import React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import { Button, ContentPanel, STYLE } from './components';
import { CSRF } from './csrf';
import { Plugin, pluginRegistry, TabPlugin } from './plugin';
import { requestJSON, requestText } from './request';

// The sandbox's stand-in for the window.TeamCityAPI global that TeamCity puts on its pages.

declare global {
  interface Window {
    BS?: { CSRF?: typeof CSRF } & Record<string, unknown>;
  }
}

window.base_uri ??= window.location.origin;
window.BS = { ...window.BS, CSRF };

const style = document.createElement('style');
style.textContent = STYLE;
document.head.appendChild(style);

function render<P extends object>(elementOrId: HTMLElement | string, Type: React.ComponentType<P>, props: P): void {
  const element = typeof elementOrId === 'string' ? document.getElementById(elementOrId) : elementOrId;
  if (element) ReactDOMClient.createRoot(element).render(React.createElement(Type, props));
}

const TeamCityAPI = {
  React,
  ReactDOM,
  ReactDOMClient,
  render,
  Plugin,
  TabPlugin,
  pluginRegistry,
  Components: { Button, ContentPanel },
  Services: {},
  utils: {
    requestJSON,
    requestText,
    isSakuraUI: () => false,
    resolveRelativeURL: (relativePath: string) => `${window.base_uri ?? ''}/${relativePath.replace(/^\//, '')}`,
  },
};

// Typed loosely on purpose: plugin-ui declares the consumer's view of this global; this is the provider.
Object.assign(window, { TeamCityAPI });
