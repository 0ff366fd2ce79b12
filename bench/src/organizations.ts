import { type Kysely, sql } from 'kysely';
import type { DB } from '../../server/src/db/schema.gen.ts';
import { createRandom } from '../../server/src/demo/random.ts';
import { searchVector } from '../../server/src/platform/search-text.ts';
import type { CityRow } from './generate-city.ts';

/**
 * A deterministic registry of social organizations over the generated city, for the organization
 * scenarios of the bench (issue #4 acceptance: 100,000 organizations). Names and descriptions are
 * built like the district's own — a place, a brand word and a category ending (阳光社区爱心养老服务站,
 * 长春市南关区康乐儿童服务中心) — so a two-character word such as 养老 or 儿童 hits its category,
 * not the whole table.
 */
export interface OrganizationOptions {
  count: number;
  seed: number;
  /** Funding records are generated for these years (R6.2), one to three sources each. */
  fundingYears: readonly number[];
}

export const ORGANIZATION_SCALE: OrganizationOptions = {
  count: 100_000,
  seed: 20261127,
  fundingYears: [2024, 2025],
};

/** Two-character words the search scenario asks for: each names one or two categories. */
export const ORGANIZATION_SEARCH_WORDS = [
  '养老',
  '儿童',
  '助残',
  '志愿',
  '调解',
  '文体',
  '心理',
  '环保',
] as const;

type Category = readonly [
  category: string,
  weight: number,
  fields: readonly string[],
  endings: readonly string[],
  description: string,
];

// Category → fields as the demo registry links them; weights give the district's imbalance (R6.3).
// biome-ignore format: a table reads better than one value a line
const CATEGORIES: readonly Category[] = [
  ['elderly_care', 22, ['elderly', 'public_welfare'], ['养老服务中心', '居家养老服务站', '互助养老服务队', '老年助餐养老服务站'], '为辖区老年人提供居家养老、助餐助浴、日间照料和养老照护咨询服务'],
  ['child_welfare', 10, ['children', 'charity'], ['儿童服务中心', '儿童之家', '四点半课堂'], '为困境儿童和留守儿童提供课后托管、关爱陪伴和儿童权益保护服务'],
  ['youth', 6, ['children', 'education'], ['青少年服务中心', '青少年成长营'], '开展青少年成长辅导、社会实践和课外兴趣活动'],
  ['disability_aid', 7, ['disability', 'charity'], ['助残服务中心', '助残帮扶队', '残疾人康复服务中心'], '为残疾人提供康复训练、就业帮扶和无障碍出行协助等助残服务'],
  ['social_assistance', 9, ['charity', 'public_welfare'], ['社会工作服务中心', '爱心帮扶队', '邻里互助会'], '为困难家庭提供救助帮扶、物资募集和个案社会工作服务'],
  ['culture_sports', 24, ['culture_sports'], ['秧歌队', '合唱团', '太极拳队', '舞蹈队', '书画社', '文体活动队'], '组织居民文艺演出、全民健身和群众性文体活动'],
  ['science_education', 5, ['education'], ['科普服务中心', '职业技能培训学校', '科普宣传队'], '开展科普宣传、职业技能培训和终身学习课程'],
  ['community_governance', 6, ['public_welfare'], ['居民议事会', '楼栋长协会', '社区发展服务中心'], '协助社区开展居民议事、楼院自治和物业纠纷协商'],
  ['volunteering', 6, ['public_welfare', 'charity'], ['志愿服务队', '党员志愿服务队', '志愿服务中心'], '组织志愿者开展邻里互助、文明实践和应急志愿服务'],
  ['environment', 2, ['public_welfare'], ['环保志愿队', '垃圾分类督导队', '环保服务中心'], '开展垃圾分类宣传、环境整治和环保社区创建'],
  ['health', 2, ['psychology', 'public_welfare'], ['心理咨询服务中心', '心理疏导站', '健康促进会'], '提供心理健康讲座、心理疏导和健康生活方式指导'],
  ['mediation', 1, ['public_welfare', 'psychology'], ['和事佬调解室', '邻里调解队', '矛盾调解服务中心'], '调解邻里矛盾纠纷，提供法律咨询和普法宣传'],
];

// biome-ignore format: a table reads better than one word a line
const BRAND_WORDS = [
  '阳光', '爱心', '和谐', '康乐', '福寿', '善德', '同心', '春晖', '益众', '晨曦',
  '暖阳', '红枫', '常青', '安康', '惠民', '睦邻', '乐群', '启明', '希望', '彩虹',
  '友善', '德馨', '仁和', '博爱', '明德', '厚德', '向日葵', '心连心', '手拉手', '夕阳红',
];

