#!/usr/bin/env node
// `npx repo-access` in a checkout runs the TypeScript sources through tsx; agents run dist/agent/repo-access.js.
import { register } from 'tsx/esm/api';
register();
await import('./cli.ts');
