import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { TEST_PDF } from '../../../test/filing.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let community: AuthHeaders;
let org: AuthHeaders;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  community = await signIn(t.app, 'community.aimin');
  org = await signIn(t.app, 'org.demo');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });

const PDF = TEST_PDF;

const upload = (headers: AuthHeaders, id: string, purpose: string, filename: string, body: Buffer = PDF) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/organizations/${id}/attachments?purpose=${purpose}&filename=${encodeURIComponent(filename)}`,
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    payload: body,
  });

let serial = 0;
async function newFiling(
  headers = community,
  divisionCode = '220106001001',
): Promise<{ id: string; version: number }> {
  serial += 1;
  const res = await call(headers, 'POST', '/organizations', {
    kind: 'community_org',
    name: `绿园区表单测试${serial}号社区服务队`,
    divisionCode,
    fields: ['elderly'],
    category: 'elderly_care',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function otherStreetsOrganization(): Promise<{ id: string; version: number }> {
  const page = (await call(admin, 'GET', '/organizations?divisionCode=220106003&limit=1')).json();
  return page.items[0];
}

describe('filing with attachments', () => {
  it('refuses approval until the charter, members list and person in charge are uploaded', async () => {
    const o = await newFiling();
    const seen = (await call(street, 'GET', `/organizations/${o.id}`)).json();
    expect(seen.abilities.approveFiling).toBe(false);
    const early = await call(street, 'POST', `/organizations/${o.id}/transitions`, {
      action: 'approveFiling',
      version: 1,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('workflow.guardFailed');
    expect(early.json().detail).toContain('备案材料不全');
    expect(early.json().detail).toContain('3');

    const charter = await upload(community, o.id, 'charter', '章程（2026）.pdf');
    expect(charter.statusCode, charter.body).toBe(201);
    expect(charter.json()).toMatchObject({
      purpose: 'charter',
      filename: '章程（2026）.pdf',
      mime: 'application/pdf',
      size: PDF.length,
      uploadedByName: expect.any(String),
    });
    expect(charter.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await upload(community, o.id, 'members', '成员名单.pdf')).statusCode).toBe(201);
    const stillMissing = await call(street, 'POST', `/organizations/${o.id}/transitions`, {
      action: 'approveFiling',
      version: 1,
    });
    expect(stillMissing.json().detail).toContain('1');
    expect((await upload(community, o.id, 'person_in_charge', '负责人信息.pdf')).statusCode).toBe(201);

    const list = await call(street, 'GET', `/organizations/${o.id}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((a: { purpose: string }) => a.purpose)).toEqual([
      'charter',
      'members',
      'person_in_charge',
    ]);
    const approved = await call(street, 'POST', `/organizations/${o.id}/transitions`, {
      action: 'approveFiling',
      version: 1,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'active', version: 2 });
  });

  it('lets the street open an attachment, with a safe download header, and audits it', async () => {
    const o = await newFiling();
    const up = (await upload(community, o.id, 'members', '成员名单 2026.pdf')).json();
    const res = await call(street, 'GET', `/organizations/${o.id}/attachments/${up.id}/content`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="____ 2026.pdf"; filename*=UTF-8''${encodeURIComponent('成员名单')}%202026.pdf`,
    );
    expect(res.rawPayload.equals(PDF)).toBe(true);
    const inline = await call(
      street,
      'GET',
      `/organizations/${o.id}/attachments/${up.id}/content?inline=true`,
    );
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', o.id)
      .where('action', 'like', 'organization.attachment.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'organization.attachment.download',
      'organization.attachment.download',
      'organization.attachment.upload',
    ]);
  });

  it('decides the type from the bytes: a renamed text file is refused in Chinese', async () => {
    const o = await newFiling();
    const fake = await upload(
      community,
      o.id,
      'charter',
      '章程.pdf',
      Buffer.from('这不是 PDF，只是改了扩展名'),
    );
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('attachment.unsupportedType');
    expect(fake.json().detail).toContain('章程.pdf');
    expect(fake.json().detail).toContain('格式不受支持');
    const exe = await upload(community, o.id, 'other', 'photo.png', Buffer.from('MZ\x90\x00\x03\x00'));
    expect(exe.statusCode).toBe(415);
    const empty = await upload(community, o.id, 'other', 'empty.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    // Nothing refused was kept.
    expect((await call(community, 'GET', `/organizations/${o.id}/attachments`)).json()).toEqual([]);
  });

  it('refuses a file over the size limit (10 MB) with the limit in the message', async () => {
    const o = await newFiling();
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(community, o.id, 'charter', '章程.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('attachment.tooLarge');
    expect(res.json().detail).toContain('10 MB');
  });

  it('keeps attachments within scope: another street gets 404 on list, upload, download and delete', async () => {
    const elsewhere = await t.database.db
      .selectFrom('division')
      .select('code')
      .where('code', 'like', '220106003%')
      .where('level', '=', 'community')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const o = await newFiling(admin, elsewhere.code);
    const up = (await upload(admin, o.id, 'charter', '章程.pdf')).json();
    expect((await call(street, 'GET', `/organizations/${o.id}/attachments`)).statusCode).toBe(404);
    expect((await upload(street, o.id, 'charter', '章程.pdf')).statusCode).toBe(404);
    expect(
      (await call(street, 'GET', `/organizations/${o.id}/attachments/${up.id}/content`)).statusCode,
    ).toBe(404);
    expect((await call(street, 'DELETE', `/organizations/${o.id}/attachments/${up.id}`)).statusCode).toBe(
      404,
    );
    expect((await call(admin, 'GET', `/organizations/${o.id}/attachments/${up.id}/content`)).statusCode).toBe(
      200,
    );
    // An organization account sees only its own record's files.
    expect((await call(org, 'GET', `/organizations/${o.id}/attachments`)).statusCode).toBe(404);
    // An attachment id under another organization's path is not found either.
    const mine = await newFiling();
    expect(
      (await call(street, 'GET', `/organizations/${mine.id}/attachments/${up.id}/content`)).statusCode,
    ).toBe(404);
  });

  it('lets the organization account file its own materials and the editor delete one', async () => {
    const own = (await call(org, 'GET', '/organizations/demo-org')).json();
    const res = await upload(
      org,
      'demo-org',
      'other',
      '活动照片.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]),
    );
    if (own.abilities.update) {
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().mime).toBe('image/png');
      const del = await call(org, 'DELETE', `/organizations/demo-org/attachments/${res.json().id}`);
      expect(del.statusCode).toBe(204);
      expect((await call(org, 'GET', '/organizations/demo-org/attachments')).json()).toEqual([]);
    } else {
      expect(res.statusCode).toBe(403);
    }
    const o = await newFiling();
    const up = (await upload(community, o.id, 'charter', '章程.pdf')).json();
    const evaluator = await signIn(t.app, 'evaluator.demo');
    expect((await call(evaluator, 'DELETE', `/organizations/${o.id}/attachments/${up.id}`)).statusCode).toBe(
      403,
    );
    expect((await call(street, 'DELETE', `/organizations/${o.id}/attachments/${up.id}`)).statusCode).toBe(
      204,
    );
    expect(
      (await call(street, 'GET', `/organizations/${o.id}/attachments/${up.id}/content`)).statusCode,
    ).toBe(404);
  });
});

describe('funding by year', () => {
  const amounts = {
    government_purchase: 12_000_000,
    grants: 3_000_000,
    donations: 2_500_050,
    fees: 1_000_000,
    other: 0,
  };

  it('saves all five sources of a year in fen, with the version, and audits it', async () => {
    const o = await newFiling();
    const res = await call(community, 'PUT', `/organizations/${o.id}/funding/2026`, {
      version: 1,
      amountsFen: amounts,
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.version).toBe(2);
    expect(detail.funding).toEqual(
      expect.arrayContaining([
        { year: 2026, source: 'government_purchase', amountFen: 12_000_000 },
        { year: 2026, source: 'donations', amountFen: 2_500_050 },
      ]),
    );
    const stale = await call(community, 'PUT', `/organizations/${o.id}/funding/2026`, {
      version: 1,
      amountsFen: { ...amounts, fees: 5 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');

    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['after'])
      .where('action', '=', 'organization.funding')
      .where('entityId', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ year: 2026, amountsFen: { grants: 3_000_000 } });

    const cleared = await call(community, 'PUT', `/organizations/${o.id}/funding/2026`, {
      version: 2,
      amountsFen: { government_purchase: 0, grants: 0, donations: 0, fees: 0, other: 0 },
    });
    expect(cleared.json()).toMatchObject({ version: 3, funding: [] });
  });

  it('refuses negative or fractional amounts, a missing source and an impossible year', async () => {
    const o = await newFiling();
    const negative = await call(community, 'PUT', `/organizations/${o.id}/funding/2026`, {
      version: 1,
      amountsFen: { ...amounts, fees: -1 },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].field).toBe('body.amountsFen.fees');
    const fraction = await call(community, 'PUT', `/organizations/${o.id}/funding/2026`, {
      version: 1,
      amountsFen: { ...amounts, fees: 10.5 },
    });
    expect(fraction.statusCode).toBe(400);
    const { other: _o, ...four } = amounts;
    expect(
      (await call(community, 'PUT', `/organizations/${o.id}/funding/2026`, { version: 1, amountsFen: four }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await call(community, 'PUT', `/organizations/${o.id}/funding/1800`, {
          version: 1,
          amountsFen: amounts,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('hides another street’s organization: 404 on its funding', async () => {
    const other = await otherStreetsOrganization();
    const res = await call(street, 'PUT', `/organizations/${other.id}/funding/2026`, {
      version: other.version,
      amountsFen: amounts,
    });
    expect(res.statusCode).toBe(404);
  });

  it('lets an active organization report its own income, and no one else’s', async () => {
    const own = (await call(org, 'GET', '/organizations/demo-org')).json();
    expect(own.abilities.editFunding).toBe(true);
    const res = await call(org, 'PUT', '/organizations/demo-org/funding/2025', {
      version: own.version,
      amountsFen: amounts,
    });
    expect(res.statusCode, res.body).toBe(200);
    const other = await otherStreetsOrganization();
    expect(
      (await call(org, 'PUT', `/organizations/${other.id}/funding/2025`, { version: 1, amountsFen: amounts }))
        .statusCode,
    ).toBe(404);
  });
});

describe('field and category lists', () => {
  it('lists the seeded entries to any signed-in user', async () => {
    const res = await call(org, 'GET', '/organization-catalog?list=category');
    expect(res.statusCode).toBe(200);
    const items = res.json() as Array<{ code: string; nameZh: string; active: boolean }>;
    expect(items).toHaveLength(12);
    expect(items[0]).toMatchObject({ code: 'elderly_care', nameZh: '养老服务', active: true });
    const fields = (await call(street, 'GET', '/organization-catalog?list=field')).json();
    expect(fields).toHaveLength(8);
  });

  it('lets the district add, rename and deactivate entries, audited; others may not', async () => {
    const created = await call(admin, 'POST', '/organization-catalog', {
      list: 'category',
      code: 'legal_aid',
      nameZh: '法律援助',
      nameEn: 'Legal aid',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'legal_aid', active: true, version: 1, sort: 130 });
    const twice = await call(admin, 'POST', '/organization-catalog', {
      list: 'category',
      code: 'legal_aid',
      nameZh: '法律援助',
      nameEn: 'Legal aid',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('organization.catalogExists');
    const byStreet = await call(street, 'POST', '/organization-catalog', {
      list: 'field',
      code: 'legal',
      nameZh: '法律',
      nameEn: 'Legal',
    });
    expect(byStreet.statusCode).toBe(403);
    expect(
      (await call(street, 'PATCH', '/organization-catalog/category/legal_aid', { version: 1, nameZh: '改' }))
        .statusCode,
    ).toBe(403);

    // A filing may now use the new category.
    const o = await call(community, 'POST', '/organizations', {
      kind: 'community_org',
      name: '绿园区爱民社区法律援助志愿队',
      divisionCode: '220106001001',
      fields: ['public_welfare'],
      category: 'legal_aid',
    });
    expect(o.statusCode, o.body).toBe(201);
    expect(o.json().category).toBe('legal_aid');

    const renamed = await call(admin, 'PATCH', '/organization-catalog/category/legal_aid', {
      version: 1,
      nameZh: '法律服务',
    });
    expect(renamed.json()).toMatchObject({ nameZh: '法律服务', version: 2 });
    const [a, b] = await Promise.all([
      call(admin, 'PATCH', '/organization-catalog/category/legal_aid', { version: 2, active: false }),
      call(admin, 'PATCH', '/organization-catalog/category/legal_aid', { version: 2, sort: 5 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const current = (await call(admin, 'GET', '/organization-catalog?list=category')).json() as Array<{
      code: string;
      version: number;
      active: boolean;
    }>;
    const entry = current.find((e) => e.code === 'legal_aid')!;
    if (entry.active)
      await call(admin, 'PATCH', '/organization-catalog/category/legal_aid', {
        version: entry.version,
        active: false,
      });

    // Deactivated: no longer offered to new records, still fine on the record that has it.
    const refused = await call(community, 'POST', '/organizations', {
      kind: 'community_org',
      name: '绿园区爱民社区另一法律援助队',
      divisionCode: '220106001001',
      fields: ['public_welfare'],
      category: 'legal_aid',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('organization.unknownCatalogValue');
    expect(refused.json().errors[0]).toMatchObject({ field: 'body.category', code: 'field.unknownValue' });
    expect(refused.json().errors[0].message).toContain('养老服务');
    const keep = await call(community, 'PATCH', `/organizations/${o.json().id}`, {
      version: 1,
      category: 'legal_aid',
      volunteerCount: 12,
    });
    expect(keep.statusCode, keep.body).toBe(200);

    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', 'category:legal_aid')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(
      (await call(admin, 'PATCH', '/organization-catalog/category/no_such', { version: 1, nameZh: 'x' }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses an unknown field code on the field itself', async () => {
    const res = await call(community, 'POST', '/organizations', {
      kind: 'community_org',
      name: '绿园区爱民社区未知领域队',
      divisionCode: '220106001001',
      fields: ['elderly', 'astrology'],
      category: 'elderly_care',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'body.fields', params: { value: 'astrology' } });
    expect(res.json().detail).toContain('服务领域');
  });
});
