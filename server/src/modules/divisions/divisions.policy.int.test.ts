import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
});
afterAll(() => t.close());

const abilitiesOf = async (username: string, code: string) => {
  const headers = await signIn(t.app, username);
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/divisions/${code}`, headers });
  expect(res.statusCode).toBe(200);
  return res.json().abilities;
};

describe('division abilities in responses', () => {
  it('lets the district admin edit the district but never move or delete it', async () => {
    expect(await abilitiesOf('admin', '220106')).toEqual({
      update: true,
      createChild: true,
      move: false,
      delete: false,
    });
  });

  it('lets a street edit itself but not delete itself; a grid without children may go', async () => {
    expect(await abilitiesOf('street.zhengyang', '220106001')).toMatchObject({
      update: true,
      delete: false,
      move: false,
    });
    expect(await abilitiesOf('street.zhengyang', '220106001001')).toMatchObject({
      move: true,
      delete: false,
    });
    expect(await abilitiesOf('street.zhengyang', '220106001001001')).toEqual({
      update: true,
      createChild: false,
      move: true,
      delete: true,
    });
  });

  it('gives read-only roles no abilities, on the detail and on each child row', async () => {
    expect(await abilitiesOf('gridmember.220106001001001', '220106001001001')).toEqual({
      update: false,
      createChild: false,
      move: false,
      delete: false,
    });
    const headers = await signIn(t.app, 'community.aimin');
    const children = await t.app.inject({
      method: 'GET',
      url: '/api/v1/divisions/220106001001/children',
      headers,
    });
    const rows = children.json().items as Array<{ abilities: { delete: boolean } }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.abilities.delete)).toBe(true);
  });
});
