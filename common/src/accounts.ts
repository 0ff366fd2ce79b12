/**
 * Rules of account administration shared by the server (which enforces them) and the web form
 * (which checks the same rules before sending): usernames, and which division level each role's
 * grant is bound to. Mobile numbers: `normalizeMobile`.
 */
import { normalizeDivisionCode } from './divisions.ts';
import type { Locale } from './locale.ts';
import { GRANTABLE_ROLES, ROLE_NAMES, ROLES, type Role } from './permissions.ts';
import { codeProblemToField, type FieldProblemCode, fieldProblemMessage } from './validation-messages.ts';

/** 3–32 characters of lower-case letters, digits, dot, underscore, hyphen (stored lower-cased). */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
export const DISPLAY_NAME_MAX = 64;
export const DEPARTMENT_MAX = 64;
export const ORGANIZATION_ID_MAX = 64;

export type Checked = { ok: true; value: string } | { ok: false; problem: FieldProblemCode };

export function checkUsername(input: string): Checked {
  const value = input.trim().toLowerCase();
  return USERNAME_PATTERN.test(value) ? { ok: true, value } : { ok: false, problem: 'username.format' };
}

/** Division levels a grant can name, by code length: district 6, town/street 9, community/village 12, grid 15. */
export const SCOPE_TIERS = ['district', 'street', 'community', 'grid'] as const;
export type ScopeTier = (typeof SCOPE_TIERS)[number];

export const SCOPE_TIER_LENGTH: Record<ScopeTier, number> = {
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
};

export const SCOPE_TIER_NAMES: Record<Locale, Record<ScopeTier, string>> = {
  'zh-CN': { district: '区', street: '镇（街道）', community: '社区（村）', grid: '网格' },
  'en-US': { district: 'district', street: 'town/street', community: 'community/village', grid: 'grid' },
};

export function scopeTierOf(code: string): ScopeTier | undefined {
  return SCOPE_TIERS.find((tier) => SCOPE_TIER_LENGTH[tier] === code.length);
}

export interface RoleGrantRule {
  /** The division levels the grant's data scope may name. */
  tiers: readonly ScopeTier[];
  /**
   * The role acts for a department or an organization across the district: its scope may be left
   * out and is then the administering district.
   */
  districtWide: boolean;
  department: 'required' | 'none';
  organization: 'optional' | 'none';
}

const AT = (tiers: readonly ScopeTier[]): RoleGrantRule => ({
  tiers,
  districtWide: false,
  department: 'none',
  organization: 'none',
});
const DISTRICT_WIDE = { tiers: ['district'], districtWide: true } as const;

/** What each role's grant names (issue #3): its division level, and a department or organization. */
export const ROLE_GRANT_RULES: Record<Role, RoleGrantRule> = {
  district_admin: AT(['district']),
  street_staff: AT(['street']),
  community_worker: AT(['community']),
  station_staff: AT(['community']),
  grid_leader: AT(['grid']),
  grid_member: AT(['grid']),
  resident: AT(['community', 'grid']),
  department_staff: { ...DISTRICT_WIDE, department: 'required', organization: 'none' },
  social_org: { ...DISTRICT_WIDE, department: 'none', organization: 'optional' },
  incubator_operator: { ...DISTRICT_WIDE, department: 'none', organization: 'optional' },
  evaluator: { ...DISTRICT_WIDE, department: 'none', organization: 'optional' },
  // Love supermarkets are run per community.
  market_operator: {
    tiers: ['community'],
    districtWide: false,
    department: 'none',
    organization: 'optional',
  },
};

/** 社区（村）或网格 — the levels a role's scope may name, in the given language. */
export function roleTierNames(locale: Locale, role: Role): string {
  const names = ROLE_GRANT_RULES[role].tiers.map((tier) => SCOPE_TIER_NAMES[locale][tier]);
  return names.join(locale === 'zh-CN' ? '或' : ' or ');
}

export interface GrantInput {
  role: Role;
  scopeCode?: string | null | undefined;
  department?: string | null | undefined;
  organizationId?: string | null | undefined;
}

export type GrantField = 'role' | 'scopeCode' | 'department' | 'organizationId';

export interface GrantProblem {
  field: GrantField;
  code: FieldProblemCode;
  params: Record<string, unknown>;
}

