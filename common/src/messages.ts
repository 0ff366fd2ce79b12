import type { ErrorCode } from './errors.ts';
import { interpolate, type Locale } from './locale.ts';

type Catalog = Record<ErrorCode, string>;

const zhCN: Catalog = {
  'validation.failed': '提交的内容不符合要求：{detail}',
  'request.bad': '请求格式有误：{detail}',
  'auth.required': '请先登录',
  'auth.forbidden': '您没有执行此操作的权限',
  'auth.invalidCredentials': '用户名或密码不正确',
  'auth.locked': '连续登录失败次数过多，账号已锁定，请于 {until} 后再试（约 {minutes} 分钟）',
  'auth.invalidTotp': '动态验证码不正确或已过期',
  'auth.weakPassword': '密码不符合要求：{reason}',
  'auth.csrf': '页面已过期，请刷新后重试',
  'auth.disabled': '该账号已停用，请联系管理员',
  'resource.notFound': '找不到所请求的记录',
  'route.notFound': '接口不存在：{method} {url}',
  'conflict.version': '该记录已被他人修改，请刷新后再试',
  'division.notFound': '找不到区划代码为 {code} 的区划',
  'division.exists': '区划代码 {code} 已存在',
  'division.invalidCode': '区划代码“{code}”无效：{reason}',
  'division.codeParentMismatch': '区划代码 {code} 与上级区划 {parentCode} 不符：下级代码必须以上级代码开头',
  'division.invalidLevelUnderParent': '“{parentLevel}”下不能设立“{level}”',
  'division.parentNotFound': '上级区划 {parentCode} 不存在',
  'division.hasChildren': '区划 {code} 下还有 {count} 个下级区划，不能删除',
  'division.moveIntoSelf': '不能把区划移动到它自己或它的下级之下',
  'division.rootImmutable': '区级区划不能移动或删除',
  'import.invalidFile': '无法读取上传的 Excel 文件：{detail}',
  'import.rowsInvalid': '导入失败：共有 {count} 行有误，未导入任何数据',
  'import.missingColumns': 'Excel 第 1 行须是表头，且至少有“区划代码”和“名称”两列',
  'import.empty': '文件中没有可导入的数据行',
  'payload.tooLarge': '上传的文件过大（上限 {limit}）',
  'rate.limited': '操作过于频繁，请稍后再试',
  internal: '系统内部错误，请稍后再试（请求编号 {requestId}）',
  unavailable: '服务暂不可用，请稍后再试',
};

const enUS: Catalog = {
  'validation.failed': 'The submitted data is not valid: {detail}',
  'request.bad': 'The request is malformed: {detail}',
  'auth.required': 'Please sign in first',
  'auth.forbidden': 'You are not allowed to do this',
  'auth.invalidCredentials': 'Wrong username or password',
  'auth.locked': 'Too many failed sign-ins: the account is locked until {until} (about {minutes} minutes)',
  'auth.invalidTotp': 'The verification code is wrong or has expired',
  'auth.weakPassword': 'The password does not meet the policy: {reason}',
  'auth.csrf': 'This page has expired; reload it and try again',
  'auth.disabled': 'This account is disabled; contact your administrator',
  'resource.notFound': 'The requested record was not found',
  'route.notFound': 'No such endpoint: {method} {url}',
  'conflict.version': 'Someone else changed this record; refresh and try again',
  'division.notFound': 'No division with code {code}',
  'division.exists': 'Division code {code} already exists',
  'division.invalidCode': 'Division code "{code}" is invalid: {reason}',
  'division.codeParentMismatch':
    'Division code {code} does not match parent {parentCode}: a child code starts with its parent code',
  'division.invalidLevelUnderParent': 'A {level} cannot be placed under a {parentLevel}',
  'division.parentNotFound': 'Parent division {parentCode} does not exist',
  'division.hasChildren': 'Division {code} still has {count} children and cannot be deleted',
  'division.moveIntoSelf': 'A division cannot be moved under itself or one of its descendants',
  'division.rootImmutable': 'The district itself cannot be moved or deleted',
  'import.invalidFile': 'The uploaded Excel file cannot be read: {detail}',
  'import.rowsInvalid': 'Import refused: {count} rows have errors; nothing was imported',
  'import.missingColumns':
    'Row 1 of the sheet must be the header, with at least the columns 区划代码 (code) and 名称 (name)',
  'import.empty': 'The file has no data rows to import',
  'payload.tooLarge': 'The uploaded file is too large (limit {limit})',
  'rate.limited': 'Too many requests; please try again later',
  internal: 'Internal error; please try again later (request id {requestId})',
  unavailable: 'The service is temporarily unavailable',
};

export const ERROR_MESSAGES: Record<Locale, Catalog> = { 'zh-CN': zhCN, 'en-US': enUS };

export function errorMessage(locale: Locale, code: ErrorCode, params?: Record<string, unknown>): string {
  return interpolate(ERROR_MESSAGES[locale][code], params);
}
