import {
  DEMO_ACCOUNTS,
  DEMO_ADMIN_TOTP_SECRET,
  DEMO_PASSWORD,
  DEMO_RESIDENT_PHONE,
} from '../demo/accounts.ts';
import { DEMO_OPEN311_KEY } from '../demo/open311.ts';
import { AuthService } from '../modules/accounts/auth.service.ts';
import { cipherFor, withDatabase } from './context.ts';

export async function runDemoTotp(username: string): Promise<void> {
  await withDatabase(async (db, _database, config) => {
    if (config.nodeEnv === 'production') {
      console.error('生产环境不提供演示动态码 / not in production');
      process.exitCode = 1;
      return;
    }
    const code = await new AuthService(db, cipherFor(config)).currentTotp(username);
    if (!code) {
      console.error(`账号 ${username} 没有启用动态码 / ${username} has no TOTP`);
      process.exitCode = 1;
      return;
    }
    console.log(code);
  });
}

/** The lines the start banner prints in demo mode: one account per role, the password, the admin's TOTP secret. */
export function demoBanner(): string[] {
  return [
    `  演示账号 demo accounts (密码 password: ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(28)} ${a.displayName}`),
    `  admin 的动态码密钥 TOTP secret: ${DEMO_ADMIN_TOTP_SECRET}（或运行 or run: npx linli demo totp admin）`,
    `  居民也可用手机号登录 residents sign in by phone: ${DEMO_RESIDENT_PHONE}，短信验证码打印在本控制台（演示通道，不真正发送）`,
    '  / the SMS code is printed here (console provider: demo only, nothing is sent)',
    `  Open311 GeoReport v2: /open311/v2/discovery.xml  演示 api_key: ${DEMO_OPEN311_KEY}`,
  ];
}
