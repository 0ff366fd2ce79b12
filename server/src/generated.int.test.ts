import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSchema } from './db/generate-types.ts';
import { renderClientTypes } from './openapi/generate.ts';

// Generated files are committed; these fail when the code changed and `npm run gen` was not run.
describe('generated files are up to date', () => {
  it('server/src/db/schema.gen.ts matches the migrations', async () => {
    const committed = readFileSync(path.join(import.meta.dirname, 'db/schema.gen.ts'), 'utf8');
    expect(await renderSchema(), 'run `npm run gen:db` and commit').toBe(committed);
  });

  it('web/src/app/api/schema.gen.ts matches the server’s OpenAPI document', async () => {
    const committed = readFileSync(
      path.join(import.meta.dirname, '../../web/src/app/api/schema.gen.ts'),
      'utf8',
    );
    expect(await renderClientTypes(), 'run `npm run gen:api` and commit').toBe(committed);
  });
});
