import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.ts';

describe('migrations', () => {
  const files = readdirSync(path.join(import.meta.dirname, 'migrations'))
    .filter((f) => f !== 'index.ts' && f.endsWith('.ts'))
    .map((f) => f.replace(/\.ts$/, ''));

  it('lists every migration file in the index, in name order', () => {
    expect(Object.keys(MIGRATIONS)).toEqual(files.sort());
  });

  it('names every file YYYYMMDDHHMM_snake_name', () => {
    for (const f of files) expect(f).toMatch(/^\d{12}_[a-z0-9_]+$/);
  });
});
