#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npx da06` needs no separate build of the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
