import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { TEST_CIPHER } from '../../../test/database.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { XLSX_MIME } from '../../platform/spreadsheet.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let community: AuthHeaders;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  community = await signIn(t.app, 'community.aimin');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown, extra = {}) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...headers, ...extra },
    ...(payload === undefined ? {} : { payload: payload as string }),
  });

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

interface Created {
  account: { id: string; version: number; username: string; phone: string | null };
  temporaryPassword: string;
}

async function create(headers: AuthHeaders, body: Record<string, unknown>): Promise<Created> {
  const res = await call(headers, 'POST', '/accounts', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function idOf(username: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('account')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function xlsx(rows: Array<Array<string | number>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('账号');
  ws.addRow(['用户名', '姓名', '角色', '数据范围', '部门', '组织', '手机号']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const importXlsx = (headers: AuthHeaders, body: Buffer, dryRun: boolean) =>
  call(headers, 'POST', `/accounts/import?dryRun=${dryRun}`, body, { 'content-type': XLSX_MIME });

describe('creating an account', () => {
  it('gives a temporary password once; the new user signs in with it and must change it first', async () => {
    const { account, temporaryPassword } = await create(admin, {
      username: 'Li.Na',
      displayName: '爱民社区 李娜',
      phone: '+86 138 1234 5678',
      grants: [{ role: 'community_worker', scopeCode: '220106001001' }],
    });
    expect(account.username).toBe('li.na');
    expect(account.phone).toBe('138****5678');
    expect(account).toMatchObject({
      divisionCode: '220106001001',
      divisionName: '爱民社区',
      mustChangePassword: true,
      disabled: false,
      roles: [{ role: 'community_worker', scopeCode: '220106001001', scopeName: '爱民社区' }],
      abilities: { update: true, disable: true, enable: false, resetPassword: true, unlock: false },
    });
    expect(temporaryPassword).toMatch(/^.{12}$/);
    const res = await login('li.na', temporaryPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().stage).toBe('changePassword');

    const stored = await t.database.db
      .selectFrom('account')
      .select(['phoneSealed', 'phoneIndex', 'passwordHash'])
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(stored.phoneSealed).not.toContain('13812345678');
    expect(stored.phoneSealed).not.toContain('5678');
    expect(TEST_CIPHER.decrypt(stored.phoneSealed!)).toBe('13812345678');
    expect(stored.phoneIndex).toBe(TEST_CIPHER.piiIndex('phone', '13812345678'));
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

    const audit = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'account.create')
      .where('entityId', '=', account.id)
      .executeTakeFirstOrThrow();
    const logged = JSON.stringify(audit);
    expect(logged).not.toContain(temporaryPassword);
    expect(logged).not.toContain('13812345678');
    expect(audit.after).toMatchObject({ username: 'li.na', phone: '138****5678' });
  });

  it('refuses a taken username and a taken phone with 409, in Chinese', async () => {
    const taken = await call(admin, 'POST', '/accounts', {
      username: 'li.na',
      displayName: '另一个李娜',
      grants: [{ role: 'resident', scopeCode: '220106001001' }],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().detail).toBe('用户名 li.na 已被使用，请换一个');
    const phone = await call(admin, 'POST', '/accounts', {
      username: 'other.phone',
      displayName: '手机号重复',
      phone: '13812345678',
      grants: [{ role: 'resident', scopeCode: '220106001001' }],
    });
    expect(phone.statusCode).toBe(409);
    expect(phone.json().detail).toBe('手机号 138****5678 已被其他账号使用');
  });

  it('checks usernames, phones and each grant against the rules, naming the grant', async () => {
    const bad = (body: Record<string, unknown>) =>
      call(admin, 'POST', '/accounts', { username: 'rules.test', displayName: '规则', ...body });
    const username = await bad({ username: 'x', grants: [{ role: 'resident', scopeCode: '220106001001' }] });
    expect(username.statusCode).toBe(400);
    expect(username.json().detail).toContain('用户名须为 3–32 位小写字母、数字或 . _ -');
    const phone = await bad({ phone: '12345', grants: [{ role: 'resident', scopeCode: '220106001001' }] });
    expect(phone.json().detail).toBe('手机号无效：手机号应为 11 位大陆手机号码（以 1 开头）');
    expect((await bad({ grants: [] })).json().detail).toBe('至少要授予一个角色');
    const level = await bad({
      grants: [
        { role: 'resident', scopeCode: '220106001001' },
        { role: 'grid_leader', scopeCode: '220106001001' },
      ],
    });
    expect(level.statusCode).toBe(400);
    expect(level.json().detail).toBe(
      '第 2 条授权有误：“网格长”的数据范围须为网格，220106001001 是社区（村）',
    );
    const english = await call(
      admin,
      'POST',
      '/accounts',
      {
        username: 'rules.test',
        displayName: '规则',
        grants: [{ role: 'grid_leader', scopeCode: '220106001001' }],
      },
      { 'accept-language': 'en-US' },
    );
    expect(english.json().detail).toBe(
      'Grant number 1 is not valid: the data scope of "Grid leader" must be a grid; 220106001001 is a community/village',
    );
    const dept = await bad({ grants: [{ role: 'department_staff' }] });
    expect(dept.json().detail).toContain('“职能部门”须填写所属部门');
    const missing = await bad({ grants: [{ role: 'community_worker', scopeCode: '220106001099' }] });
    expect(missing.json().detail).toBe('第 1 条授权有误：区划 220106001099 不存在');
    const nbs = await create(admin, {
      username: 'nbs.code',
      displayName: '统计码',
      grants: [{ role: 'street_staff', scopeCode: '220106001000' }],
    });
    expect(nbs.account).toMatchObject({ divisionCode: '220106001' });
  });

  it('gives department and organization roles the district as their scope', async () => {
    const { account } = await create(admin, {
      username: 'dept.zhujian',
      displayName: '区住建局 周明',
      grants: [{ role: 'department_staff', department: '住建局' }],
    });
    expect(account).toMatchObject({
      divisionCode: '220106',
      roles: [{ role: 'department_staff', scopeCode: '220106', department: '住建局' }],
    });
    const both = await create(admin, {
      username: 'grid.two',
      displayName: '两个网格',
      grants: [
        { role: 'grid_member', scopeCode: '220106001001001' },
        { role: 'grid_member', scopeCode: '220106001002001' },
      ],
    });
    expect(both.account).toMatchObject({ divisionCode: '220106001' });
  });
});

describe('a street administrator', () => {
  it('creates a community worker in its own street only, and no district admin', async () => {
    const ok = await create(street, {
      username: 'cw.huzhu',
      displayName: '互助社区 陈红',
      grants: [{ role: 'community_worker', scopeCode: '220106001002' }],
    });
    expect(ok.account.username).toBe('cw.huzhu');
    const outside = await call(street, 'POST', '/accounts', {
      username: 'cw.jingyang',
      displayName: '景阳社区',
      grants: [{ role: 'community_worker', scopeCode: '220106003001' }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toBe('第 1 条授权有误：区划 220106003001 不在您的管辖范围内');
    const adminRole = await call(street, 'POST', '/accounts', {
      username: 'fake.admin',
      displayName: '冒充管理员',
      grants: [{ role: 'district_admin', scopeCode: '220106' }],
    });
    expect(adminRole.statusCode).toBe(400);
    expect(adminRole.json().detail).toBe('第 1 条授权有误：您不能授予“区民政局管理员”角色');
  });

  it('sees only its street: another street’s account is 404, and the list holds none', async () => {
    const other = await create(admin, {
      username: 'cw.chuncheng',
      displayName: '景阳社区 赵一',
      grants: [{ role: 'community_worker', scopeCode: '220106003001' }],
    });
    const res = await call(street, 'GET', `/accounts/${other.account.id}`);
    expect(res.statusCode).toBe(404);
    const patch = await call(street, 'PATCH', `/accounts/${other.account.id}`, {
      version: 1,
      displayName: 'x',
    });
    expect(patch.statusCode).toBe(404);
    const list = await call(street, 'GET', '/accounts?limit=100');
    const codes = (list.json().items as Array<{ divisionCode: string }>).map((a) => a.divisionCode);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('220106001'))).toBe(true);
  });

  it('may not touch an account holding a role it cannot grant, even inside its street', async () => {
    const { account } = await create(admin, {
      username: 'street.peer',
      displayName: '正阳街道 同事',
      grants: [{ role: 'street_staff', scopeCode: '220106001' }],
    });
    const seen = await call(street, 'GET', `/accounts/${account.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual({
      update: false,
      disable: false,
      enable: false,
      resetPassword: false,
      unlock: false,
      resetTotp: false,
    });
    const disable = await call(street, 'POST', `/accounts/${account.id}/disable`, {
      version: account.version,
    });
    expect(disable.statusCode).toBe(403);
    expect(disable.json().code).toBe('account.notManageable');
    const asAdmin = await call(admin, 'GET', `/accounts/${account.id}`);
    expect(asAdmin.json().abilities).toMatchObject({ update: true, disable: true });
  });
});

describe('editing and state changes', () => {
  it('refuses a stale version with 409', async () => {
    const { account } = await create(admin, {
      username: 'stale.test',
      displayName: '版本测试',
      grants: [{ role: 'resident', scopeCode: '220106001001' }],
    });
    const first = await call(admin, 'PATCH', `/accounts/${account.id}`, {
      version: 1,
      displayName: '改名一',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const second = await call(admin, 'PATCH', `/accounts/${account.id}`, {
      version: 1,
      displayName: '改名二',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toBe('该记录已被他人修改，请刷新后再试');
  });

  it('changing grants ends the account’s sessions; clearing the phone removes it', async () => {
    const { account, temporaryPassword } = await create(admin, {
      username: 'regrant.test',
      displayName: '改授权',
      phone: '13900001111',
      grants: [{ role: 'grid_member', scopeCode: '220106001001001' }],
    });
    const session = await login('regrant.test', temporaryPassword);
    const headers = { cookie: String(session.headers['set-cookie']).split(';')[0]! };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    const res = await call(admin, 'PATCH', `/accounts/${account.id}`, {
      version: account.version,
      phone: null,
      grants: [{ role: 'grid_leader', scopeCode: '220106001001001' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: null, roles: [{ role: 'grid_leader' }] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    const row = await t.database.db
      .selectFrom('account')
      .select(['phoneSealed', 'phoneIndex'])
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ phoneSealed: null, phoneIndex: null });
  });

  it('disabling ends the user’s session at once and refuses its sign-in; enabling lets it back', async () => {
    const { account, temporaryPassword } = await create(admin, {
      username: 'disable.test',
      displayName: '停用测试',
      grants: [{ role: 'station_staff', scopeCode: '220106001001' }],
    });
    const session = await login('disable.test', temporaryPassword);
    const headers = { cookie: String(session.headers['set-cookie']).split(';')[0]! };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    const disabled = await call(admin, 'POST', `/accounts/${account.id}/disable`, {
      version: account.version,
      reason: '人员调离',
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true, abilities: { disable: false, enable: true } });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    const refused = await login('disable.test', temporaryPassword);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('该账号已停用，请联系管理员');
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['after'])
      .where('action', '=', 'account.disable')
      .where('entityId', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ disabled: true, reason: '人员调离', sessionsRevoked: 1 });
    const enabled = await call(admin, 'POST', `/accounts/${account.id}/enable`, {
      version: disabled.json().version,
    });
    expect(enabled.json().disabled).toBe(false);
    expect((await login('disable.test', temporaryPassword)).statusCode).toBe(200);
  });

  it('resets a password: the old one stops working, the new one must be changed', async () => {
    const { account, temporaryPassword } = await create(street, {
      username: 'reset.test',
      displayName: '重置测试',
      grants: [{ role: 'grid_member', scopeCode: '220106001001002' }],
    });
    const res = await call(street, 'POST', `/accounts/${account.id}/reset-password`, {
      version: account.version,
    });
    expect(res.statusCode).toBe(200);
    const fresh = res.json().temporaryPassword as string;
    expect(fresh).not.toBe(temporaryPassword);
    expect((await login('reset.test', temporaryPassword)).statusCode).toBe(401);
    const ok = await login('reset.test', fresh);
    expect(ok.json().stage).toBe('changePassword');
    const audit = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'account.resetPassword')
      .where('entityId', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).not.toContain(fresh);
  });

  it('unlocks an account locked by five wrong passwords', async () => {
    const { account, temporaryPassword } = await create(admin, {
      username: 'lock.test',
      displayName: '锁定测试',
      grants: [{ role: 'resident', scopeCode: '220106001001001' }],
    });
    for (let i = 0; i < 5; i++) await login('lock.test', `Wrong#${i}pass`);
    expect((await login('lock.test', temporaryPassword)).statusCode).toBe(423);
    const locked = await call(admin, 'GET', '/accounts?status=locked&q=lock.test');
    expect(locked.json().items).toHaveLength(1);
    expect(locked.json().items[0].abilities.unlock).toBe(true);
    const res = await call(admin, 'POST', `/accounts/${account.id}/unlock`, { version: account.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lockedUntil: null, abilities: { unlock: false } });
    expect((await login('lock.test', temporaryPassword)).statusCode).toBe(200);
  });

  it('resets the second factor of an account that has one', async () => {
    const { account } = await create(admin, {
      username: 'totp.test',
      displayName: '两步验证',
      grants: [{ role: 'street_staff', scopeCode: '220106003' }],
    });
    await t.database.db
      .updateTable('account')
      .set({ totpEnabled: true, totpSecretSealed: TEST_CIPHER.encrypt('JBSWY3DPEHPK3PXP'), totpLastStep: 1 })
      .where('id', '=', account.id)
      .execute();
    const before = await call(admin, 'GET', `/accounts/${account.id}`);
    expect(before.json()).toMatchObject({ totpEnabled: true, abilities: { resetTotp: true } });
    const res = await call(admin, 'POST', `/accounts/${account.id}/reset-totp`, { version: account.version });
    expect(res.json()).toMatchObject({ totpEnabled: false, abilities: { resetTotp: false } });
    const row = await t.database.db
      .selectFrom('account')
      .select(['totpSecretSealed', 'totpLastStep', 'recoveryCodeHashes'])
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ totpSecretSealed: null, totpLastStep: null, recoveryCodeHashes: [] });
  });

  it('refuses to let anyone manage their own account here', async () => {
    const me = await idOf('street.zhengyang');
    const self = await call(street, 'GET', `/accounts/${me}`);
    expect(self.json().abilities.update).toBe(false);
    const res = await call(street, 'PATCH', `/accounts/${me}`, { version: 1, displayName: '自己' });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('不能在账号管理中修改、停用或重置自己的账号');
    const reset = await call(street, 'POST', `/accounts/${me}/reset-password`, { version: 1 });
    expect(reset.json().code).toBe('account.self');
  });

  it('computes abilities per caller', async () => {
    const id = await idOf('grid.220106001001001');
    const byAdmin = (await call(admin, 'GET', `/accounts/${id}`)).json().abilities;
    const byCommunity = (await call(community, 'GET', `/accounts/${id}`)).json().abilities;
    expect(byAdmin.update).toBe(true);
    expect(byCommunity.update).toBe(true);
    const streetId = await idOf('street.zhengyang');
    expect((await call(admin, 'GET', `/accounts/${streetId}`)).json().abilities.update).toBe(true);
    expect((await call(community, 'GET', `/accounts/${streetId}`)).statusCode).toBe(404);
    const stationId = await idOf('community.aimin');
    const peer = await call(community, 'GET', `/accounts/${stationId}`);
    expect(peer.json().abilities.update).toBe(false);
  });
});

describe('the account list', () => {
  it('filters by name fragment, role, division and status, sorted by username', async () => {
    const byName = await call(admin, 'GET', `/accounts?q=${encodeURIComponent('李娜')}`);
    expect(byName.json().items.map((a: { username: string }) => a.username)).toEqual(['li.na']);
    const byRole = await call(admin, 'GET', '/accounts?role=grid_leader&limit=100');
    const roles = byRole.json().items as Array<{ username: string; roles: Array<{ role: string }> }>;
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.every((a) => a.roles.some((g) => g.role === 'grid_leader'))).toBe(true);
    const usernames = roles.map((a) => a.username);
    expect(usernames).toEqual([...usernames].sort());
    const byDivision = await call(admin, 'GET', '/accounts?divisionCode=220106003000&limit=100');
    const codes = byDivision.json().items.map((a: { divisionCode: string }) => a.divisionCode);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c: string) => c.startsWith('220106003'))).toBe(true);
    const must = await call(admin, 'GET', '/accounts?status=mustChangePassword&limit=100');
    expect(must.json().items.every((a: { mustChangePassword: boolean }) => a.mustChangePassword)).toBe(true);
    const page = await call(admin, 'GET', '/accounts?limit=2&offset=1');
    expect(page.json()).toMatchObject({ limit: 2, offset: 1 });
    expect(page.json().total).toBeGreaterThan(12);
  });

  it('shows the last sign-in time and masked phones only', async () => {
    const res = await call(admin, 'GET', '/accounts?q=admin');
    const me = (res.json().items as Array<{ username: string; lastSignInAt: string | null }>).find(
      (a) => a.username === 'admin',
    );
    expect(me?.lastSignInAt).not.toBeNull();
    const all = await call(admin, 'GET', '/accounts?limit=100');
    for (const a of all.json().items as Array<{ phone: string | null }>) {
      if (a.phone) expect(a.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
  });

  it('exports the filtered list as xlsx with masked phones and Chinese headers', async () => {
    const res = await call(admin, 'GET', '/accounts/export?q=li.na');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('用户名');
    expect(ws.getRow(1).getCell(3).value).toBe('手机号');
    expect(ws.getRow(2).getCell(1).value).toBe('li.na');
    expect(ws.getRow(2).getCell(3).value).toBe('138****5678');
    expect(ws.rowCount).toBe(2);
  });
});

describe('Excel import', () => {
  it('offers a template with the header row and an example', async () => {
    const res = await call(street, 'GET', '/accounts/import-template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '用户名',
      '姓名',
      '角色',
      '数据范围',
      '部门',
      '组织',
      '手机号',
    ]);
    expect(ws.getRow(2).getCell(3).value).toBe('社区工作者');
    expect(String(ws.getRow(2).getCell(4).value)).toMatch(/^220106001\d{3}$/);
  });

  const good = () =>
    xlsx([
      ['imp.one', '导入 一号', '网格员', '220106001001001', '', '', '13700000001'],
      ['imp.one', '', '网格员', '220106001001002', '', '', ''],
      ['imp.two', '导入 二号', '居民', 220106001001, '', '', 13700000002],
      ['imp.three', '导入 三号', 'station_staff', '220106001003', '', '', ''],
    ]);

  it('checks a good file on a dry run without writing, then creates its accounts', async () => {
    const dry = await importXlsx(street, await good(), true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 4, accounts: 3 });
    expect(dry.json().created[0].temporaryPassword).toBeNull();
    expect(
      await t.database.db.selectFrom('account').select('id').where('username', 'like', 'imp.%').execute(),
    ).toEqual([]);
    const res = await importXlsx(street, await good(), false);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: false, rows: 4, accounts: 3 });
    const one = body.created.find((c: { username: string }) => c.username === 'imp.one');
    expect(one.grants).toBe(2);
    const signedIn = await login('imp.one', one.temporaryPassword);
    expect(signedIn.json().stage).toBe('changePassword');
    const id = await idOf('imp.one');
    const detail = (await call(street, 'GET', `/accounts/${id}`)).json();
    expect(detail).toMatchObject({ divisionCode: '220106001001', phone: '137****0001' });
    const three = (await call(street, 'GET', `/accounts/${await idOf('imp.three')}`)).json();
    expect(three.roles).toMatchObject([{ role: 'station_staff', scopeCode: '220106001003' }]);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('action', 'like', 'account.%')
      .where((eb) => eb.or([eb('action', '=', 'account.import'), eb('entityId', '=', id)]))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['account.create', 'account.import']);
    expect(JSON.stringify(audit)).not.toContain(one.temporaryPassword);
  });

  it('refuses a file with one bad row whole, naming the row, column and reason', async () => {
    const file = await xlsx([
      ['bad.one', '好的一行', '网格员', '220106001001001', '', '', ''],
      ['bad.two', '另一街道', '社区工作者', '220106003001', '', '', ''],
      ['imp.two', '重名', '居民', '220106001001', '', '', ''],
      ['bad.three', '不认识的角色', '主任', '220106001001', '', '', ''],
    ]);
    const res = await importXlsx(street, file, false);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('import.rowsInvalid');
    expect(body.detail).toBe('导入失败：共有 3 行有误，未导入任何数据');
    expect(body.errors).toEqual([
      expect.objectContaining({ row: 3, field: '数据范围', message: '区划 220106003001 不在您的管辖范围内' }),
      expect.objectContaining({ row: 4, field: '用户名', message: '用户名 imp.two 已被使用' }),
      expect.objectContaining({ row: 5, field: '角色', code: 'field.unknownValue' }),
    ]);
    expect(
      await t.database.db.selectFrom('account').select('id').where('username', 'like', 'bad.%').execute(),
    ).toEqual([]);
  });

  it('refuses a file that is not a workbook or lacks the columns', async () => {
    const junk = await importXlsx(admin, Buffer.from('not excel'), true);
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe('import.invalidFile');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['名称']);
    const columns = await importXlsx(admin, Buffer.from(await wb.xlsx.writeBuffer()), true);
    expect(columns.json().code).toBe('account.importColumns');
  });
});

describe('audit', () => {
  it('records every kind of account change and keeps the chain whole', async () => {
    const actions = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .distinct()
      .where('action', 'like', 'account.%')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'account.create',
      'account.disable',
      'account.enable',
      'account.import',
      'account.resetPassword',
      'account.resetTotp',
      'account.unlock',
      'account.update',
    ]);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
