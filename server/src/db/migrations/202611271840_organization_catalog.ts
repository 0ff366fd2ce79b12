import { type Kysely, sql } from 'kysely';

// The lists of fields (领域) and categories (类别) an organization is filed under (issue #4 item 1),
// kept by the district admin. Seeded with the codes the registry started with, so existing records
// stay valid; a code is never deleted, only deactivated (records keep pointing at it).
const FIELDS: Array<[string, string, string]> = [
  ['public_welfare', '公益', 'Public welfare'],
  ['charity', '慈善', 'Charity'],
  ['education', '教育', 'Education'],
  ['psychology', '心理', 'Psychology'],
  ['children', '儿童', 'Children'],
  ['elderly', '养老', 'Elderly care'],
  ['disability', '助残', 'Disability support'],
  ['culture_sports', '文体', 'Culture and sports'],
];

const CATEGORIES: Array<[string, string, string]> = [
  ['elderly_care', '养老服务', 'Elderly care'],
  ['child_welfare', '儿童福利', 'Child welfare'],
  ['youth', '青少年服务', 'Youth services'],
  ['disability_aid', '助残服务', 'Disability aid'],
  ['social_assistance', '社会救助', 'Social assistance'],
  ['culture_sports', '文化体育', 'Culture and sports'],
  ['science_education', '科技教育', 'Science and education'],
  ['community_governance', '社区治理', 'Community governance'],
  ['volunteering', '志愿服务', 'Volunteering'],
  ['environment', '环境保护', 'Environment'],
  ['health', '卫生健康', 'Health'],
  ['mediation', '纠纷调解', 'Dispute mediation'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table organization_catalog (
      list text not null check (list in ('field', 'category')),
      code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      name_zh text not null check (length(name_zh) between 1 and 30),
      name_en text not null check (length(name_en) between 1 and 60),
      sort integer not null default 0,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (list, code)
    )`.execute(db);
  const rows = [
    ...FIELDS.map(([code, zh, en], i) => ({ list: 'field', code, zh, en, sort: (i + 1) * 10 })),
    ...CATEGORIES.map(([code, zh, en], i) => ({ list: 'category', code, zh, en, sort: (i + 1) * 10 })),
  ];
  for (const r of rows) {
    await sql`
      insert into organization_catalog (list, code, name_zh, name_en, sort)
      values (${r.list}, ${r.code}, ${r.zh}, ${r.en}, ${r.sort})`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table organization_catalog`.execute(db);
}
