import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { openDatabase } from '../../server/src/db/database.ts';
const url = 'postgres://postgres@127.0.0.1:5432/linli_scratch';
const database = await openDatabase({ databaseUrl: url, poolSize: Number(process.env.POOL ?? 10) });
const app = await buildApp({ config: loadConfig({}, { databaseUrl: url, webDist: '/nonexistent', logLevel: 'warn' }), database });
await app.ready();
const path = process.argv[2] ?? '/api/v1/divisions/220102001/children';
for (const conc of [1, 10, 50]) {
  const n = 2000;
  let i = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => { while (i++ < n) { const r = await app.inject(path); if (r.statusCode !== 200) throw new Error(r.body); } }));
  const ms = performance.now() - t0;
  console.log(`conc ${conc}: ${(n / ms * 1000).toFixed(0)} req/s, ${(ms / n).toFixed(3)} ms/req`);
}
// raw query
const t0 = performance.now();
for (let k = 0; k < 2000; k++) await database.db.selectFrom('division').select('code').where('code', '=', '220102001').execute();
console.log('raw single query serial', ((performance.now() - t0) / 2000).toFixed(3), 'ms');
await app.close(); await database.close();
