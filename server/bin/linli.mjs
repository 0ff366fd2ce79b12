#!/usr/bin/env node
// Loads the TypeScript CLI in this same process through tsx's loader, so `npx linli …` works
// straight after `npm ci` and signals (SIGTERM) reach the server directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
