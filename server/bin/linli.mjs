#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx linli …` works straight after `npm ci`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/cli.mjs');
const main = path.join(import.meta.dirname, '../src/main.ts');
const result = spawnSync(process.execPath, [tsx, main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
