import { describe, expect, it } from 'vitest';
import {
  bandsProblem,
  DEFAULT_GRADE_BANDS,
  DEFAULT_INDICATOR_TEMPLATES,
  effectiveGrade,
  gradeEligibility,
  gradeForScore,
  gradeValidUntil,
  sheetProblem,
  templateTotal,
} from './grading.ts';

const round = {
  year: 2026,
  kinds: ['social_group', 'private_non_enterprise', 'foundation'],
  asOf: '2026-04-30',
};
const org = {
  kind: 'social_group' as const,
  registeredOn: '2020-05-01',
  grade: null,
  gradeValidUntil: null,
  inspections: { 2024: 'qualified', 2025: 'qualified' },
};

describe('grade evaluation rules', () => {
  it('bands give the grade; below the lowest there is none; bands must rise with the grade', () => {
    expect(gradeForScore(905, DEFAULT_GRADE_BANDS)).toBe('5A');
    expect(gradeForScore(800, DEFAULT_GRADE_BANDS)).toBe('4A');
    expect(gradeForScore(499.5, DEFAULT_GRADE_BANDS)).toBeNull();
    expect(bandsProblem(DEFAULT_GRADE_BANDS)).toBeNull();
    expect(
      bandsProblem([
        { grade: '5A', min: 700 },
        { grade: '4A', min: 800 },
      ]),
    ).toBe('order');
  });

  it('both indicator trees hold 1000 points and a sheet stays within each maximum', () => {
    expect(templateTotal(DEFAULT_INDICATOR_TEMPLATES.association)).toBe(1000);
    expect(templateTotal(DEFAULT_INDICATOR_TEMPLATES.service)).toBe(1000);
    expect(sheetProblem(DEFAULT_INDICATOR_TEMPLATES.service, { 'basic.1': 40 })).toBeNull();
    expect(sheetProblem(DEFAULT_INDICATOR_TEMPLATES.service, { 'basic.1': 41 })).toBe('range:basic.1:40');
  });

  it('a grade is valid five years and gives nothing after', () => {
    expect(gradeValidUntil('2026-03-10')).toBe('2031-03-09');
    expect(effectiveGrade({ grade: '4A', gradeValidUntil: '2031-03-09' }, '2031-03-09')).toBe('4A');
    expect(effectiveGrade({ grade: '4A', gradeValidUntil: '2031-03-09' }, '2031-03-10')).toBeNull();
    expect(effectiveGrade({ grade: '3A', gradeValidUntil: null }, '2040-01-01')).toBe('3A');
  });

  it('eligibility: two full years, a grade at its end, last year’s inspection (Art. 6, 7)', () => {
    expect(gradeEligibility(org, round)).toEqual([]);
    expect(gradeEligibility({ ...org, registeredOn: '2024-05-01' }, round)[0]?.reason).toBe(
      'registeredTooRecently',
    );
    expect(gradeEligibility({ ...org, grade: '3A', gradeValidUntil: '2028-01-01' }, round)[0]?.reason).toBe(
      'gradeStillValid',
    );
    expect(gradeEligibility({ ...org, grade: '3A', gradeValidUntil: '2026-08-01' }, round)).toEqual([]);
    expect(gradeEligibility({ ...org, inspections: { 2024: 'qualified' } }, round)[0]?.reason).toBe(
      'inspectionMissing',
    );
    expect(gradeEligibility({ ...org, inspections: { 2025: 'unqualified' } }, round)[0]?.reason).toBe(
      'inspectionUnqualified',
    );
    expect(
      gradeEligibility(
        { ...org, inspections: { 2024: 'basically_qualified', 2025: 'basically_qualified' } },
        round,
      )[0]?.reason,
    ).toBe('basicallyQualifiedTwice');
  });
});
