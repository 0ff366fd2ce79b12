import { defineConfig } from 'vitest/config';

// Unit tests (*.test.ts) and integration tests (*.int.test.ts) on a real database:
// PGlite by default, PostgreSQL when DATABASE_URL is set (scripts/test.mjs runs both).
export default defineConfig({
  test: {
    include: ['common/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
