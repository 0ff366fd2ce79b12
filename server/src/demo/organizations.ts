import {
  type FundingSource,
  type OrganizationCategory,
  type OrganizationField,
  type OrganizationKind,
  type OrganizationState,
  type OrganizationVenue,
  orgCodeCheckOk,
  USCC_KIND_CHAR,
  usccCheckChar,
} from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import type { DataCipher } from '../platform/crypto.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { createRandom, type Random } from './random.ts';

/**
 * The report's registry (R2.1): 287 organizations — 118 民办非企业单位 and 39 社会团体 registered
 * with the district's civil-affairs bureau, 130 community social organizations filed with their
 * street — with realistic names, valid credit codes, funding by year, and a few records part-way
 * through the lifecycle so its buttons have something to act on. Same seed, same registry.
 */
export const DEMO_ORGANIZATION_COUNTS = {
  private_non_enterprise: 118,
  social_group: 39,
  community_org: 130,
} as const;

const AUTHORITY = '长春市绿园区民政局';
const DISTRICT = '220106';
/** The community where the demo staff accounts work: it gets a handful of filings to act on. */
const HOME_COMMUNITY = '220106001001';

/** The organization the demo social-organization account acts for. */
const DEMO_ORG_ID = DEMO_ACCOUNTS.find((a) => a.role === 'social_org')?.organizationId ?? 'demo-org';

const CATEGORY_FIELDS: Record<OrganizationCategory, OrganizationField[]> = {
  elderly_care: ['elderly', 'public_welfare'],
  child_welfare: ['children', 'charity'],
  youth: ['children', 'education'],
  disability_aid: ['disability', 'charity'],
  social_assistance: ['charity', 'public_welfare'],
  culture_sports: ['culture_sports'],
  science_education: ['education'],
  community_governance: ['public_welfare'],
  volunteering: ['public_welfare', 'charity'],
  environment: ['public_welfare'],
  health: ['psychology', 'public_welfare'],
  mediation: ['public_welfare', 'psychology'],
};

/** Name endings of registered service agencies (民办非企业单位) by category, with how common each is. */
const AGENCY_NAMES: ReadonlyArray<readonly [OrganizationCategory, number, readonly string[]]> = [
  ['elderly_care', 24, ['养老服务中心', '居家养老服务中心', '养老院', '社区养老服务站']],
  ['child_welfare', 10, ['儿童服务中心', '儿童托管服务中心', '儿童之家']],
  ['youth', 9, ['青少年服务中心', '青少年成长服务中心']],
  ['disability_aid', 9, ['助残服务中心', '残疾人康复服务中心']],
  ['social_assistance', 12, ['社会工作服务中心', '社会救助服务中心', '社工事务所']],
  ['culture_sports', 12, ['文化艺术培训学校', '体育健身服务中心']],
  ['science_education', 12, ['职业技能培训学校', '科普服务中心']],
  ['community_governance', 8, ['社区发展服务中心', '社区治理服务中心']],
  ['volunteering', 8, ['志愿服务中心']],
  ['environment', 4, ['环保服务中心']],
  ['health', 7, ['心理咨询服务中心', '健康服务中心']],
  ['mediation', 3, ['矛盾调解服务中心']],
];

const BRAND_WORDS = [
  '阳光',
  '爱心',
  '和谐',
  '康乐',
  '福寿',
  '善德',
  '同心',
  '春晖',
  '益众',
  '晨曦',
  '暖阳',
  '红枫',
  '常青',
  '安康',
  '惠民',
  '睦邻',
  '乐群',
  '启明',
  '希望',
  '彩虹',
  '友善',
  '德馨',
  '仁和',
  '博爱',
  '长青',
  '夕阳红',
  '金色年华',
  '心连心',
  '手拉手',
  '向日葵',
  '绿园',
  '幸福里',
  '明德',
  '厚德',
];

