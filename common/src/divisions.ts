/**
 * The division-code spine (DESIGN §3). Codes are stored in their significant-digit form:
 * district 6, town/street/zone 9, community/village 12, grid 15 (community code + 3-digit serial).
 * The NBS statistical form pads to 12 digits with zeros; import and export accept and show it.
 * Ranges follow the NBS rule in reference/standards.md §3.
 */
export const DIVISION_LEVELS = [
  'district',
  'street',
  'town',
  'township',
  'zone',
  'community',
  'village',
  'grid',
] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

export const COMMUNITY_TYPES = [
  'urban_rural_fringe',
  'abandoned_property',
  'traditional_old',
  'high_end_gated',
] as const;
export type CommunityType = (typeof COMMUNITY_TYPES)[number];

/** Governance emphasis and the kinds of organization to cultivate, per community type (REQUIREMENTS R1.3). */
export const COMMUNITY_TYPE_PROFILE: Record<
  CommunityType,
  { emphasis: [string, string]; cultivate: string[] }
> = {
  high_end_gated: { emphasis: ['完善', '品牌'], cultivate: ['公益类', '文体活动类'] },
  traditional_old: { emphasis: ['改造', '更新'], cultivate: ['养老服务类', '便民利民类'] },
  abandoned_property: { emphasis: ['协商', '共管'], cultivate: ['便民利民类', '帮扶类'] },
  urban_rural_fringe: { emphasis: ['互补', '融合'], cultivate: ['帮扶类', '便民利民类', '养老服务类'] },
};

export const CODE_LENGTH: Record<DivisionLevel, number> = {
  district: 6,
  street: 9,
  town: 9,
  township: 9,
  zone: 9,
  community: 12,
  village: 12,
  grid: 15,
};

/** Which levels may stand directly under which. */
export const CHILD_LEVELS: Record<DivisionLevel, readonly DivisionLevel[]> = {
  district: ['street', 'town', 'township', 'zone'],
  street: ['community', 'village'],
  town: ['community', 'village'],
  township: ['community', 'village'],
  zone: ['community', 'village'],
  community: ['grid'],
  village: ['grid'],
  grid: [],
};

export type CodeProblem =
  | { reason: 'notDigits' }
  | { reason: 'badLength'; length: number }
  | { reason: 'levelRange'; level: DivisionLevel; segment: string }
  | { reason: 'zeroSerial' };

function inRange(segment: string, from: number, to: number): boolean {
  const n = Number(segment);
  return n >= from && n <= to;
}

/** The level a segment's number range stands for (NBS: TTT 001–099 街道 …, VVV 001–199 居委会 …). */
export function levelsForCode(code: string): DivisionLevel[] {
  switch (code.length) {
    case 6:
      return ['district'];
    case 9: {
      const t = code.slice(6);
      if (inRange(t, 1, 99)) return ['street'];
      if (inRange(t, 100, 199)) return ['town'];
      if (inRange(t, 200, 399)) return ['township'];
      if (inRange(t, 400, 599)) return ['zone'];
      return [];
    }
    case 12: {
      const v = code.slice(9);
      if (inRange(v, 1, 199) || inRange(v, 400, 499)) return ['community'];
      if (inRange(v, 200, 399) || inRange(v, 500, 599)) return ['village'];
      return [];
    }
    case 15:
      return inRange(code.slice(12), 1, 999) ? ['grid'] : [];
    default:
      return [];
  }
}

/**
 * Turns a user-entered code into the stored form. Accepts the significant-digit form or the NBS
 * 12-digit padded form (220106001000 → 220106001). Returns a problem instead of throwing so that
 * importers can collect every row's errors.
 */
export function normalizeDivisionCode(input: string): { code: string } | { problem: CodeProblem } {
  const raw = input.trim();
  if (!/^\d+$/.test(raw)) return { problem: { reason: 'notDigits' } };
  let code = raw;
  if (raw.length === 12) {
    if (raw.endsWith('000000')) code = raw.slice(0, 6);
    else if (raw.endsWith('000')) code = raw.slice(0, 9);
  }
  if (![6, 9, 12, 15].includes(code.length)) return { problem: { reason: 'badLength', length: raw.length } };
  if (code.length > 6 && /^0+$/.test(code.slice(-3))) return { problem: { reason: 'zeroSerial' } };
  if (levelsForCode(code).length === 0) {
    return { problem: { reason: 'levelRange', level: levelOfLength(code.length), segment: code.slice(-3) } };
  }
  return { code };
}

function levelOfLength(length: number): DivisionLevel {
  if (length === 6) return 'district';
  if (length === 9) return 'street';
  if (length === 12) return 'community';
  return 'grid';
}

/** NBS 12-digit statistical form; grids (15 digits) have none and keep their own code. */
export function toNbsCode(code: string): string {
  return code.length >= 12 ? code : code.padEnd(12, '0');
}

export function parentCodeOf(code: string): string | null {
  if (code.length <= 6) return null;
  return code.slice(0, code.length - 3);
}

/** Every ancestor code from the district down, not including the code itself. */
export function ancestorCodesOf(code: string): string[] {
  const out: string[] = [];
  for (let len = 6; len < code.length; len += 3) out.push(code.slice(0, len));
  return out;
}

export function isWithinScope(code: string, scope: string): boolean {
  return code.startsWith(scope);
}

export function canStandUnder(level: DivisionLevel, parentLevel: DivisionLevel): boolean {
  return CHILD_LEVELS[parentLevel].includes(level);
}

export const COMMUNITY_TYPE_NAMES: Record<'zh-CN' | 'en-US', Record<CommunityType, string>> = {
  'zh-CN': {
    urban_rural_fringe: '城乡结合型',
    abandoned_property: '物业弃管型',
    traditional_old: '传统老旧型',
    high_end_gated: '高档封闭型',
  },
  'en-US': {
    urban_rural_fringe: 'urban-rural fringe',
    abandoned_property: 'abandoned property management',
    traditional_old: 'traditional old',
    high_end_gated: 'high-end gated',
  },
};
