import { describe, expect, it } from 'vitest';
import {
  ancestorCodesOf,
  canStandUnder,
  levelsForCode,
  normalizeDivisionCode,
  parentCodeOf,
  toNbsCode,
} from './divisions.ts';
import { pickLocale } from './locale.ts';

describe('division codes', () => {
  it('keeps significant-digit codes and reads the NBS 12-digit form', () => {
    expect(normalizeDivisionCode('220106')).toEqual({ code: '220106' });
    expect(normalizeDivisionCode('220106000000')).toEqual({ code: '220106' });
    expect(normalizeDivisionCode('220106001000')).toEqual({ code: '220106001' });
    expect(normalizeDivisionCode(' 220106001001 ')).toEqual({ code: '220106001001' });
    expect(normalizeDivisionCode('220106001001003')).toEqual({ code: '220106001001003' });
  });

  it('names what is wrong with a bad code', () => {
    expect(normalizeDivisionCode('22010A')).toEqual({ problem: { reason: 'notDigits' } });
    expect(normalizeDivisionCode('2201060')).toEqual({ problem: { reason: 'badLength', length: 7 } });
    expect(normalizeDivisionCode('220106001001000')).toEqual({ problem: { reason: 'zeroSerial' } });
    expect(normalizeDivisionCode('220106700')).toEqual({
      problem: { reason: 'levelRange', level: 'street', segment: '700' },
    });
    expect(normalizeDivisionCode('220106001700')).toEqual({
      problem: { reason: 'levelRange', level: 'community', segment: '700' },
    });
  });

  it('derives the level from the NBS ranges', () => {
    expect(levelsForCode('220106')).toEqual(['district']);
    expect(levelsForCode('220106001')).toEqual(['street']);
    expect(levelsForCode('220106100')).toEqual(['town']);
    expect(levelsForCode('220106201')).toEqual(['township']);
    expect(levelsForCode('220106400')).toEqual(['zone']);
    expect(levelsForCode('220106001001')).toEqual(['community']);
    expect(levelsForCode('220106010200')).toEqual(['village']);
    expect(levelsForCode('220106001001012')).toEqual(['grid']);
  });

  it('finds parents and ancestors, and shows the NBS form', () => {
    expect(parentCodeOf('220106')).toBeNull();
    expect(parentCodeOf('220106001001')).toBe('220106001');
    expect(ancestorCodesOf('220106001001003')).toEqual(['220106', '220106001', '220106001001']);
    expect(toNbsCode('220106001')).toBe('220106001000');
    expect(toNbsCode('220106001001003')).toBe('220106001001003');
  });

  it('allows only the hierarchy of DESIGN §3', () => {
    expect(canStandUnder('community', 'street')).toBe(true);
    expect(canStandUnder('grid', 'community')).toBe(true);
    expect(canStandUnder('grid', 'street')).toBe(false);
    expect(canStandUnder('street', 'community')).toBe(false);
  });
});

describe('locale', () => {
  it('defaults to zh-CN and honours English when preferred', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en-US');
    expect(pickLocale('fr-FR,en;q=0.5,zh-CN;q=0.8')).toBe('zh-CN');
    expect(pickLocale('de')).toBe('zh-CN');
  });
});
