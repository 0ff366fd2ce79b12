import { type Kysely, sql } from 'kysely';

/**
 * The service-category catalogue (门类) as the district started it: each category belongs to one
 * of the report's four classes of organizations and, where one fits, to a fund focus area (what a
 * signed contract's payments are booked under). The district adds and deactivates categories later.
 */
const CATEGORIES: ReadonlyArray<
  [code: string, name: string, nameEn: string, orgClass: string, focusArea: string | null]
> = [
  ['orphan_aid', '助孤', 'Orphan support', 'charity', 'child_welfare'],
  ['disability_aid', '助残', 'Disability aid', 'charity', 'elderly_disabled'],
  ['medical_aid', '助医', 'Medical aid', 'charity', 'social_assistance'],
  ['student_aid', '助学', 'Student aid', 'charity', 'culture_education'],
  ['poverty_relief', '扶贫济困', 'Poverty relief', 'charity', 'social_assistance'],
  ['disaster_relief', '救灾减灾', 'Disaster relief', 'charity', 'social_assistance'],
  ['emergency_relief', '临时救助', 'Emergency relief', 'charity', 'social_assistance'],
  ['children_in_difficulty', '困境儿童关爱', 'Children in difficulty', 'charity', 'child_welfare'],
  ['left_behind_children', '留守儿童关爱', 'Left-behind children', 'charity', 'child_welfare'],
  ['destitute_support', '特困供养', 'Destitute support', 'charity', 'social_assistance'],
  ['serious_illness_aid', '大病救助', 'Serious-illness aid', 'charity', 'social_assistance'],
  ['rehabilitation', '康复服务', 'Rehabilitation', 'charity', 'elderly_disabled'],
  ['charity_giving', '慈善募捐', 'Charitable giving', 'charity', null],
  ['psychological', '心理', 'Psychological support', 'public_welfare', null],
  ['teaching_aid', '助教', 'Teaching aid', 'public_welfare', 'culture_education'],
  ['environment', '环境保护', 'Environment', 'public_welfare', null],
  ['volunteering', '志愿服务', 'Volunteering', 'public_welfare', 'volunteer_service'],
  ['culture', '文化服务', 'Culture', 'public_welfare', 'culture_education'],
  ['sports', '全民健身', 'Sports and fitness', 'public_welfare', null],
  ['science_popularization', '科普宣传', 'Science popularization', 'public_welfare', 'culture_education'],
  ['legal_aid', '法律援助', 'Legal aid', 'public_welfare', null],
  ['drug_prevention', '禁毒宣传', 'Drug prevention', 'public_welfare', null],
  ['youth', '青少年成长', 'Youth development', 'public_welfare', 'child_welfare'],
  ['women_children', '妇女儿童', 'Women and children', 'public_welfare', 'child_welfare'],
  ['family_education', '家庭教育', 'Family education', 'public_welfare', 'culture_education'],
  ['reading', '阅读推广', 'Reading promotion', 'public_welfare', 'culture_education'],
  ['community_building', '社区营造', 'Community building', 'public_welfare', 'community_governance'],
  ['animal_protection', '动物保护', 'Animal protection', 'public_welfare', null],
  ['civility', '文明实践', 'Civic practice', 'public_welfare', 'volunteer_service'],
  ['elderly_care', '养老', 'Elderly care', 'livelihood', 'elderly_disabled'],
  ['meal_aid', '助餐', 'Meal service', 'livelihood', 'elderly_disabled'],
  ['housekeeping', '家政', 'Housekeeping', 'livelihood', null],
  ['stability', '维稳', 'Social stability', 'livelihood', 'community_governance'],
  ['health', '医疗卫生', 'Health care', 'livelihood', null],
  ['employment', '就业服务', 'Employment', 'livelihood', 'social_assistance'],
  ['childcare', '托育服务', 'Childcare', 'livelihood', 'child_welfare'],
  ['housing', '住房保障', 'Housing', 'livelihood', null],
  ['property', '物业服务', 'Property services', 'livelihood', 'community_governance'],
  ['mediation', '矛盾调解', 'Dispute mediation', 'livelihood', 'community_governance'],
  ['safety', '安全服务', 'Safety', 'livelihood', null],
  ['correction', '社区矫正', 'Community correction', 'livelihood', 'community_governance'],
  ['veterans', '退役军人服务', 'Veterans', 'livelihood', null],
  ['home_care', '居家照护', 'Home care', 'livelihood', 'elderly_disabled'],
  ['wellness', '康养服务', 'Wellness', 'livelihood', 'elderly_disabled'],
  ['migrants', '流动人口服务', 'Migrant services', 'livelihood', 'social_assistance'],
  ['mutual_aid', '邻里互助', 'Neighbourly mutual aid', 'livelihood', 'community_governance'],
  ['entrepreneurship', '创业服务', 'Entrepreneurship', 'economic', null],
  ['skills_training', '技能培训', 'Skills training', 'economic', 'social_assistance'],
  ['agriculture', '农业服务', 'Agriculture', 'economic', null],
  ['ecommerce', '电商服务', 'E-commerce', 'economic', null],
  ['small_business', '小微企业服务', 'Small business', 'economic', null],
  ['trade_association', '行业服务', 'Trade services', 'economic', null],
  ['financial_literacy', '金融知识普及', 'Financial literacy', 'economic', null],
  ['consumer_rights', '消费维权', 'Consumer rights', 'economic', null],
  ['rural_revitalization', '乡村振兴', 'Rural revitalization', 'economic', null],
  ['chamber', '商会服务', 'Chamber services', 'economic', null],
];

