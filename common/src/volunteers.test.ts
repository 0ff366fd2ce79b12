import { describe, expect, it } from 'vitest';
import { formatHours, formatPoints, pointsForMinutes, starLevel } from './volunteers.ts';

describe('volunteer hours and points', () => {
  it('earns 1 point per hour by default, in hundredths (2.5 h = 250)', () => {
    expect(pointsForMinutes(150)).toBe(250);
    expect(pointsForMinutes(20)).toBe(33);
    expect(pointsForMinutes(-150)).toBe(-250);
    expect(pointsForMinutes(60, 150)).toBe(150);
  });

  it('rates stars at 100, 300, 600, 1000 and 1500 hours', () => {
    expect(starLevel(99 * 60 + 59)).toBe(0);
    expect(starLevel(100 * 60)).toBe(1);
    expect(starLevel(300 * 60)).toBe(2);
    expect(starLevel(999 * 60)).toBe(3);
    expect(starLevel(1500 * 60)).toBe(5);
    expect(starLevel(60 * 60, [30, 60, 100, 200, 300])).toBe(2);
  });

  it('formats points and hours without float noise', () => {
    expect(formatPoints(250)).toBe('2.5');
    expect(formatPoints(300)).toBe('3');
    expect(formatPoints(-125)).toBe('-1.25');
    expect(formatPoints(5)).toBe('0.05');
    expect(formatHours(150)).toBe('2.5');
  });
});
