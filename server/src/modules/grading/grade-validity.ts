import { type RawBuilder, sql } from 'kysely';

/**
 * `effectiveGrade` of common/src/grading.ts in SQL, over an organization aliased `o`: its grade
 * while valid on `onDate` (a Beijing date), else null. Benefits (call priority) read this.
 */
export function effectiveGradeSql(onDate: string | RawBuilder<unknown>) {
  return sql<
    string | null
  >`case when o.grade_valid_until is null or o.grade_valid_until >= ${onDate}::date then o.grade end`;
}
