#!/usr/bin/env node
// `npm test`: every suite, then one closing line `N passed, N failed` counting them all.
// Integration tests run on PGlite, and again on PostgreSQL when DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'linli-test-report-'));
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const summary = [];

function run(name, command, args, env = {}) {
  console.log(`\n━━ ${name} ━━ ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

/** A check that is one test: lint, type-check, build. */
function check(name, command, args, env) {
  if (only.length && !only.includes(name)) return true;
  const { ok, seconds } = run(name, command, args, env);
  if (ok) passed += 1;
  else failed += 1;
  summary.push(`${ok ? '✓' : '✗'} ${name} (${seconds}s)`);
  return ok;
}

/** A runner whose JSON report gives the number of tests passed and failed. */
function suite(name, command, args, reportFile, count, env) {
  if (only.length && !only.includes(name)) return;
  const { ok, seconds } = run(name, command, args, env);
  let p = 0;
  let f = 0;
  if (existsSync(reportFile))
    ({ passed: p, failed: f } = count(JSON.parse(readFileSync(reportFile, 'utf8'))));
  // A runner that failed without reporting a failed test (crash, setup error) still counts as one failure.
  if (!ok && f === 0) f = 1;
  passed += p;
  failed += f;
  summary.push(`${ok ? '✓' : '✗'} ${name}: ${p} passed, ${f} failed (${seconds}s)`);
}

const vitestCount = (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests });
const playwrightCount = (r) => ({
  passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0),
  failed: r.stats?.unexpected ?? 0,
});
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const pgUrl = process.env.DATABASE_URL;

check('lint', bin('biome'), ['check', '.']);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);

const pgliteReport = path.join(tmp, 'vitest-pglite.json');
suite(
  'unit+integration (PGlite)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${pgliteReport}`],
  pgliteReport,
  vitestCount,
  { DATABASE_URL: '' },
);

if (pgUrl) {
  const pgReport = path.join(tmp, 'vitest-postgres.json');
  suite(
    'integration (PostgreSQL)',
    bin('vitest'),
    ['run', '.int.test.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${pgReport}`],
    pgReport,
    vitestCount,
    { DATABASE_URL: pgUrl },
  );
} else {
  summary.push('- integration (PostgreSQL): skipped, DATABASE_URL is not set');
}

if (check('web build', 'npm', ['run', 'build', '--workspace', '@linli/web'])) {
  const e2eReport = path.join(tmp, 'playwright.json');
  suite(
    'browser (Playwright + Chromium)',
    bin('playwright'),
    ['test', '--config', 'e2e/playwright.config.ts'],
    e2eReport,
    playwrightCount,
    { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport, DATABASE_URL: '' },
  );
}

rmSync(tmp, { recursive: true, force: true });
console.log(`\n${summary.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