/** District-level social groups (社会团体) as they are named, each with its category. */
const SOCIAL_GROUPS: ReadonlyArray<readonly [string, OrganizationCategory]> = [
  ['养老服务协会', 'elderly_care'],
  ['老年人体育协会', 'culture_sports'],
  ['老年书画研究会', 'culture_sports'],
  ['书法家协会', 'culture_sports'],
  ['摄影家协会', 'culture_sports'],
  ['美术家协会', 'culture_sports'],
  ['音乐家协会', 'culture_sports'],
  ['舞蹈家协会', 'culture_sports'],
  ['作家协会', 'culture_sports'],
  ['围棋协会', 'culture_sports'],
  ['象棋协会', 'culture_sports'],
  ['乒乓球协会', 'culture_sports'],
  ['太极拳协会', 'culture_sports'],
  ['健身气功协会', 'culture_sports'],
  ['诗词学会', 'culture_sports'],
  ['慈善协会', 'social_assistance'],
  ['社会工作者协会', 'community_governance'],
  ['志愿者协会', 'volunteering'],
  ['青年志愿者协会', 'volunteering'],
  ['退役军人志愿者协会', 'volunteering'],
  ['助残志愿者协会', 'disability_aid'],
  ['肢残人协会', 'disability_aid'],
  ['盲人协会', 'disability_aid'],
  ['聋人协会', 'disability_aid'],
  ['家庭教育研究会', 'science_education'],
  ['科普协会', 'science_education'],
  ['老科技工作者协会', 'science_education'],
  ['心理咨询师协会', 'health'],
  ['中医药学会', 'health'],
  ['环境保护协会', 'environment'],
  ['物业管理协会', 'community_governance'],
  ['个体私营企业协会', 'community_governance'],
  ['总商会', 'community_governance'],
  ['人民调解协会', 'mediation'],
  ['法学会', 'mediation'],
  ['青少年发展促进会', 'youth'],
  ['儿童文学研究会', 'child_welfare'],
  ['妇女儿童发展促进会', 'child_welfare'],
  ['老年人协会', 'elderly_care'],
];

/** Community social organizations: what residents form in their community, by category. */
const COMMUNITY_NAMES: ReadonlyArray<readonly [OrganizationCategory, number, readonly string[]]> = [
  ['elderly_care', 22, ['互助养老服务队', '居家养老志愿队', '老年助餐养老服务站']],
  ['child_welfare', 10, ['四点半课堂', '儿童之家']],
  ['youth', 6, ['青少年成长营']],
  ['disability_aid', 8, ['助残帮扶队']],
  ['social_assistance', 10, ['爱心帮扶队', '邻里互助会']],
  ['culture_sports', 28, ['秧歌队', '合唱团', '太极拳队', '舞蹈队', '书画社', '读书会']],
  ['science_education', 4, ['科普宣传队']],
  ['community_governance', 12, ['楼栋长协会', '居民议事会', '平安巡逻队']],
  ['volunteering', 12, ['志愿服务队', '党员志愿服务队']],
  ['environment', 8, ['环保志愿队', '垃圾分类督导队']],
  ['health', 5, ['健康促进会', '心理疏导站']],
  ['mediation', 5, ['邻里调解队', '和事佬调解室']],
];

/** What each category's description says; only elderly care speaks of 养老, so a search for it is telling. */
const DESCRIPTIONS: Record<OrganizationCategory, string> = {
  elderly_care: '为辖区老年人提供居家养老、助餐助浴、日间照料和养老照护咨询服务',
  child_welfare: '为困境儿童和留守儿童提供课后托管、关爱陪伴和儿童权益保护服务',
  youth: '开展青少年成长辅导、社会实践和课外兴趣活动',
  disability_aid: '为残疾人提供康复训练、就业帮扶和无障碍出行协助',
  social_assistance: '为困难家庭提供救助帮扶、物资募集和个案社会工作服务',
  culture_sports: '组织居民文艺演出、全民健身和群众性文化体育活动',
  science_education: '开展科普宣传、职业技能培训和终身学习课程',
  community_governance: '协助社区开展居民议事、楼院自治和物业纠纷协商',
  volunteering: '组织志愿者开展邻里互助、文明实践和应急服务',
  environment: '开展垃圾分类宣传、环境整治和绿色社区创建',
  health: '提供心理健康讲座、心理疏导和健康生活方式指导',
  mediation: '调解邻里矛盾纠纷，提供法律咨询和普法宣传',
};

const SURNAMES = [...'王李张刘陈杨赵孙于高马郭徐周吴朱胡姜崔董曲宋韩冯曹田'];
const GIVEN = [...'伟勇军斌刚辉波东明涛强峰磊红燕丽敏静玲慧艳霞娟颖萍杰丹梅晶华秀英玉兰凤桂芳'];

export interface DemoOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  state: OrganizationState;
  uscc: string | null;
  registrationAuthority: string;
  registeredOn: string | null;
  filedOn: string | null;
  legalRepName: string;
  contactPhone: string;
  address: string;
  divisionCode: string;
  fields: OrganizationField[];
  category: OrganizationCategory;
  serviceArea: string;
  staffCount: number;
  volunteerCount: number;
  venue: OrganizationVenue;
  grade: string | null;
  tags: string[];
  fromOutside: boolean;
  description: string;
  funding: Array<{ year: number; source: FundingSource; amountFen: number }>;
}

export interface DemoDivision {
  code: string;
  name: string;
  streetName: string;
}

