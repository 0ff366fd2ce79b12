import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, can, codeInScope } from '../../platform/scope.ts';
import type {
  DivisionAbilities,
  DivisionDetail,
  DivisionDetailData,
  DivisionSummary,
  DivisionSummaryData,
} from './divisions.schemas.ts';

type Row = Pick<DivisionSummaryData, 'code' | 'level' | 'parentCode' | 'childCount'>;

/**
 * What a caller may do with one division, the same rules the service enforces: writers change
 * divisions in their scope; moving or deleting also needs the parent in scope (a street cannot
 * delete itself); the district itself neither moves nor goes; a division with children stays.
 */
export function divisionAbilities(
  caller: Pick<Caller, 'scope' | 'permissions'>,
  row: Row,
): DivisionAbilities {
  const write = can(caller, 'division:write') && codeInScope(row.code, caller.scope);
  const parentInScope = row.parentCode !== null && codeInScope(row.parentCode, caller.scope);
  return {
    update: write,
    createChild: write && row.level !== 'grid',
    move: write && parentInScope,
    delete: write && parentInScope && row.childCount === 0,
  };
}

export function withAbilities(caller: Caller, detail: DivisionDetailData): DivisionDetail {
  return { ...detail, abilities: divisionAbilities(caller, detail) };
}

export function pageWithAbilities(
  caller: Caller,
  page: PageOf<DivisionSummaryData>,
): PageOf<DivisionSummary> {
  return {
    ...page,
    items: page.items.map((item) => ({ ...item, abilities: divisionAbilities(caller, item) })),
  };
}
