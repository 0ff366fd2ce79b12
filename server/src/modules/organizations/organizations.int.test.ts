import { checkUscc, usccCheckChar } from '@linli/common';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { fileMaterials } from '../../../test/filing.ts';
import { DEMO_ORGANIZATION_COUNTS } from '../../demo/organizations.ts';

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

type Method = 'GET' | 'POST' | 'PATCH';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });

interface Org {
  id: string;
  name: string;
  state: string;
  version: number;
  category: string;
  divisionCode: string;
  contactPhone: string | null;
  filedOn: string | null;
  registeredOn: string | null;
  uscc: string | null;
  usccManualCheck: { byName: string; note: string } | null;
  abilities: Record<string, boolean>;
}

const filing = {
  kind: 'community_org',
  name: '绿园区爱民社区测试互助养老服务队',
  divisionCode: '220106001001',
  fields: ['elderly'],
  category: 'elderly_care',
  contactPhone: '13812345678',
  description: '为社区高龄老人提供上门探访和互助养老服务',
};

/** A code of a registered social service agency (pos 2 = '2') with a correct check character. */
const validCode = (serial: string) => {
  const first17 = `52220106MJ${serial}`;
  return first17 + usccCheckChar(first17);
};
/** The same code with its check character mistyped. */
const mistyped = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

const agency = (uscc: string) => ({
  kind: 'private_non_enterprise',
  name: `长春市绿园区测试${uscc.slice(10, 16)}社会工作服务中心`,
  divisionCode: '220106001',
  fields: ['charity'],
  category: 'social_assistance',
  uscc,
  registrationAuthority: '长春市绿园区民政局',
});