const ORG_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A civil-affairs credit code: 5, the kind, the district, an `MJ` subject code with both check characters. */
export function demoUscc(kind: keyof typeof USCC_KIND_CHAR, rnd: Random): string {
  for (;;) {
    const body = `MJ${Array.from({ length: 6 }, () => rnd.int(0, 9)).join('')}`;
    for (const c of ORG_CODE_ALPHABET) {
      const first17 = `5${USCC_KIND_CHAR[kind]}${DISTRICT}${body}${c}`;
      if (orgCodeCheckOk(`${first17}0`)) return `${first17}${usccCheckChar(first17)}`;
    }
  }
}

function date(rnd: Random, fromYear: number, toYear: number): string {
  const y = rnd.int(fromYear, toYear);
  const m = rnd.int(1, 12);
  const d = rnd.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function expand(
  table: ReadonlyArray<readonly [OrganizationCategory, number, readonly string[]]>,
  total: number,
): OrganizationCategory[] {
  const weights = table.map(([, w]) => w);
  const sum = weights.reduce((s, w) => s + w, 0);
  const out: OrganizationCategory[] = [];
  table.forEach(([category, w], i) => {
    const n = i === table.length - 1 ? total - out.length : Math.round((total * w) / sum);
    for (let k = 0; k < n; k++) out.push(category);
  });
  return out.slice(0, total);
}

function funding(rnd: Random, kind: OrganizationKind): DemoOrganization['funding'] {
  const out: DemoOrganization['funding'] = [];
  const scale = kind === 'community_org' ? 5_000 : 80_000;
  for (let year = 2021; year <= 2025; year++) {
    const sources: FundingSource[] = ['government_purchase', 'grants', 'donations', 'fees', 'other'];
    for (const source of sources) {
      if (rnd.next() < (source === 'government_purchase' ? 0.6 : 0.35)) {
        out.push({ year, source, amountFen: rnd.int(scale / 10, scale) * 100 });
      }
    }
  }
  return out;
}

/** Builds the demo registry over the district's streets and communities (pure: same seed, same rows). */
export function buildDemoOrganizations(
  seed: number,
  streets: readonly DemoDivision[],
  communities: readonly DemoDivision[],
): DemoOrganization[] {
  const rnd = createRandom(seed ^ 0x0a9);
  const names = new Set<string>();
  const usccs = new Set<string>();
  const out: DemoOrganization[] = [];
  const person = () => `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}${rnd.next() < 0.6 ? rnd.pick(GIVEN) : ''}`;
  const phone = () => `13${rnd.int(0, 9)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
  const venue = (): OrganizationVenue =>
    rnd.weighted([
      ['owns', 3],
      ['shared', 5],
      ['none', 2],
    ] as const);
  const uniqueUscc = (kind: keyof typeof USCC_KIND_CHAR) => {
    for (;;) {
      const code = demoUscc(kind, rnd);
      if (!usccs.has(code)) {
        usccs.add(code);
        return code;
      }
    }
  };
  const common = (category: OrganizationCategory, kind: OrganizationKind, at: DemoDivision) => ({
    legalRepName: person(),
    contactPhone: phone(),
    address: `${at.streetName}${at.name === at.streetName ? '' : at.name}${rnd.int(1, 300)}号`,
    divisionCode: at.code,
    fields: CATEGORY_FIELDS[category],
    category,
    serviceArea: at.name === at.streetName ? `${at.streetName}辖区` : `${at.name}及周边`,
    staffCount: kind === 'community_org' ? rnd.int(0, 3) : rnd.int(3, 40),
    volunteerCount: rnd.int(5, kind === 'community_org' ? 60 : 300),
    venue: venue(),
    description: DESCRIPTIONS[category],
    funding: funding(rnd, kind),
  });

  // Registered service agencies: named by the district and a brand word, at a street or a community.
  const agencyCategories = expand(AGENCY_NAMES, DEMO_ORGANIZATION_COUNTS.private_non_enterprise);
  agencyCategories.forEach((category, i) => {
    const endings = AGENCY_NAMES.find(([c]) => c === category)![2];
    let name = '';
    for (let tries = 0; !name || names.has(name); tries++) {
      // Popular words run out within a category: later agencies combine two (阳光爱心养老服务中心).
      const brand = tries > 20 ? rnd.pick(BRAND_WORDS) + rnd.pick(BRAND_WORDS) : rnd.pick(BRAND_WORDS);
      name = `长春市绿园区${brand}${rnd.pick(endings)}`;
    }
    names.add(name);
    const at = rnd.next() < 0.6 ? rnd.pick(streets) : rnd.pick(communities);
    const state: OrganizationState = i === 10 ? 'applied' : i === 50 ? 'suspended' : 'active';
    out.push({
      id: `org-pne-${String(i + 1).padStart(3, '0')}`,
      name,
      kind: 'private_non_enterprise',
      state,
      uscc: uniqueUscc('private_non_enterprise'),
      registrationAuthority: AUTHORITY,
      registeredOn: state === 'applied' ? null : date(rnd, 2008, 2025),
      filedOn: null,
      grade:
        state === 'active'
          ? rnd.weighted([
              [null, 6],
              ['3A', 2],
              ['4A', 1.5],
              ['5A', 0.5],
            ] as const)
          : null,
      tags: rnd.next() < 0.12 ? ['品牌项目'] : [],
      fromOutside: rnd.next() < 0.12,
      ...common(category, 'private_non_enterprise', at),
    });
  });

  SOCIAL_GROUPS.slice(0, DEMO_ORGANIZATION_COUNTS.social_group).forEach(([ending, category], i) => {
    const name = `长春市绿园区${ending}`;
    names.add(name);
    const state: OrganizationState = i === 20 ? 'suspended' : 'active';
    out.push({
      id: `org-sg-${String(i + 1).padStart(3, '0')}`,
      name,
      kind: 'social_group',
      state,
      uscc: uniqueUscc('social_group'),
      registrationAuthority: AUTHORITY,
      registeredOn: date(rnd, 2000, 2024),
      filedOn: null,
      grade: rnd.weighted([
        [null, 6],
        ['3A', 2],
        ['4A', 1],
      ] as const),
      tags: [],
      fromOutside: rnd.next() < 0.08,
      ...common(category, 'social_group', rnd.pick(streets)),
    });
  });

  // Community organizations: formed by residents, filed with the street; the home community has several.
  const communityCategories = expand(COMMUNITY_NAMES, DEMO_ORGANIZATION_COUNTS.community_org);
  const home = communities.find((c) => c.code === HOME_COMMUNITY);
  communityCategories.forEach((category, i) => {
    const endings = COMMUNITY_NAMES.find(([c]) => c === category)![2];
    let at = home && i % 20 === 0 ? home : rnd.pick(communities);
    let name = '';
    for (let tries = 0; !name || names.has(name); tries++) {
      if (tries > 3) at = rnd.pick(communities);
      // A small tree runs out of plain names: a second team takes a brand word (爱民社区阳光秧歌队).
      const brand = tries > 20 ? rnd.pick(BRAND_WORDS) : '';
      name = `绿园区${at.name}${brand}${rnd.pick(endings)}`;
    }
    names.add(name);
    const state: OrganizationState =
      i === 40 || i === 60 || i === 90
        ? 'applied'
        : i === 100 || i === 120
          ? 'returned'
          : i === 80
            ? 'suspended'
            : 'active';
    out.push({
      id: i === 0 ? DEMO_ORG_ID : `org-cso-${String(i + 1).padStart(3, '0')}`,
      name,
      kind: 'community_org',
      state,
      uscc: null,
      registrationAuthority: `${at.streetName}办事处`,
      registeredOn: null,
      filedOn: state === 'active' || state === 'suspended' ? date(rnd, 2016, 2025) : null,
      grade: null,
      tags: [],
      fromOutside: false,
      ...common(category, 'community_org', at),
    });
  });
  return out;
}

const BATCH = 100;

export async function seedDemoOrganizations(
  db: Kysely<DB>,
  cipher: DataCipher,
  seed: number,
): Promise<number> {
  const rows = await db
    .selectFrom('division as d')
    .innerJoin('division as s', (join) => join.on(sql<boolean>`s.code = left(d.code, 9)`))
    .select(['d.code', 'd.name', 's.name as streetName'])
    .where(sql<boolean>`length(d.code) in (9, 12)`)
    .where('d.code', 'like', `${DISTRICT}%`)
    .orderBy('d.code')
    .execute();
  const streets = rows.filter((r) => r.code.length === 9);
  const communities = rows.filter((r) => r.code.length === 12);
  const organizations = buildDemoOrganizations(seed, streets, communities);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < organizations.length; i += BATCH) {
      const batch = organizations.slice(i, i + BATCH);
      await trx
        .insertInto('organization')
        .values(
          batch.map(({ funding: _f, contactPhone, ...o }) => ({
            ...o,
            contactPhoneSealed: cipher.encrypt(contactPhone),
            contactPhoneIndex: cipher.piiIndex('phone', contactPhone),
          })),
        )
        .execute();
      const funding = batch.flatMap((o) => o.funding.map((f) => ({ organizationId: o.id, ...f })));
      if (funding.length > 0) await trx.insertInto('organizationFunding').values(funding).execute();
    }
  });
  return organizations.length;
}
