import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from './errors.ts';
import { ERROR_MESSAGES } from './messages.ts';
import { FIELD_PROBLEM_MESSAGES, FIELD_PROBLEMS } from './validation-messages.ts';

describe('message catalogs', () => {
  it('have a zh-CN and an en-US message for every error code', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      expect(Object.keys(ERROR_MESSAGES[locale]).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
      for (const text of Object.values(ERROR_MESSAGES[locale])) expect(text.length).toBeGreaterThan(3);
    }
  });

  it('have both languages for every field problem, with the same placeholders', () => {
    for (const code of FIELD_PROBLEMS) {
      const zh = FIELD_PROBLEM_MESSAGES['zh-CN'][code];
      const en = FIELD_PROBLEM_MESSAGES['en-US'][code];
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(zh)).toEqual(holes(en));
    }
  });
});
