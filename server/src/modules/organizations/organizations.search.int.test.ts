import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { TEST_CIPHER } from '../../../test/database.ts';
import { OrganizationService } from './organizations.service.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
});
afterAll(() => t.close());

interface Org {
  id: string;
  name: string;
  category: string;
  divisionCode: string;
  version: number;
}

async function search(headers: AuthHeaders, q: string, extra = '') {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/organizations?q=${encodeURIComponent(q)}&limit=100${extra}`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Org[]; total: number };
}

async function create(body: Record<string, unknown>): Promise<Org> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/organizations',
    headers: admin,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const filing = (name: string, divisionCode: string, more: Record<string, unknown> = {}) => ({
  kind: 'community_org',
  name,
  divisionCode,
  fields: ['public_welfare'],
  category: 'community_governance',
  ...more,
});

let barber: Org;
let outside: Org;

describe('Chinese full-text search of the registry', () => {
  beforeAll(async () => {
    barber = await create(
      filing('爱民社区银发便民服务队', '220106001001', {
        description: '每月为独居老人提供上门理发和修脚服务',
        serviceArea: '向阳小区及周边楼院',
      }),
    );
    // Another street (春城街道, not 正阳街道 220106001): the street account must never find it.
    outside = await create(filing('外街道理发志愿队', '220106003001', { description: '上门理发' }));
  });

  it('fills a search vector for every demo record when the app starts', async () => {
    const row = await t.database.db
      .selectFrom('organization')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('searchVector', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(0);
  });

  it('finds the elderly-care organizations by 养老 and the child-welfare ones by 儿童', async () => {
    const elderly = await search(admin, '养老');
    const elderlyCategory = (await search(admin, '', '&category=elderly_care')).total;
    expect(elderly.total).toBe(elderlyCategory);
    expect(elderly.items.every((o) => o.category === 'elderly_care')).toBe(true);
    // Relevance is the default order: a name with the word comes before a description-only match.
    expect(elderly.items[0]!.name).toContain('养老');

    const children = await search(admin, '儿童');
    expect(children.total).toBe((await search(admin, '', '&category=child_welfare')).total);
    expect(children.items.every((o) => o.category === 'child_welfare')).toBe(true);
  });

  it('finds a word that is only in the description, and words in any order', async () => {
    expect((await search(admin, '修脚')).items.map((o) => o.id)).toEqual([barber.id]);
    // Not a substring of any text: only the word index answers it.
    expect((await search(admin, '理发 独居')).items.map((o) => o.id)).toEqual([barber.id]);
  });

  it('finds a word of the service area, which the character-pair search does not cover', async () => {
    expect((await search(admin, '向阳小区')).items.map((o) => o.id)).toEqual([barber.id]);
  });

  it('finds nothing for a word no record has', async () => {
    expect((await search(admin, '火箭发射')).total).toBe(0);
    expect((await search(admin, '理发 火箭')).total).toBe(0);
  });

  it('keeps the scope: a street finds only its own street’s records', async () => {
    expect(new Set((await search(admin, '理发')).items.map((o) => o.id))).toEqual(
      new Set([barber.id, outside.id]),
    );
    expect((await search(street, '理发')).items.map((o) => o.id)).toEqual([barber.id]);
    expect((await search(street, '外街道')).total).toBe(0);
  });

  it('recomputes the vector when the texts change, and clears a vector other code left stale', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${barber.id}`,
      headers: admin,
      payload: { version: barber.version, serviceArea: '春风小区' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await search(admin, '春风小区')).items.map((o) => o.id)).toEqual([barber.id]);
    expect((await search(admin, '向阳小区')).total).toBe(0);

    // A write that bypasses the service: the trigger clears the vector instead of leaving it stale.
    await t.database.db
      .updateTable('organization')
      .set({ serviceArea: '朝阳小区' })
      .where('id', '=', barber.id)
      .execute();
    const stale = await t.database.db
      .selectFrom('organization')
      .select('searchVector')
      .where('id', '=', barber.id)
      .executeTakeFirstOrThrow();
    expect(stale.searchVector).toBeNull();
    // Meanwhile name and description are still found by characters.
    expect((await search(admin, '修脚')).items.map((o) => o.id)).toEqual([barber.id]);
    // The start-up backfill fills it again.
    expect(await new OrganizationService(t.database.db, TEST_CIPHER).backfillSearchVectors()).toBe(1);
    expect((await search(admin, '朝阳小区')).items.map((o) => o.id)).toEqual([barber.id]);
  });
});
