import os from 'node:os';
import { defineConfig } from 'vitest/config';

const cores = os.availableParallelism();

// Unit tests (*.test.ts) and integration tests (*.int.test.ts) on a real database:
// PGlite by default, PostgreSQL when DATABASE_URL is set (scripts/test.mjs runs both).
export default defineConfig({
  test: {
    include: ['common/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    pool: 'forks',
    // Vitest's default leaves a core to its idle main process. PGlite runs in the test's own process,
    // so a worker per core; PostgreSQL does part of the work in its own processes, so one more.
    // Measured on two cores: PGlite 414 s → 300 s, PostgreSQL 279 s → 182 s.
    maxWorkers: process.env.DATABASE_URL ? cores + 1 : Math.max(cores, 2),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
