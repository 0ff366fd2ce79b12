import ExcelJS from 'exceljs';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { escapeLike, inScope, type Scope } from '../../platform/scope.ts';
import type { AuditEntry, AuditFilters } from './audit.schemas.ts';

const EXPORT_LIMIT = 50_000;

/** Reads the audit log for auditors: filtered, newest first, within the caller's scope. */
export class AuditService {
  constructor(private readonly db: Kysely<DB>) {}

  #query(scope: Scope, f: AuditFilters) {
    let q = this.db.selectFrom('auditLog as a').where((eb) =>
      // Entries with no division (a failed sign-in of an unknown name) belong to the whole deployment:
      // only a district-wide auditor sees them.
      scope.kind === 'prefixes' && scope.prefixes.every((p) => p.length > 6)
        ? inScope(eb, 'a.division_code', scope)
        : eb.or([inScope(eb, 'a.division_code', scope), eb('a.divisionCode', 'is', null)]),
    );
    if (f.actor) q = q.where('a.actorName', 'like', `%${escapeLike(f.actor)}%`);
    if (f.action) q = q.where('a.action', '=', f.action);
    if (f.entityType) q = q.where('a.entityType', '=', f.entityType);
    if (f.entityId) q = q.where('a.entityId', '=', f.entityId);
    if (f.success !== undefined) q = q.where('a.success', '=', f.success);
    if (f.from) q = q.where('a.at', '>=', new Date(f.from));
    if (f.to) q = q.where('a.at', '<=', new Date(f.to));
    return q;
  }

  async list(
    scope: Scope,
    f: AuditFilters & { limit?: number; offset?: number },
  ): Promise<PageOf<AuditEntry>> {
    const limit = f.limit ?? 20;
    const offset = f.offset ?? 0;
    const [rows, total] = await Promise.all([
      this.#query(scope, f).selectAll('a').orderBy('a.seq', 'desc').limit(limit).offset(offset).execute(),
      this.#query(scope, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toEntry), total: Number(total.n), limit, offset };
  }

  async exportXlsx(scope: Scope, f: AuditFilters): Promise<Buffer> {
    const rows = await this.#query(scope, f)
      .selectAll('a')
      .orderBy('a.seq', 'desc')
      .limit(EXPORT_LIMIT)
      .execute();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '序号', key: 'seq', width: 8 },
      { header: '时间', key: 'at', width: 20 },
      { header: '操作人', key: 'actorName', width: 20 },
      { header: '角色', key: 'actorRole', width: 16 },
      { header: '代办对象', key: 'onBehalfOf', width: 20 },
      { header: '代办原因', key: 'onBehalfReason', width: 20 },
      { header: '操作', key: 'action', width: 22 },
      { header: '对象类型', key: 'entityType', width: 10 },
      { header: '对象', key: 'entityId', width: 20 },
      { header: '结果', key: 'success', width: 6 },
      { header: '修改前', key: 'before', width: 30 },
      { header: '修改后', key: 'after', width: 30 },
      { header: 'IP', key: 'ip', width: 16 },
      { header: '哈希(SM3)', key: 'hash', width: 66 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const r of rows) {
      const e = toEntry(r);
      ws.addRow({
        ...e,
        at: new Date(e.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
        success: e.success ? '成功' : '失败',
        onBehalfOf: e.onBehalfOf ? `${e.onBehalfName ?? ''}（${e.onBehalfOf}）` : '',
        before: e.before ? JSON.stringify(e.before) : '',
        after: e.after ? JSON.stringify(e.after) : '',
      });
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

function toEntry(r: {
  seq: number;
  at: Date;
  before: unknown;
  after: unknown;
  [key: string]: unknown;
}): AuditEntry {
  const { prevHash: _prev, ...rest } = r as typeof r & { prevHash: string };
  return {
    ...(rest as unknown as AuditEntry),
    seq: Number(r.seq),
    at: r.at.toISOString(),
    before: (r.before as Record<string, unknown> | null) ?? null,
    after: (r.after as Record<string, unknown> | null) ?? null,
  };
}
