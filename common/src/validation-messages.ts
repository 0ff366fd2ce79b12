import type { CodeProblem, DivisionLevel } from './divisions.ts';
import { interpolate, type Locale } from './locale.ts';

/** Problems found in one field of one row (import, forms); rendered in the caller's language. */
export const FIELD_PROBLEMS = [
  'code.notDigits',
  'code.badLength',
  'code.levelRange',
  'code.zeroSerial',
  'field.required',
  'field.notInteger',
  'field.tooLong',
  'field.unknownValue',
  'field.invalidJson',
  'division.levelMismatch',
  'division.parentMismatch',
  'division.parentMissing',
  'division.levelUnderParent',
  'division.duplicateInFile',
  'uscc.format',
  'uscc.checksum',
  'residentId.format',
  'residentId.birthDate',
  'residentId.checksum',
  'schema.required',
  'schema.type',
  'schema.minLength',
  'schema.maxLength',
  'schema.pattern',
  'schema.minimum',
  'schema.maximum',
  'schema.oneOf',
  'schema.additionalProperties',
  'schema.format',
  'schema.invalid',
  'password.tooShort',
  'password.tooFewClasses',
  'password.containsUsername',
  'password.sameAsCurrent',
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEMS)[number];

const zhCN: Record<FieldProblemCode, string> = {
  'code.notDigits': '只能由数字组成',
  'code.badLength':
    '长度为 {length} 位；区为 6 位，镇街为 9 位，社区/村为 12 位，网格为 15 位（也可填 12 位统计用代码）',
  'code.levelRange': '末三位 {segment} 不在国家统计用区划代码规定的取值范围内',
  'code.zeroSerial': '末三位不能为 000',
  'field.required': '不能为空',
  'field.notInteger': '应为不小于 0 的整数',
  'field.tooLong': '不能超过 {max} 个字符',
  'field.unknownValue': '“{value}”不是可选值之一（可选：{allowed}）',
  'field.invalidJson': '不是有效的 GeoJSON',
  'division.levelMismatch': '层级“{level}”与代码不符，按代码应为“{expected}”',
  'division.parentMismatch': '上级代码应为 {expected}（下级代码以上级代码开头）',
  'division.parentMissing': '上级区划 {parentCode} 既不在系统中，也不在本文件中',
  'division.levelUnderParent': '“{parentLevel}”下不能设立“{level}”',
  'division.duplicateInFile': '与第 {otherRow} 行代码重复',
  'uscc.format': '统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、S、V、Z）',
  'uscc.checksum': '统一社会信用代码校验位不正确，请核对是否抄错',
  'residentId.format': '公民身份号码应为 18 位：前 17 位为数字，末位为数字或 X',
  'residentId.birthDate': '公民身份号码中的出生日期不存在',
  'residentId.checksum': '公民身份号码校验位不正确，请核对是否抄错',
  'schema.required': '缺少必填项 {field}',
  'schema.type': '{field} 的类型不对，应为 {type}',
  'schema.minLength': '{field} 不能少于 {limit} 个字符',
  'schema.maxLength': '{field} 不能超过 {limit} 个字符',
  'schema.pattern': '{field} 的格式不对',
  'schema.minimum': '{field} 不能小于 {limit}',
  'schema.maximum': '{field} 不能大于 {limit}',
  'schema.oneOf': '{field} 不是允许的取值',
  'schema.additionalProperties': '不认识的字段 {field}',
  'schema.format': '{field} 的格式不对，应为 {format}',
  'schema.invalid': '{field} 不符合要求',
  'password.tooShort': '密码至少 8 位',
  'password.tooFewClasses': '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  'password.containsUsername': '密码不能包含用户名',
  'password.sameAsCurrent': '新密码不能与当前密码相同',
};

const enUS: Record<FieldProblemCode, string> = {
  'code.notDigits': 'must contain digits only',
  'code.badLength':
    'has {length} digits; a district has 6, a town/street 9, a community/village 12, a grid 15 (or the 12-digit statistical form)',
  'code.levelRange':
    'its last three digits {segment} are outside the ranges of the national statistical code',
  'code.zeroSerial': 'its last three digits cannot be 000',
  'field.required': 'is required',
  'field.notInteger': 'must be a whole number not below 0',
  'field.tooLong': 'must be at most {max} characters',
  'field.unknownValue': '"{value}" is not one of {allowed}',
  'field.invalidJson': 'is not valid GeoJSON',
  'division.levelMismatch': 'level "{level}" does not match the code, which says "{expected}"',
  'division.parentMismatch': 'the parent code must be {expected} (a child code starts with its parent code)',
  'division.parentMissing': 'parent {parentCode} is neither in the system nor in this file',
  'division.levelUnderParent': 'a {level} cannot stand under a {parentLevel}',
  'division.duplicateInFile': 'the same code as row {otherRow}',
  'uscc.format': 'a unified social credit code has 18 digits and capital letters (no I, O, S, V, Z)',
  'uscc.checksum': 'the check character of the unified social credit code is wrong; please check for a typo',
  'residentId.format': 'a resident ID number has 17 digits followed by a digit or X',
  'residentId.birthDate': 'the birth date in the resident ID number does not exist',
  'residentId.checksum': 'the check digit of the resident ID number is wrong; please check for a typo',
  'schema.required': '{field} is required',
  'schema.type': '{field} must be of type {type}',
  'schema.minLength': '{field} must have at least {limit} characters',
  'schema.maxLength': '{field} must have at most {limit} characters',
  'schema.pattern': '{field} has the wrong format',
  'schema.minimum': '{field} must be at least {limit}',
  'schema.maximum': '{field} must be at most {limit}',
  'schema.oneOf': '{field} is not one of the allowed values',
  'schema.additionalProperties': 'unknown field {field}',
  'schema.format': '{field} must be a valid {format}',
  'schema.invalid': '{field} is not valid',
  'password.tooShort': 'a password has at least 8 characters',
  'password.tooFewClasses': 'a password mixes at least three of: capitals, small letters, digits, symbols',
  'password.containsUsername': 'a password must not contain the username',
  'password.sameAsCurrent': 'the new password must differ from the current one',
};

export const FIELD_PROBLEM_MESSAGES: Record<Locale, Record<FieldProblemCode, string>> = {
  'zh-CN': zhCN,
  'en-US': enUS,
};

export function fieldProblemMessage(
  locale: Locale,
  code: FieldProblemCode,
  params?: Record<string, unknown>,
): string {
  return interpolate(FIELD_PROBLEM_MESSAGES[locale][code], params);
}

export function codeProblemToField(problem: CodeProblem): {
  code: FieldProblemCode;
  params: Record<string, unknown>;
} {
  const { reason, ...params } = problem;
  return { code: `code.${reason}` as FieldProblemCode, params };
}

export const LEVEL_NAMES: Record<Locale, Record<DivisionLevel, string>> = {
  'zh-CN': {
    district: '区',
    street: '街道',
    town: '镇',
    township: '乡',
    zone: '开发区',
    community: '社区',
    village: '村',
    grid: '网格',
  },
  'en-US': {
    district: 'district',
    street: 'sub-district',
    town: 'town',
    township: 'township',
    zone: 'development zone',
    community: 'community',
    village: 'village',
    grid: 'grid',
  },
};
