import { randomUUID } from 'node:crypto';
import type { Role } from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { AuthService } from '../modules/accounts/auth.service.ts';
import type { DataCipher } from '../platform/crypto.ts';

/** Every demo account has this password — in demo mode only (demo data is refused in production). */
export const DEMO_PASSWORD = 'Demo#2026';

/**
 * The demo district admin's TOTP secret: fixed, so the start banner, the README and the browser
 * tests can all produce its codes. A real deployment enrols its own.
 */
export const DEMO_ADMIN_TOTP_SECRET = 'LINLIDEMOADMINTOTPSECRET';

interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
  department?: string;
  organizationId?: string;
  /** Residents sign in by phone (the console SMS provider prints the code). */
  phone?: string;
}

/** The demo resident's mobile number, for phone sign-in in the demo and the tests. */
export const DEMO_RESIDENT_PHONE = '13900000001';
/** The mobile number of 周阿姨, the volunteer the love-supermarket demo redeems for. */
export const DEMO_MARKET_RESIDENT_PHONE = '13900000002';

/** One account per role of DESIGN §2, inside the Lüyuan demo tree. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', displayName: '区民政局管理员', role: 'district_admin', scopeCode: '220106' },
  {
    username: 'street.zhengyang',
    displayName: '正阳街道 王芳',
    role: 'street_staff',
    scopeCode: '220106001',
  },
  {
    username: 'community.aimin',
    displayName: '爱民社区 李静',
    role: 'community_worker',
    scopeCode: '220106001001',
  },
  {
    username: 'station.aimin',
    displayName: '爱民社区服务站 张敏',
    role: 'station_staff',
    scopeCode: '220106001001',
  },
  {
    username: 'grid.220106001001001',
    displayName: '爱民社区第1网格 网格长 刘强',
    role: 'grid_leader',
    scopeCode: '220106001001001',
  },
  {
    username: 'gridmember.220106001001001',
    displayName: '爱民社区第1网格 网格员 赵磊',
    role: 'grid_member',
    scopeCode: '220106001001001',
  },
  {
    username: 'dept.chengguan',
    displayName: '区城管局 陈军',
    role: 'department_staff',
    scopeCode: '220106',
    department: '城管',
  },
  {
    username: 'org.demo',
    displayName: '绿园区阳光助老服务中心',
    role: 'social_org',
    scopeCode: '220106',
    organizationId: 'demo-org',
  },
  {
    username: 'incubator.dezhong',
    displayName: '吉林省德众社会组织服务中心',
    role: 'incubator_operator',
    scopeCode: '220106',
  },
  {
    username: 'evaluator.demo',
    displayName: '第三方评估机构（演示）',
    role: 'evaluator',
    scopeCode: '220106',
  },
  {
    username: 'resident.demo',
    displayName: '居民 孙大爷',
    role: 'resident',
    scopeCode: '220106001001001',
    phone: DEMO_RESIDENT_PHONE,
  },
  {
    username: 'market.aimin',
    displayName: '爱民社区爱心超市',
    role: 'market_operator',
    scopeCode: '220106001001',
  },
  // A resident who is already a volunteer with points (the love supermarket's demo customer).
  {
    username: 'resident.zhou',
    displayName: '居民 周阿姨',
    role: 'resident',
    scopeCode: '220106001001002',
    phone: DEMO_MARKET_RESIDENT_PHONE,
  },
];

export async function seedDemoAccounts(db: Kysely<DB>, cipher: DataCipher): Promise<number> {
  const passwordHash = await AuthService.hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const a of DEMO_ACCOUNTS) {
      const id = randomUUID();
      const admin = a.role === 'district_admin';
      await trx
        .insertInto('account')
        .values({
          id,
          username: a.username,
          displayName: a.displayName,
          passwordHash,
          divisionCode: a.scopeCode,
          totpSecretSealed: admin ? cipher.encrypt(DEMO_ADMIN_TOTP_SECRET) : null,
          totpEnabled: admin,
          phoneSealed: a.phone ? cipher.encrypt(a.phone) : null,
          phoneIndex: a.phone ? cipher.piiIndex('phone', a.phone) : null,
        })
        .execute();
      await trx
        .insertInto('roleGrant')
        .values({
          accountId: id,
          role: a.role,
          scopeCode: a.scopeCode,
          department: a.department ?? null,
          organizationId: a.organizationId ?? null,
        })
        .execute();
    }
  });
  return DEMO_ACCOUNTS.length;
}

/** Whether this database holds the demo accounts (the banner then lists them). */
export async function hasDemoAccounts(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('account').select('id').where('username', '=', 'admin').executeTakeFirst();
  return row !== undefined;
}
