import pg from 'pg';
const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/linli_scratch', max: Number(process.env.POOL ?? 10) });
const sql = process.env.SQL ?? 'select 1';
async function run(label: string, text: string, params: unknown[], ms = 3000, conc = 50, named = false) {
  let n = 0; const end = Date.now() + ms;
  await Promise.all(Array.from({ length: conc }, async () => { while (Date.now() < end) { await pool.query(named ? { name: label, text, values: params } : { text, values: params }); n++; } }));
  console.log(label.padEnd(30), (n / ms * 1000).toFixed(0), 'q/s');
}
await run('select 1 simple', 'select 1', []);
await run('select 1 param', 'select $1::int', [1]);
await run('select 1 named', 'select $1::int', [1], 3000, 50, true);
await run('children list', `select d.code, d.name, d.level, d.parent_code, d.population, d.households, d.community_type, (select count(*)::int from division c where c.parent_code = d.code) as child_count, d.boundary is not null as has_boundary from division d where d.parent_code = $1 order by d.code limit 20`, ['220102001']);
await run('children list named', `select d.code, d.name, d.level, d.parent_code, d.population, d.households, d.community_type, (select count(*)::int from division c where c.parent_code = d.code) as child_count, d.boundary is not null as has_boundary from division d where d.parent_code = $1 order by d.code limit 20`, ['220102001'], 3000, 50, true);
await pool.end();
