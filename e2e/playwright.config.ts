import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.E2E_PORT ?? 3199);
// A fresh data folder per run: the server migrates and loads the Lüyuan demo on first start.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'));
process.env.E2E_DATA_DIR = dataDir;

/** Debian's Chromium, started with the flags this machine needs (no sandbox as root, no background networking). */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './specs',
  // One results folder per port, so runs side by side do not trample each other's traces.
  outputDir: path.join(os.tmpdir(), `linli-e2e-results-${port}`),
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // JSON goes to PLAYWRIGHT_JSON_OUTPUT_NAME when npm test sets it (for the closing count).
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: chromiumLaunch,
    acceptDownloads: true,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunch },
      grepInvert: /@phone/,
    },
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], launchOptions: chromiumLaunch },
      grep: /@phone/,
    },
  ],
  webServer: {
    command: `node server/bin/linli.mjs start --port ${port}`,
    cwd: root,
    url: `http://127.0.0.1:${port}/api/health`,
    // The first start migrates and loads the whole demo into a fresh data folder.
    timeout: 300_000,
    reuseExistingServer: false,
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', DATABASE_URL: '' },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