async function list(headers: AuthHeaders, query: string) {
  const res = await call(headers, 'GET', `/organizations?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Org[]; total: number };
}

describe('organizations registry', () => {
  it('counts the report’s figures from the demo records', async () => {
    const res = await call(admin, 'GET', '/organizations/summary');
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    expect(summary).toMatchObject({
      total: 287,
      registered: 157,
      filed: 130,
      byKind: {
        private_non_enterprise: DEMO_ORGANIZATION_COUNTS.private_non_enterprise,
        social_group: DEMO_ORGANIZATION_COUNTS.social_group,
        community_org: DEMO_ORGANIZATION_COUNTS.community_org,
      },
    });
    expect(summary.byKind.private_non_enterprise).toBe(118);
    expect(summary.byKind.social_group).toBe(39);
  });

  it('gives the demo registered organizations valid, unique credit codes', async () => {
    const rows = await t.database.db
      .selectFrom('organization')
      .select(['uscc', 'kind'])
      .where('kind', '!=', 'community_org')
      .execute();
    expect(rows).toHaveLength(157);
    expect(rows.every((r) => r.uscc && checkUscc(r.uscc).ok)).toBe(true);
    expect(new Set(rows.map((r) => r.uscc)).size).toBe(157);
  });

  it('finds elderly-care organizations by the two-character word 养老, and only those', async () => {
    const page = await list(admin, `q=${encodeURIComponent('养老')}&limit=100`);
    expect(page.total).toBeGreaterThan(20);
    expect(page.total).toBeLessThan(287);
    expect(page.items.every((o) => o.category === 'elderly_care')).toBe(true);
    const elderly = await list(admin, 'category=elderly_care&limit=1');
    expect(page.total).toBe(elderly.total);
    const children = await list(admin, `q=${encodeURIComponent('儿童')}&limit=100`);
    expect(children.items.some((o) => o.category === 'elderly_care')).toBe(false);
  });

  it('filters by kind, field, division and state, and pages', async () => {
    const filed = await list(admin, 'kind=community_org&limit=5');
    expect(filed.total).toBe(130);
    expect(filed.items).toHaveLength(5);
    const zhengyang = await list(street, 'limit=100');
    expect(zhengyang.items.every((o) => o.divisionCode.startsWith('220106001'))).toBe(true);
    expect((await list(admin, 'divisionCode=220106001&limit=1')).total).toBe(zhengyang.total);
    const elderlyField = await list(admin, 'field=elderly&limit=100');
    expect(elderlyField.items.every((o) => o.category === 'elderly_care')).toBe(true);
    const bad = await call(admin, 'GET', '/organizations?kind=company');
    expect(bad.statusCode).toBe(400);
  });

  it('lets an organization account see only its own organization', async () => {
    const page = await list(org, 'limit=100');
    expect(page.items.map((o) => o.id)).toEqual(['demo-org']);
    const other = (await list(admin, 'kind=social_group&limit=1')).items[0]!;
    expect((await call(org, 'GET', `/organizations/${other.id}`)).statusCode).toBe(404);
    // Its own record exists already: it edits or resubmits that one instead of filing twice.
    const twice = await call(org, 'POST', '/organizations', filing);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('organization.exists');
    const summary = (await call(org, 'GET', '/organizations/summary')).json();
    expect(summary.total).toBe(1);
  });

  it('takes a community filing from the community worker to active when the street approves it', async () => {
    const created = await call(community, 'POST', '/organizations', filing);
    expect(created.statusCode, created.body).toBe(201);
    const o = created.json() as Org;
    expect(o).toMatchObject({ state: 'applied', version: 1, contactPhone: '138****5678' });
    expect(o.abilities).toMatchObject({ approveFiling: false, update: true });
    // The filing materials (章程, 成员名单, 负责人信息) come first; the street approves only then.
    await fileMaterials(t.app, community, o.id);

    const seen = (await call(street, 'GET', `/organizations/${o.id}`)).json() as Org;
    expect(seen.abilities).toMatchObject({ approveFiling: true, return: true, register: false });

    // Two staff approve at once: one wins, the other is told the record changed.
    const [a, b] = await Promise.all([
      call(street, 'POST', `/organizations/${o.id}/transitions`, { action: 'approveFiling', version: 1 }),
      call(street, 'POST', `/organizations/${o.id}/transitions`, { action: 'approveFiling', version: 1 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('conflict.version');
    const winner = (a.statusCode === 200 ? a : b).json() as Org;
    expect(winner).toMatchObject({ state: 'active', version: 2 });
    expect(winner.filedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Approving again: the state no longer allows it.
    const again = await call(street, 'POST', `/organizations/${o.id}/transitions`, {
      action: 'approveFiling',
      version: 2,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('workflow.illegalTransition');
    expect(again.json().detail).toContain('同意备案');

    const history = await call(street, 'GET', `/organizations/${o.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject([
      { action: 'approveFiling', actionName: '同意备案', fromState: 'applied', toState: 'active' },
    ]);
  });

  it('refuses a transition the role may not take, and a return without a reason', async () => {
    const created = (
      await call(community, 'POST', '/organizations', {
        ...filing,
        name: '绿园区爱民社区测试秧歌队',
        category: 'culture_sports',
        fields: ['culture_sports'],
      })
    ).json() as Org;
    const byWorker = await call(community, 'POST', `/organizations/${created.id}/transitions`, {
      action: 'approveFiling',
      version: 1,
    });
    expect(byWorker.statusCode).toBe(403);
    expect(byWorker.json().code).toBe('workflow.notAllowed');
    const noReason = await call(street, 'POST', `/organizations/${created.id}/transitions`, {
      action: 'return',
      version: 1,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('workflow.commentRequired');
    const returned = await call(street, 'POST', `/organizations/${created.id}/transitions`, {
      action: 'return',
      version: 1,
      comment: '请补充成员名单',
    });
    expect(returned.json()).toMatchObject({ state: 'returned', abilities: { resubmit: false } });
    const resubmitted = await call(community, 'POST', `/organizations/${created.id}/transitions`, {
      action: 'resubmit',
      version: 2,
    });
    expect(resubmitted.json()).toMatchObject({ state: 'applied', version: 3 });
  });

  it('hides another street’s organizations: 404 on read, update and transition', async () => {
    const other = (await list(admin, 'divisionCode=220106003&limit=1')).items[0]!;
    expect(other).toBeDefined();
    expect((await call(street, 'GET', `/organizations/${other.id}`)).statusCode).toBe(404);
    expect((await call(street, 'GET', `/organizations/${other.id}/history`)).statusCode).toBe(404);
    const patch = await call(street, 'PATCH', `/organizations/${other.id}`, {
      version: other.version,
      name: '改名',
    });
    expect(patch.statusCode).toBe(404);
    const move = await call(street, 'POST', `/organizations/${other.id}/transitions`, {
      action: 'suspend',
      version: other.version,
      comment: '测试',
    });
    expect(move.statusCode).toBe(404);
  });

  it('refuses a registered organization with a mistyped credit code, naming the field', async () => {
    const res = await call(admin, 'POST', '/organizations', agency(mistyped(validCode('0000017'))));
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('organization.invalidUscc');
    expect(problem.detail).toContain('统一社会信用代码');
    expect(problem.detail).toContain('校验位');
    expect(problem.errors[0]).toMatchObject({ field: 'body.uscc', code: 'uscc.checksum' });
    const missing = await call(admin, 'POST', '/organizations', { ...agency(''), uscc: null });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ field: 'body.uscc', code: 'field.required' });
    // A community worker may not enter a registered kind at all.
    const worker = await call(community, 'POST', '/organizations', agency(validCode('0000025')));
    expect(worker.statusCode).toBe(403);
  });

  it('registers an agency with a valid code, and a legacy code only after manual verification', async () => {
    const ok = (await call(admin, 'POST', '/organizations', agency(validCode('0000033')))).json() as Org;
    expect(ok.abilities.register).toBe(true);
    const registered = await call(admin, 'POST', `/organizations/${ok.id}/transitions`, {
      action: 'register',
      version: 1,
    });
    expect(registered.json()).toMatchObject({ state: 'active' });
    expect((registered.json() as Org).registeredOn).toMatch(/^\d{4}-/);

    const legacy = mistyped(validCode('0000041'));
    const withNote = await call(admin, 'POST', '/organizations', {
      ...agency(legacy),
      usccManualNote: '核对登记证书原件，代码为历史赋码',
    });
    expect(withNote.statusCode, withNote.body).toBe(201);
    expect((withNote.json() as Org).usccManualCheck).toMatchObject({
      note: '核对登记证书原件，代码为历史赋码',
    });

    // A record keyed in with a good code, corrected later to the legacy code on the certificate.
    const other = (await call(admin, 'POST', '/organizations', agency(validCode('0000058')))).json() as Org;
    const legacy2 = mistyped(validCode('0000066'));
    const verified = await call(admin, 'POST', `/organizations/${other.id}/uscc-verification`, {
      version: 1,
      uscc: legacy2,
      note: '经登记管理机关核实',
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ uscc: legacy2, version: 2, abilities: { register: true } });
    const validAgain = await call(admin, 'POST', `/organizations/${other.id}/uscc-verification`, {
      version: 2,
      uscc: validCode('0000074'),
      note: '无需核验',
    });
    expect(validAgain.statusCode).toBe(409);
    expect(validAgain.json().code).toBe('organization.usccValid');
    const byStreet = await call(street, 'POST', `/organizations/${other.id}/uscc-verification`, {
      version: 2,
      uscc: legacy2,
      note: '街道核验',
    });
    expect(byStreet.statusCode).toBe(403);
  });

  it('updates with the version seen and refuses a stale one', async () => {
    const o = (
      await call(community, 'POST', '/organizations', {
        ...filing,
        name: '绿园区爱民社区测试读书会',
        category: 'culture_sports',
        fields: ['culture_sports'],
      })
    ).json() as Org;
    const first = await call(community, 'PATCH', `/organizations/${o.id}`, {
      version: 1,
      volunteerCount: 25,
      contactPhone: '15904310088',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, contactPhone: '159****0088' });
    const stale = await call(community, 'PATCH', `/organizations/${o.id}`, {
      version: 1,
      volunteerCount: 30,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['before', 'after'])
      .where('action', '=', 'organization.update')
      .where('entityId', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).not.toContain('15904310088');
    expect(audit.after).toMatchObject({ volunteerCount: 25, contactPhone: '159****0088' });
  });

  it('exports the filtered list as xlsx with phones masked', async () => {
    const res = await call(admin, 'GET', '/organizations/export?kind=social_group');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1 + 39);
    expect(String(ws.getRow(1).getCell(1).value)).toBe('组织名称');
    expect(String(ws.getRow(2).getCell(9).value)).toMatch(/^\d{3}\*{4}\d{4}$/);
  });
});
