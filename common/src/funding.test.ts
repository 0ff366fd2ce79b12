import { describe, expect, it } from 'vitest';
import { formatYuan, gradeAtLeast } from './funding.ts';

describe('money and grades', () => {
  it('shows fen as yuan with two decimals and separators', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(123_456)).toBe('1,234.56');
    expect(formatYuan(200_000_000)).toBe('2,000,000.00');
    expect(formatYuan(-4_000_050)).toBe('-40,000.50');
  });

  it('compares grades against a threshold; no grade never reaches one', () => {
    expect(gradeAtLeast('3A', '3A')).toBe(true);
    expect(gradeAtLeast('5A', '3A')).toBe(true);
    expect(gradeAtLeast('2A', '3A')).toBe(false);
    expect(gradeAtLeast(null, '1A')).toBe(false);
  });
});
