import { PERMISSIONS, ROLE_NAMES, ROLES, type Role } from '@linli/common';
import { AccountService } from '../modules/accounts/accounts.service.ts';
import { AppError } from '../platform/errors.ts';
import { type Caller, scopeOf } from '../platform/scope.ts';
import { cipherFor, withDatabase } from './context.ts';

export interface UserCreateOptions {
  name: string;
  role: string;
  scope: string;
  department?: string;
  phone?: string;
}

/**
 * `linli user create`: the first district admin of an installation started with `--no-demo` (and
 * any account when no one can sign in yet). Same rules as the account admin page; the temporary
 * password is printed once and must be changed at first sign-in.
 */
export async function runUserCreate(username: string, options: UserCreateOptions): Promise<void> {
  if (!(ROLES as readonly string[]).includes(options.role)) {
    console.error(`未知角色 unknown role "${options.role}"：${ROLES.join(' | ')}`);
    process.exitCode = 2;
    return;
  }
  const role = options.role as Role;
  await withDatabase(async (db, _database, config) => {
    const accounts = new AccountService({
      db,
      cipher: cipherFor(config),
      auth: { sessionsChanged: async () => {} },
    });
    // The command line acts as the district's administrator, for the district the scope lies in.
    const caller: Caller = {
      scope: scopeOf([options.scope.slice(0, 6)]),
      permissions: PERMISSIONS,
      roles: ['district_admin'],
      actor: { id: 'cli', name: '命令行 linli user create', role: 'district_admin' },
    };
    try {
      const { account, temporaryPassword } = await accounts.create(
        caller,
        {
          username,
          displayName: options.name,
          phone: options.phone ?? null,
          grants: [{ role, scopeCode: options.scope, department: options.department ?? null }],
        },
        'zh-CN',
      );
      console.log(
        [
          `已创建账号 account created: ${account.username}（${ROLE_NAMES['zh-CN'][role]}，${options.scope}）`,
          `临时密码 temporary password: ${temporaryPassword}`,
          '首次登录须修改密码；区级管理员登录时还须绑定动态验证码。',
          'Change it at first sign-in; a district admin also binds an authenticator app then.',
        ].join('\n'),
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const detail = err.errors?.map((e) => e.message).join('；') ?? JSON.stringify(err.params);
      console.error(`未能创建 not created (${err.code}): ${detail}`);
      if (err.code === 'account.invalidGrant') {
        console.error(
          '区划须已存在：空库请先导入区划 linli import divisions FILE.xlsx / import the divisions first',
        );
      }
      process.exitCode = 1;
    }
  });
}
