/**
 * National identifier checks: the unified social credit code (GB 32100-2015) and the resident ID
 * number (GB 11643-1999). Algorithms and vectors: shared reference/standards.md §1–2.
 * Each check returns a problem code (rendered in zh-CN/en-US by the message catalog) or the
 * normalized value, so forms and importers can report every problem at once.
 */

export type IdProblem =
  | 'uscc.format'
  | 'uscc.checksum'
  | 'residentId.format'
  | 'residentId.birthDate'
  | 'residentId.checksum';

export type IdCheck<T> = { ok: true; value: string; info: T } | { ok: false; problem: IdProblem };

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Trim, drop spaces and hyphens, full-width to half-width, upper case. */
export function compactCode(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-\u3000]/g, '')
    .toUpperCase();
}

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 check of the embedded organization code (pos 9–17): advisory only, legacy codes may fail it. */
export function orgCodeCheckOk(uscc: string): boolean {
  const body = uscc.slice(8, 16);
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 8; i++) {
    const c = body[i]!;
    s += (/[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * weights[i]!;
  }
  const c9 = 11 - (s % 11);
  const expected = c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
  return uscc[16] === expected;
}

export interface UsccInfo {
  /** Registration authority (pos 1): '5' = 民政 (civil affairs). */
  authority: string;
  /** Organization type (pos 2); with authority 5: 1 社会团体, 2 民办非企业单位, 3 基金会. */
  kind: string;
  /** Division code of the registering authority (pos 3–8). */
  registrationDivision: string;
  orgCodeCheckOk: boolean;
}

export function checkUscc(input: string): IdCheck<UsccInfo> {
  const value = compactCode(input);
  if (!USCC_PATTERN.test(value)) return { ok: false, problem: 'uscc.format' };
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'uscc.checksum' };
  return {
    ok: true,
    value,
    info: {
      authority: value[0]!,
      kind: value[1]!,
      registrationDivision: value.slice(2, 8),
      orgCodeCheckOk: orgCodeCheckOk(value),
    },
  };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function residentIdCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * ID_WEIGHTS[i]!;
  return '10X98765432'[s % 11]!;
}

export interface ResidentIdInfo {
  /** Division code of the household registration at issue (may be historical). */
  areaCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
}

export function checkResidentId(input: string, today: Date = new Date()): IdCheck<ResidentIdInfo> {
  const value = compactCode(input);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'residentId.format' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1900 || date.getTime() > today.getTime())
    return { ok: false, problem: 'residentId.birthDate' };
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17])
    return { ok: false, problem: 'residentId.checksum' };
  return {
    ok: true,
    value,
    info: {
      areaCode: value.slice(0, 6),
      birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
      sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** Masks for display (PIPL practice): ID keeps the first 4 and last 4, a mobile the first 3 and last 4. */
export function maskResidentId(value: string): string {
  return value.length <= 8
    ? '*'.repeat(value.length)
    : `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length === 11) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  return digits.length <= 4
    ? '*'.repeat(digits.length)
    : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/**
 * A mainland mobile number as 11 digits (`13812345678`), accepting spaces, dashes and a +86/0086
 * prefix; null when it is not one. Blind indexes and SMS use this form.
 */
export function normalizeMobile(input: string): string | null {
  let digits = input.replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
