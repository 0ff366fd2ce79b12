import { describe, expect, it } from 'vitest';
import { fairMatchScore } from './fair.ts';

describe('fairMatchScore', () => {
  const offer = { categoryCode: 'meal_aid', divisionCode: '220106001001' };
  it('scores the same category and area highest, containing areas lower, the district lowest', () => {
    expect(fairMatchScore(offer, { categoryCode: 'meal_aid', areas: ['220106001001'] })).toBe(100);
    expect(fairMatchScore(offer, { categoryCode: 'meal_aid', areas: ['220106001'] })).toBe(90);
    expect(fairMatchScore(offer, { categoryCode: 'meal_aid', areas: ['220106'] })).toBe(80);
    expect(fairMatchScore(offer, { categoryCode: 'elderly_care', areas: ['220106001001'] })).toBe(40);
  });
  it('is 0 without a shared area, whatever the category', () => {
    expect(fairMatchScore(offer, { categoryCode: 'meal_aid', areas: ['220106003', '220106001002'] })).toBe(0);
  });
});
