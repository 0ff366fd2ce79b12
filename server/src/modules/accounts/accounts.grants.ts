import {
  checkGrantShape,
  type FieldProblemCode,
  type GrantField,
  type GrantInput,
  grantableRoles,
  type Locale,
  ROLE_NAMES,
  type Role,
} from '@linli/common';
import { type Caller, codeInScope } from '../../platform/scope.ts';
import { districtRootOf } from './accounts.policy.ts';

/** A grant ready to store: every grant has a scope (district-wide roles get the administering district). */
export interface ResolvedGrant {
  role: Role;
  scopeCode: string;
  department: string | null;
  organizationId: string | null;
}

export interface IndexedProblem {
  /** Index of the grant in the list checked. */
  index: number;
  field: GrantField;
  code: FieldProblemCode;
  params: Record<string, unknown>;
}

/**
 * Checks a list of grants (one account's) against the rules: shape and level (common), that the
 * caller may grant the role, that the scope lies in the caller's scope and exists, and no repeats.
 * `existing` says which division codes exist; `scopeCodesOf` lists the codes to look up first.
 */
export function checkGrants(
  caller: Caller,
  inputs: readonly GrantInput[],
  locale: Locale,
  existing: ReadonlySet<string>,
): { grants: ResolvedGrant[]; problems: IndexedProblem[] } {
  const grantable = grantableRoles(caller.roles);
  const problems: IndexedProblem[] = [];
  const grants: ResolvedGrant[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const roleName = ROLE_NAMES[locale][input.role];
    if (!grantable.includes(input.role)) {
      problems.push({ index, field: 'role', code: 'grant.roleNotGrantable', params: { roleName } });
      return;
    }
    const shaped = checkGrantShape(input, locale);
    if (!shaped.ok) {
      for (const p of shaped.problems) problems.push({ index, ...p });
      return;
    }
    const scopeCode = shaped.grant.scopeCode ?? districtRootOf(caller.scope);
    if (!codeInScope(scopeCode, caller.scope)) {
      problems.push({ index, field: 'scopeCode', code: 'grant.scopeOutside', params: { code: scopeCode } });
      return;
    }
    if (!existing.has(scopeCode)) {
      problems.push({ index, field: 'scopeCode', code: 'grant.scopeNotFound', params: { code: scopeCode } });
      return;
    }
    const key = grantKey({ ...shaped.grant, scopeCode });
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push({ index, field: 'role', code: 'grant.duplicate', params: { other: other + 1 } });
      return;
    }
    seen.set(key, index);
    grants.push({ ...shaped.grant, scopeCode });
  });
  return { grants, problems };
}

/** The division codes a list of grants names (normalized where possible), to look up before `checkGrants`. */
export function scopeCodesOf(caller: Caller, inputs: readonly GrantInput[]): string[] {
  const codes = new Set<string>();
  for (const input of inputs) {
    const shaped = checkGrantShape(input, 'zh-CN');
    if (shaped.ok) codes.add(shaped.grant.scopeCode ?? districtRootOf(caller.scope));
  }
  return [...codes];
}

export function grantKey(g: {
  role: string;
  scopeCode: string | null;
  department: string | null;
  organizationId: string | null;
}): string {
  return [g.role, g.scopeCode ?? '', g.department ?? '', g.organizationId ?? ''].join('|');
}

/** A grant as the audit log shows it: only what it names. */
export function grantForAudit(g: {
  role: string;
  scopeCode: string | null;
  department: string | null;
  organizationId: string | null;
}): Record<string, string> {
  return {
    role: g.role,
    ...(g.scopeCode ? { scopeCode: g.scopeCode } : {}),
    ...(g.department ? { department: g.department } : {}),
    ...(g.organizationId ? { organizationId: g.organizationId } : {}),
  };
}