const STATES = [
  ['active', 90],
  ['applied', 3],
  ['returned', 1],
  ['suspended', 3],
  ['deregistered', 3],
] as const;
const VENUES = [
  ['owns', 3],
  ['shared', 5],
  ['none', 2],
] as const;
const FUNDING_SOURCES = ['government_purchase', 'grants', 'donations', 'fees', 'other'] as const;

export interface OrganizationRow {
  id: string;
  name: string;
  kind: string;
  state: string;
  divisionCode: string;
  fields: readonly string[];
  category: string;
  staffCount: number;
  volunteerCount: number;
  venue: string;
  fromOutside: boolean;
  description: string;
  createdAt: Date;
}

export interface FundingRow {
  organizationId: string;
  year: number;
  source: string;
  amountFen: number;
}

/** Pure: the same city and options give the same organizations and funding. */
export function generateOrganizations(
  city: readonly CityRow[],
  options: OrganizationOptions,
): { organizations: OrganizationRow[]; funding: FundingRow[] } {
  const random = createRandom(options.seed ^ 0x0a9);
  const names = new Map(city.map((r) => [r.code, r.name]));
  const streets = city.filter((r) => r.level === 'street');
  const communities = city.filter((r) => r.level === 'community');
  const categories = CATEGORIES.map((c) => [c, c[1]] as const);
  const organizations: OrganizationRow[] = [];
  const funding: FundingRow[] = [];
  const epoch = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2026, 0, 1) - epoch;
  for (let i = 0; i < options.count; i++) {
    const [category, , fields, endings, description] = random.weighted(categories);
    // About half are filed community organizations; registered ones sit at a street or a community.
    const kind = random.weighted([
      ['community_org', 50],
      ['private_non_enterprise', 38],
      ['social_group', 12],
    ] as const);
    const atStreet = kind !== 'community_org' && random.next() < 0.5;
    const at = atStreet ? random.pick(streets) : random.pick(communities);
    const district = names.get(at.code.slice(0, 6)) ?? '';
    const place = kind === 'community_org' ? at.name : `长春市${district}`;
    const id = `bench-org-${String(i + 1).padStart(6, '0')}`;
    organizations.push({
      id,
      name: `${place}${random.pick(BRAND_WORDS)}${random.pick(endings)}`,
      kind,
      state: random.weighted(STATES),
      divisionCode: at.code,
      fields,
      category,
      staffCount: kind === 'community_org' ? random.int(0, 3) : random.int(0, 40),
      volunteerCount: random.int(0, kind === 'community_org' ? 60 : 300),
      venue: random.weighted(VENUES),
      fromOutside: random.next() < 0.05,
      description,
      createdAt: new Date(epoch + Math.floor(random.next() * span)),
    });
    const scale = kind === 'community_org' ? 5_000 : 80_000;
    for (const year of options.fundingYears) {
      for (const source of FUNDING_SOURCES) {
        if (random.next() < (source === 'government_purchase' ? 0.5 : 0.25)) {
          funding.push({ organizationId: id, year, source, amountFen: random.int(scale / 10, scale) * 100 });
        }
      }
    }
  }
  return { organizations, funding };
}

/**
 * Loads the registry in one transaction. Organizations go in multi-row inserts of `batch` rows,
 * each carrying the search vector the app computes when it writes a record (when the schema has
 * one), so the bench measures the search as it runs on records written through the app; funding
 * goes in one `insert … select from unnest(arrays)` per chunk.
 */
export async function loadOrganizations(
  db: Kysely<DB>,
  data: { organizations: readonly OrganizationRow[]; funding: readonly FundingRow[] },
  batch = 1000,
): Promise<void> {
  const columns = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
     where table_name = 'organization' and column_name = 'search_vector'`.execute(db);
  const withVector = columns.rows.length > 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < data.organizations.length; i += batch) {
      const rows = data.organizations.slice(i, i + batch);
      await trx
        .insertInto('organization')
        .values(
          rows.map((r) => ({
            ...r,
            fields: [...r.fields],
            updatedAt: r.createdAt,
            ...(withVector ? { searchVector: searchVector(r.name, r.description) } : {}),
          })),
        )
        .execute();
    }
    const chunk = 30_000;
    for (let i = 0; i < data.funding.length; i += chunk) {
      const rows = data.funding.slice(i, i + chunk);
      await sql`
        insert into organization_funding (organization_id, year, source, amount_fen)
        select * from unnest(${rows.map((r) => r.organizationId)}::text[], ${rows.map((r) => r.year)}::int[],
                             ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.amountFen)}::bigint[])`.execute(
        trx,
      );
    }
  });
}
