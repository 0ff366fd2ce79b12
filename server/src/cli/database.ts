import { isEmpty, seedDemo } from '../demo/seed.ts';
import { cipherFor, withDatabase } from './context.ts';
import { progressBar } from './progress.ts';

export async function runMigrate(): Promise<void> {
  await withDatabase(async (_db, database) => {
    console.log(`数据库已是最新 database is up to date (${database.engine}: ${database.location})`);
  });
}

export async function runSeed(options: { demo: boolean }): Promise<void> {
  if (!options.demo) {
    console.error('请指定要载入的数据，如 --demo / say what to load, e.g. --demo');
    process.exitCode = 2;
    return;
  }
  await withDatabase(async (db, _database, config) => {
    if (!(await isEmpty(db))) {
      console.error(
        '数据库中已有区划数据，未重复载入演示数据 / the database already holds divisions; demo not loaded',
      );
      process.exitCode = 1;
      return;
    }
    const bar = progressBar('载入演示数据 seeding');
    const result = await seedDemo(db, { cipher: cipherFor(config), onProgress: bar.update });
    bar.done();
    console.log(
      `已载入 loaded: ${result.divisions} 个区划 divisions, ${result.specialAreas} 个开发区 special areas`,
    );
  });
}