/** A grant whose shape passed `checkGrantShape`: scope normalized (null = the administering district). */
export interface ShapedGrant {
  role: Role;
  scopeCode: string | null;
  department: string | null;
  organizationId: string | null;
}

/**
 * The checks that need no database: the scope code is a division code of the role's level, the
 * department is given when the role needs one, and nothing is given that the role does not take.
 * The server also checks that the division exists, lies in the caller's scope and that the caller
 * may grant the role.
 */
export function checkGrantShape(
  grant: GrantInput,
  locale: Locale,
): { ok: true; grant: ShapedGrant } | { ok: false; problems: GrantProblem[] } {
  const rule = ROLE_GRANT_RULES[grant.role];
  const roleName = ROLE_NAMES[locale][grant.role];
  const levels = roleTierNames(locale, grant.role);
  const problems: GrantProblem[] = [];
  let scopeCode: string | null = null;
  const rawScope = grant.scopeCode?.trim() ?? '';
  if (!rawScope) {
    if (!rule.districtWide)
      problems.push({ field: 'scopeCode', code: 'grant.scopeRequired', params: { roleName, levels } });
  } else {
    const normalized = normalizeDivisionCode(rawScope);
    if ('problem' in normalized) {
      const { code, params } = codeProblemToField(normalized.problem);
      problems.push({
        field: 'scopeCode',
        code: 'grant.scopeInvalid',
        params: { code: rawScope, detail: fieldProblemMessage(locale, code, params) },
      });
    } else {
      const tier = scopeTierOf(normalized.code);
      if (!tier || !rule.tiers.includes(tier)) {
        problems.push({
          field: 'scopeCode',
          code: 'grant.scopeLevel',
          params: {
            roleName,
            levels,
            code: normalized.code,
            level: tier ? SCOPE_TIER_NAMES[locale][tier] : '',
          },
        });
      } else scopeCode = normalized.code;
    }
  }
  const department = grant.department?.trim() || null;
  if (rule.department === 'required' && !department)
    problems.push({ field: 'department', code: 'grant.departmentRequired', params: { roleName } });
  if (rule.department === 'none' && department)
    problems.push({ field: 'department', code: 'grant.departmentNotAllowed', params: { roleName } });
  if (department && department.length > DEPARTMENT_MAX)
    problems.push({ field: 'department', code: 'field.tooLong', params: { max: DEPARTMENT_MAX } });
  const organizationId = grant.organizationId?.trim() || null;
  if (rule.organization === 'none' && organizationId)
    problems.push({ field: 'organizationId', code: 'grant.organizationNotAllowed', params: { roleName } });
  if (organizationId && organizationId.length > ORGANIZATION_ID_MAX)
    problems.push({ field: 'organizationId', code: 'field.tooLong', params: { max: ORGANIZATION_ID_MAX } });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, grant: { role: grant.role, scopeCode, department, organizationId } };
}

/** The roles a caller may grant: those any of its roles may grant, in the order of ROLES. */
export function grantableRoles(callerRoles: readonly Role[]): Role[] {
  const set = new Set(callerRoles.flatMap((r) => GRANTABLE_ROLES[r]));
  return ROLES.filter((r) => set.has(r));
}

/**
 * An account's own division: the deepest division code (6, 9, 12 or 15 digits) that every grant's
 * scope lies in, or `fallback` (the administering district) when the grants name none.
 */
export function accountDivisionCode(scopeCodes: readonly string[], fallback: string): string {
  if (scopeCodes.length === 0) return fallback;
  let prefix = scopeCodes[0]!;
  for (const code of scopeCodes.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < code.length && prefix[i] === code[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const length = [15, 12, 9, 6].find((l) => l <= prefix.length);
  return length ? prefix.slice(0, length) : fallback;
}

/** Account states the list filters by (an account may be in several: locked and must change password). */
export const ACCOUNT_STATUSES = ['active', 'disabled', 'locked', 'mustChangePassword'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Parses a role cell of an import sheet: 社区工作者, Community worker or community_worker. */
export function parseRoleName(text: string): Role | undefined {
  const t = text.trim();
  const lower = t.toLowerCase();
  return ROLES.find(
    (r) => r === lower || ROLE_NAMES['zh-CN'][r] === t || ROLE_NAMES['en-US'][r].toLowerCase() === lower,
  );
}
