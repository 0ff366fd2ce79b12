import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { hasDemoAccounts } from '../demo/accounts.ts';
import { isEmpty, seedDemo } from '../demo/seed.ts';
import { buildJobs } from '../jobs.ts';
import { cipherFor, openMigrated } from './context.ts';
import { demoBanner } from './demo.ts';
import { progressBar } from './progress.ts';

export async function runStart(options: { port?: number; demo: boolean }): Promise<void> {
  const config = loadConfig(process.env, options.port === undefined ? {} : { port: options.port });
  const database = await openMigrated(config);
  const cipher = cipherFor(config);
  let demoLoaded = false;
  if (options.demo && (await isEmpty(database.db))) {
    demoLoaded = true;
    if (config.nodeEnv === 'production') {
      console.error(
        '生产环境不载入演示数据 / demo data is never loaded when NODE_ENV=production; use --no-demo',
      );
      await database.close();
      process.exit(1);
    }
    const bar = progressBar('载入绿园区演示数据 seeding the Lüyuan demo');
    const result = await seedDemo(database.db, { cipher, onProgress: bar.update });
    bar.done();
    console.error(`已载入演示数据 demo loaded: ${result.divisions} 个区划 divisions`);
  }
  const app = await buildApp({ config, database, cipher });
  const jobs = await buildJobs(config, database, (job, error) =>
    app.log.error({ job, err: error }, 'job failed'),
  );
  jobs.start(config.jobTickSeconds);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await jobs.stop();
      await app.close();
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  const shown = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  console.error(
    [
      '',
      `  邻里 Linli 已启动 is running: ${shown}`,
      `  接口文档 API docs: ${shown}/api/docs`,
      `  数据库 database: ${database.engine} (${database.location})`,
      ...(demoLoaded || (await hasDemoAccounts(database.db)) ? ['', ...demoBanner()] : []),
      '',
    ].join('\n'),
  );
}
