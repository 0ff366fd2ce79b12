import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../db/database.ts';

const bin = path.resolve(import.meta.dirname, '../../bin/linli.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', LANG: 'zh_CN.UTF-8' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

// The CLI on its own embedded database, as a user runs it.
describe('linli command line', () => {
  it('explains each command with --help', () => {
    const help = linli('--help');
    expect(help.code).toBe(0);
    for (const cmd of ['start', 'migrate', 'seed', 'export', 'import']) expect(help.out).toContain(cmd);
    expect(linli('import', 'divisions', '--help').out).toContain('--dry-run');
  });

  it('seeds the demo once, exports it, and refuses a file with a bad row as a whole', async () => {
    const seeded = linli('seed', '--demo');
    expect(seeded.code, seeded.err).toBe(0);
    expect(seeded.out).toContain('405');
    expect(linli('seed', '--demo').code).toBe(1);
    expect(linli('demo', 'totp', 'admin').out.trim()).toMatch(/^\d{6}$/);

    const file = path.join(dir, 'divisions.xlsx');
    expect(linli('export', 'divisions', file, '--root', '220106001').code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const again = linli('import', 'divisions', file, '--dry-run');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('未变 unchanged 48');

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区划');
    ws.addRow(['区划代码', '名称']);
    for (let i = 1; i <= 5; i++) ws.addRow([`22010600100150${i}`, `新网格${i}`]);
    ws.addRow(['22010600100X', '坏代码']);
    const bad = path.join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const refused = linli('import', 'divisions', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('第 7 行');
    expect(refused.err).toContain('未导入任何数据');
  }, 120_000);

  it('verifies the audit chain, and names an entry edited directly in the database', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区划');
    ws.addRow(['区划代码', '名称']);
    ws.addRow(['220106001001601', '审计测试网格一']);
    ws.addRow(['220106001001602', '审计测试网格二']);
    const good = path.join(dir, 'good.xlsx');
    await wb.xlsx.writeFile(good);
    // The demo writes some records through services, with their audit entries: the import adds two.
    const entries = (out: string) => Number(/(\d+) 条/.exec(out)?.[1]);
    const before = entries(linli('audit', 'verify').out);
    expect(linli('import', 'divisions', good).code).toBe(0);
    const intact = linli('audit', 'verify');
    expect(intact.code, intact.err).toBe(0);
    expect(entries(intact.out)).toBe(before + 2);

    const database = await openDatabase({ dataDir: path.join(dir, 'data') });
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set actor_name = '冒名' where seq = 2`.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    await database.close();
    const broken = linli('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('第 2 条');
  }, 120_000);

  it('creates an account with a one-time password, and runs the retention job on demand', () => {
    const created = linli(
      'user',
      'create',
      'cli.admin',
      '--name',
      '张主任',
      '--role',
      'district_admin',
      '--scope',
      '220106',
    );
    expect(created.code, created.err).toBe(0);
    const password = /临时密码 temporary password: (\S+)/.exec(created.out)?.[1];
    expect(password).toMatch(/^.{12}$/);
    const again = linli(
      'user',
      'create',
      'cli.admin',
      '--name',
      '张主任',
      '--role',
      'district_admin',
      '--scope',
      '220106',
    );
    expect(again.code).toBe(1);
    expect(linli('user', 'create', 'x', '--name', 'x', '--role', 'boss', '--scope', '220106').code).toBe(2);

    const run = linli('jobs', 'run', 'retention');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('"auditArchived":0');
    expect(linli('jobs').out).toMatch(/retention[\s\S]*共 runs 1/);
  }, 120_000);

  it('serves what the seed stored after a restart, and stops cleanly on SIGTERM', async () => {
    const server = spawn(process.execPath, [bin, 'start', '--port', '0', '--no-demo'], {
      env: { ...process.env, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', LOG_FORMAT: 'json' },
    });
    // A failed assertion must not leave the server running.
    onTestFinished(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
      server.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /is running: (http:\/\/\S+)/.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dept.chengguan', password: 'Demo#2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await fetch(`${url}/api/v1/divisions/220106`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe('绿园区');
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);
});
