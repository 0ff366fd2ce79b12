import { Command, InvalidArgumentError } from 'commander';
import { runAuditArchive, runAuditVerify } from './cli/audit.ts';
import { runMigrate, runSeed } from './cli/database.ts';
import { runDemoTotp } from './cli/demo.ts';
import { runExport, runImport } from './cli/divisions-io.ts';
import { runJobNow, runJobsList } from './cli/jobs.ts';
import { runLedgerVerify } from './cli/ledger.ts';
import { runStart } from './cli/start.ts';
import { runUserCreate } from './cli/user.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('端口应为 0–65535 的整数 / a port number');
  return n;
}

const program = new Command('linli')
  .description('邻里 Linli — 社区治理平台 / community-governance platform')
  .showHelpAfterError();

program
  .command('start')
  .description('启动服务（空数据库时自动迁移并载入绿园区演示数据）/ start the server')
  .option('-p, --port <port>', '监听端口 / port (env PORT, default 3000)', port)
  .option('--no-demo', '空数据库时不载入演示数据 / start empty')
  .action(runStart);

program.command('migrate').description('执行数据库迁移 / run database migrations').action(runMigrate);

program
  .command('seed')
  .description('载入数据 / load data')
  .option('--demo', '载入绿园区演示数据 / load the Lüyuan demo', false)
  .action(runSeed);

program
  .command('export')
  .description('导出数据到 Excel / export to Excel')
  .command('divisions <file>')
  .description('导出区划 / export divisions')
  .option('--root <code>', '只导出此区划及其下级 / only this subtree')
  .option('--boundaries', '包含边界 GeoJSON 列 / include boundary column', false)
  .action(runExport);

program
  .command('import')
  .description('从 Excel 导入数据 / import from Excel')
  .command('divisions <file>')
  .description('导入区划（任何一行有误则整个文件不导入）/ import divisions, all or nothing')
  .option('--dry-run', '只校验，不写入 / validate only', false)
  .action(runImport);

const audit = program.command('audit').description('审计日志 / audit log');
audit
  .command('verify')
  .description('校验审计链，指出第一条被改动的记录 / verify the SM3 chain and name the first broken entry')
  .action(runAuditVerify);
audit
  .command('archive')
  .description(
    '把超过保留期的审计记录归档到文件（连同哈希）/ move entries past retention to a file, with their hashes',
  )
  .requiredOption('--older-than-days <days>', '保留天数，不少于 180 / retention in days, at least 180')
  .requiredOption('--out <file>', '归档文件（JSON Lines，追加写入）/ archive file (JSON lines, appended)')
  .action(runAuditArchive);

program
  .command('ledger')
  .description('积分台账 / points ledger')
  .command('verify')
  .description(
    '校验积分台账：余额等于分录合计、每笔转账合计为零、无负余额；指出有问题的账户 / verify balances, transfers and no negatives',
  )
  .action(runLedgerVerify);

program
  .command('user')
  .description('账号 / accounts')
  .command('create <username>')
  .description(
    '新建账号（如 --no-demo 安装后的第一个区级管理员），打印一次性临时密码 / create an account, print its temporary password',
  )
  .requiredOption('--name <name>', '姓名 / display name')
  .requiredOption('--role <role>', '角色，如 district_admin / role key')
  .requiredOption('--scope <code>', '数据范围区划代码，如 220106 / division code of the data scope')
  .option('--department <name>', '职能部门（department_staff 必填）/ department')
  .option('--phone <number>', '手机号 / mobile number')
  .action(runUserCreate);

const jobs = program
  .command('jobs')
  .description('定时任务（如日志保留归档）的状态 / recurring jobs (e.g. log retention) and their last runs')
  .action(runJobsList);
jobs
  .command('run <name>')
  .description('立即执行一个定时任务，如 retention / run one job now, e.g. retention')
  .action(runJobNow);

program
  .command('demo')
  .description('演示模式工具 / demo-mode helpers')
  .command('totp <username>')
  .description('打印演示账号当前的 6 位动态码 / print the current TOTP code of a demo account')
  .action(runDemoTotp);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
