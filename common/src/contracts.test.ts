import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANCHES, satisfactionRate, splitTranches, tranchePlanProblem } from './contracts.ts';

describe('tranche plans', () => {
  it('splits an amount by percentage with the rounding remainder on the last tranche', () => {
    expect(splitTranches(999_999, DEFAULT_TRANCHES)).toEqual([399_999, 399_999, 200_001]);
    expect(splitTranches(100, DEFAULT_TRANCHES)).toEqual([40, 40, 20]);
    expect(
      splitTranches(1, [
        { gate: 'signing', percent: 50 },
        { gate: 'final', percent: 50 },
      ]),
    ).toEqual([0, 1]);
    for (const amount of [1, 7, 333, 1_000_001, 123_456_789])
      expect(splitTranches(amount, DEFAULT_TRANCHES).reduce((s, a) => s + a, 0)).toBe(amount);
  });

  it('wants percentages adding up to 100 with the gates in their order', () => {
    expect(tranchePlanProblem(DEFAULT_TRANCHES)).toBeNull();
    expect(
      tranchePlanProblem([
        { gate: 'signing', percent: 60 },
        { gate: 'final', percent: 30 },
      ]),
    ).toBe('sum');
    expect(
      tranchePlanProblem([
        { gate: 'mid', percent: 50 },
        { gate: 'signing', percent: 50 },
      ]),
    ).toBe('order');
    expect(
      tranchePlanProblem([
        { gate: 'signing', percent: 30 },
        { gate: 'mid', percent: 20 },
        { gate: 'mid', percent: 20 },
        { gate: 'final', percent: 30 },
      ]),
    ).toBeNull();
  });

  it('gives the satisfaction rate in percent with one decimal', () => {
    expect(satisfactionRate(30, 28)).toBe(93.3);
    expect(satisfactionRate(40, 40)).toBe(100);
    expect(satisfactionRate(0, 0)).toBe(0);
  });
});