// The matchmaking fair (社会组织成果展示暨社洽会, issue #7 item 7, R5.4): each edition, the
// government's offers of services to buy, organizations' exhibits, and the matches between them;
// a signed match becomes a contract (the contract now comes from an award or from a fair match,
// exactly one of them).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table fair_category (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      name text not null unique check (length(name) between 1 and 20),
      name_en text not null check (length(name_en) between 1 and 60),
      org_class text not null check (org_class in ('charity', 'public_welfare', 'livelihood', 'economic')),
      focus_area text,
      active boolean not null default true,
      sort integer not null default 0,
      created_at timestamptz not null default now()
    )`.execute(db);
  await db
    .insertInto('fair_category')
    .values(
      CATEGORIES.map(([code, name, nameEn, orgClass, focusArea], i) => ({
        code,
        name,
        name_en: nameEn,
        org_class: orgClass,
        focus_area: focusArea,
        sort: (i + 1) * 10,
      })),
    )
    .execute();

  await sql`
    create table fair (
      id text primary key,
      name text not null check (length(name) between 2 and 100),
      held_on date not null,
      venue text not null check (length(venue) between 1 and 200),
      description text check (length(description) <= 2000),
      division_code text not null,
      state text not null check (state in ('planned', 'open', 'closed')),
      created_by text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index fair_division_idx on fair (division_code text_pattern_ops)`.execute(db);
  await sql`create index fair_held_idx on fair (held_on desc)`.execute(db);

  await sql`
    create table fair_offer (
      id text primary key,
      fair_id text not null references fair (id),
      title text not null check (length(title) between 2 and 100),
      category_code text not null references fair_category (code),
      division_code text not null check (length(division_code) in (6, 9, 12)),
      publisher text not null check (length(publisher) between 1 and 100),
      budget_fen bigint not null check (budget_fen > 0),
      fund_id text references fund (id),
      description text not null check (length(description) between 1 and 2000),
      created_by text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  // Suggestions for an exhibit look up offers of its fair and category, then by area prefix.
  await sql`create index fair_offer_match_idx on fair_offer (fair_id, category_code, division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`create index fair_offer_division_idx on fair_offer (division_code text_pattern_ops)`.execute(db);

  await sql`
    create table fair_exhibit (
      id text primary key,
      fair_id text not null references fair (id),
      organization_id text not null references organization (id),
      division_code text not null,
      title text not null check (length(title) between 2 and 100),
      category_code text not null references fair_category (code),
      areas text[] not null check (cardinality(areas) between 1 and 20),
      description text not null check (length(description) between 1 and 2000),
      created_by text not null,
      created_at timestamptz not null default now(),
      unique (fair_id, organization_id, title)
    )`.execute(db);
  // Suggestions for an offer look up exhibits of its fair and category.
  await sql`create index fair_exhibit_match_idx on fair_exhibit (fair_id, category_code)`.execute(db);
  await sql`create index fair_exhibit_organization_idx on fair_exhibit (organization_id)`.execute(db);

  await sql`
    create table fair_match (
      id text primary key,
      fair_id text not null references fair (id),
      offer_id text not null references fair_offer (id),
      exhibit_id text not null references fair_exhibit (id),
      organization_id text not null references organization (id),
      division_code text not null,
      origin text not null check (origin in ('suggested', 'offer', 'exhibit')),
      score integer not null check (score between 0 and 100),
      state text not null check (state in ('proposed', 'negotiating', 'signed', 'declined')),
      amount_fen bigint check (amount_fen > 0),
      contract_id text unique,
      signed_at timestamptz,
      created_by text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (offer_id, exhibit_id),
      -- Signing sets the state, then links the contract it drafted, in one transaction.
      check (contract_id is null or state = 'signed')
    )`.execute(db);
  await sql`create index fair_match_fair_idx on fair_match (fair_id, state)`.execute(db);
  await sql`create index fair_match_exhibit_idx on fair_match (exhibit_id)`.execute(db);
  await sql`create index fair_match_organization_idx on fair_match (organization_id)`.execute(db);
  await sql`create index fair_match_division_idx on fair_match (division_code text_pattern_ops)`.execute(db);

  await sql`alter table contract alter column application_id drop not null`.execute(db);
  await sql`alter table contract add column fair_match_id text unique references fair_match (id)`.execute(db);
  await sql`alter table contract add constraint contract_one_source check (num_nonnulls(application_id, fair_match_id) = 1)`.execute(
    db,
  );
  await sql`alter table fair_match add constraint fair_match_contract_fk foreign key (contract_id) references contract (id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table fair_match drop constraint fair_match_contract_fk`.execute(db);
  await sql`alter table contract drop constraint contract_one_source`.execute(db);
  await sql`alter table contract drop column fair_match_id`.execute(db);
  await sql`alter table contract alter column application_id set not null`.execute(db);
  await sql`drop table fair_match`.execute(db);
  await sql`drop table fair_exhibit`.execute(db);
  await sql`drop table fair_offer`.execute(db);
  await sql`drop table fair`.execute(db);
  await sql`drop table fair_category`.execute(db);
}
