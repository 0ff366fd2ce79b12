import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { formatHours } from '@linli/common';
import { Type } from '@sinclair/typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { renderPdf } from '../../platform/pdf.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import type { HonourService } from './honours.service.ts';
import { honoursWorkbook, statsWorkbook, volunteersWorkbook } from './volunteers.excel.ts';
import {
  ActivityListQuery,
  ActivityPage,
  ActivitySchema,
  AttendanceBody,
  CancelActivityBody,
  CertificateQuery,
  CertificateVerificationSchema,
  CodeBody,
  ConfirmBody,
  CorrectBody,
  CorrectionSchema,
  CreateActivityBody,
  CreateHonourBody,
  CreateTeamBody,
  HonourExportQuery,
  HonourListQuery,
  HonourPage,
  HonourSchema,
  IdParams,
  LeaderboardQuery,
  LeaderboardSchema,
  ProgramSchema,
  RegisterVolunteerBody,
  RosterSchema,
  ServiceRecordPage,
  SignupParams,
  StarLevelsSchema,
  StatsQuery,
  StatsSchema,
  TeamListQuery,
  TeamPage,
  TeamSchema,
  UpdateActivityBody,
  VOLUNTEER_SCHEMAS,
  VolunteerExportQuery,
  VolunteerListQuery,
  VolunteerPage,
  VolunteerSchema,
} from './volunteers.schemas.ts';
import type { VolunteerService } from './volunteers.service.ts';

const read = problemResponses(400, 401, 403, 404);
const write = problemResponses(400, 401, 403, 404, 409);
const PDF_RESPONSE = {
  description: 'PDF 文件',
  content: { 'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } },
};
const PageParams = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

/** Volunteers, teams, programs, activities, attendance, hours, certificates and statistics (issue #6). */
export const volunteerRoutes: FastifyPluginAsyncTypebox<{
  volunteers: VolunteerService;
  honours: HonourService;
}> = async (app, { volunteers, honours }) => {
  for (const schema of VOLUNTEER_SCHEMAS) app.addSchema(schema);
  const tags = ['volunteers'];

  // ------------------------------------------------------------ volunteers
  app.post(
    '/volunteers/register',
    {
      schema: {
        operationId: 'registerVolunteer',
        tags,
        summary: '居民注册志愿者（实名：身份证号校验并加密保存）',
        body: RegisterVolunteerBody,
        response: { 201: ref(VolunteerSchema), ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await volunteers.register(requestCaller(request), request.body)),
  );
  app.get(
    '/volunteers/me',
    {
      schema: {
        operationId: 'getMyVolunteer',
        tags,
        summary: '我的志愿者档案：时长、星级、积分',
        response: { 200: ref(VolunteerSchema), ...read },
      },
    },
    async (request) => volunteers.mine(requestCaller(request)),
  );
  app.get(
    '/volunteers',
    {
      schema: {
        operationId: 'listVolunteers',
        tags,
        summary: '志愿者列表（按服务区域、服务队、星级筛选）',
        querystring: VolunteerListQuery,
        response: { 200: VolunteerPage, ...read },
      },
    },
    async (request) => volunteers.list(requestCaller(request), request.query),
  );
  app.get(
    '/volunteers/export',
    {
      schema: {
        operationId: 'exportVolunteers',
        tags,
        summary: '导出志愿者列表为 Excel',
        querystring: VolunteerExportQuery,
        response: { 200: XLSX_RESPONSE, ...read },
      },
    },
    async (request, reply) => {
      const rows = await volunteers.exportRows(requestCaller(request), request.query);
      return sendXlsx(reply, await volunteersWorkbook(rows), datedFilename('志愿者'));
    },
  );
  app.get(
    '/volunteers/:id',
    {
      schema: {
        operationId: 'getVolunteer',
        tags,
        summary: '志愿者详情',
        params: IdParams,
        response: { 200: ref(VolunteerSchema), ...read },
      },
    },
    async (request) => volunteers.get(requestCaller(request), request.params.id),
  );
  app.get(
    '/volunteers/:id/services',
    {
      schema: {
        operationId: 'listVolunteerServices',
        tags,
        summary: '志愿者的服务时长记录（含更正冲销记录）',
        params: IdParams,
        querystring: PageParams,
        response: { 200: ServiceRecordPage, ...read },
      },
    },
    async (request) => volunteers.services(requestCaller(request), request.params.id, request.query),
  );
  app.get(
    '/volunteers/:id/certificate.pdf',
    {
      schema: {
        operationId: 'getVolunteerCertificate',
        tags,
        summary: '志愿服务时长证明（PDF，附验证码）',
        params: IdParams,
        response: {
          200: {
            ...PDF_RESPONSE,
            headers: {
              'X-Certificate-Code': {
                description: '证明编号（验证码），页面据此提示公开查验',
                schema: { type: 'string' },
              },
            },
          },
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { volunteer, code, issuer, issuedAt } = await volunteers.issueCertificate(
        requestCaller(request),
        request.params.id,
      );
      const day = issuedAt.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
      const pdf = await renderPdf({
        title: '志愿服务记录证明',
        subtitle: `证明编号（验证码）：${code}`,
        author: issuer,
        subject: '志愿服务时长证明',
        blocks: [
          {
            paragraph: `兹证明 ${volunteer.name}（志愿者编号 ${volunteer.volunteerNo}）已在本平台登记为志愿者，截至 ${day} 经组织方确认的志愿服务情况如下。本证明依据《志愿服务记录与证明出具办法（试行）》无偿出具。`,
          },
          {
            table: [
              ['姓名', volunteer.name],
              ['证件类型及号码', `居民身份证 ${volunteer.idNumber}`],
              ['志愿者编号', volunteer.volunteerNo],
              ['服务区域', volunteer.divisionName],
              ['累计服务时长', `${formatHours(volunteer.confirmedMinutes)} 小时`],
              ['服务次数', `${volunteer.services} 次`],
              [
                '星级',
                volunteer.stars > 0 ? `${'★'.repeat(volunteer.stars)}（${volunteer.stars} 星）` : '未达星级',
              ],
              ['出具单位', issuer],
              ['出具日期', day],
              ['证明编号', code],
            ],
          },
        ],
        footer: `查验方法：打开本平台“证明查验”页面（/verify/certificate），输入证明编号 ${code}。证件号码已按规定脱敏。`,
      });
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`志愿服务证明-${volunteer.volunteerNo}.pdf`)}`,
        )
        .header('x-certificate-code', code)
        .send(pdf);
    },
  );
  app.get(
    '/verify/certificate',
    {
      schema: {
        operationId: 'verifyVolunteerCertificate',
        tags,
        summary: '公开查验志愿服务证明（无需登录）：编号是否真实、证明了什么（姓名脱敏）',
        querystring: CertificateQuery,
        response: { 200: ref(CertificateVerificationSchema), ...problemResponses(400) },
      },
    },
    async (request) => volunteers.verifyCertificate(request.query.code),
  );

  // ------------------------------------------------------------ programs and teams
  app.get(
    '/volunteer-programs',
    {
      schema: {
        operationId: 'listVolunteerPrograms',
        tags,
        summary: '公益同盟的公益项目（爱心绿园、阳光绿园……）',
        response: { 200: Type.Array(ref(ProgramSchema)), ...problemResponses(401, 403) },
      },
    },
    async () => volunteers.programs(),
  );
  app.get(
    '/volunteer-teams',
    {
      schema: {
        operationId: 'listVolunteerTeams',
        tags,
        summary: '志愿服务队列表',
        querystring: TeamListQuery,
        response: { 200: TeamPage, ...read },
      },
    },
    async (request) => volunteers.teams(requestCaller(request), request.query),
  );
  app.post(
    '/volunteer-teams',
    {
      schema: {
        operationId: 'createVolunteerTeam',
        tags,
        summary: '新建志愿服务队（属于社区或社会组织）',
        body: CreateTeamBody,
        response: { 201: ref(TeamSchema), ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await volunteers.createTeam(requestCaller(request), request.body)),
  );
  app.post(
    '/volunteer-teams/:id/join',
    {
      schema: {
        operationId: 'joinVolunteerTeam',
        tags,
        summary: '志愿者加入服务队',
        params: IdParams,
        response: { 200: ref(VolunteerSchema), ...write },
      },
    },
    async (request) => volunteers.joinTeam(requestCaller(request), request.params.id),
  );

  // ------------------------------------------------------------ activities
  app.get(
    '/volunteer-activities',
    {
      schema: {
        operationId: 'listVolunteerActivities',
        tags,
        summary: '志愿活动（按区划找附近的活动；我报名的；我组织的）',
        querystring: ActivityListQuery,
        response: { 200: ActivityPage, ...read },
      },
    },
    async (request) => volunteers.activities(requestCaller(request), request.query),
  );
  app.post(
    '/volunteer-activities',
    {
      schema: {
        operationId: 'createVolunteerActivity',
        tags,
        summary: '发布志愿活动',
        body: CreateActivityBody,
        response: { 201: ref(ActivitySchema), ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await volunteers.createActivity(requestCaller(request), request.body)),
  );
  app.get(
    '/volunteer-activities/:id',
    {
      schema: {
        operationId: 'getVolunteerActivity',
        tags,
        summary: '志愿活动详情（组织者可见签到码）',
        params: IdParams,
        response: { 200: ref(ActivitySchema), ...read },
      },
    },
    async (request) => volunteers.activity(requestCaller(request), request.params.id),
  );
  app.post(
    '/volunteer-activities/:id/cancel',
    {
      schema: {
        operationId: 'cancelVolunteerActivity',
        tags,
        summary: '取消活动（须是最新版本；已有确认时长的活动不能取消）',
        params: IdParams,
        body: CancelActivityBody,
        response: { 200: ref(ActivitySchema), ...write },
      },
    },
    async (request) =>
      volunteers.cancelActivity(
        requestCaller(request),
        request.params.id,
        request.body.version,
        request.body.reason,
      ),
  );
  app.patch(
    '/volunteer-activities/:id',
    {
      schema: {
        operationId: 'updateVolunteerActivity',
        tags,
        summary: '活动开始前修改名称、时间、地点、名额、要求（须是最新版本；已报名和候补的志愿者会收到通知）',
        params: IdParams,
        body: UpdateActivityBody,
        response: { 200: ref(ActivitySchema), ...write },
      },
    },
    async (request) => volunteers.updateActivity(requestCaller(request), request.params.id, request.body),
  );
  app.post(
    '/volunteer-activities/:id/signup',
    {
      schema: {
        operationId: 'signUpForActivity',
        tags,
        summary: '报名（名额已满时进入候补）',
        params: IdParams,
        response: { 200: ref(ActivitySchema), ...write },
      },
    },
    async (request) => volunteers.signUp(requestCaller(request), request.params.id),
  );
  app.post(
    '/volunteer-activities/:id/signup/cancel',
    {
      schema: {
        operationId: 'cancelActivitySignup',
        tags,
        summary: '取消报名（空出的名额给第一位候补）',
        params: IdParams,
        response: { 200: ref(ActivitySchema), ...write },
      },
    },
    async (request) => volunteers.cancelSignUp(requestCaller(request), request.params.id),
  );
  app.post(
    '/volunteer-activities/:id/check-in',
    {
      schema: {
        operationId: 'checkInToActivity',
        tags,
        summary: '凭组织者出示的签到码签到',
        params: IdParams,
        body: CodeBody,
        response: { 200: ref(ActivitySchema), ...write },
      },
    },
    async (request) =>
      volunteers.attend(requestCaller(request), request.params.id, 'check_in', request.body.code),
  );
  app.post(
    '/volunteer-activities/:id/check-out',
    {
      schema: {
        operationId: 'checkOutOfActivity',
        tags,
        summary: '凭签到码签退',
        params: IdParams,
        body: CodeBody,
        response: { 200: ref(ActivitySchema), ...write },
      },
    },
    async (request) =>
      volunteers.attend(requestCaller(request), request.params.id, 'check_out', request.body.code),
  );
  app.get(
    '/volunteer-activities/:id/roster',
    {
      schema: {
        operationId: 'getActivityRoster',
        tags,
        summary: '活动名单：报名、候补、签到签退、确认时长',
        params: IdParams,
        response: { 200: ref(RosterSchema), ...read },
      },
    },
    async (request) => volunteers.roster(requestCaller(request), request.params.id),
  );
  app.post(
    '/volunteer-activities/:id/roster/:signupId/attendance',
    {
      schema: {
        operationId: 'recordActivityAttendance',
        tags,
        summary: '组织者代为签到或签退',
        params: SignupParams,
        body: AttendanceBody,
        response: { 200: ref(RosterSchema), ...write },
      },
    },
    async (request) =>
      volunteers.recordAttendance(
        requestCaller(request),
        request.params.id,
        request.params.signupId,
        request.body.action,
        request.body.at,
      ),
  );
  app.post(
    '/volunteer-activities/:id/roster/:signupId/confirm',
    {
      schema: {
        operationId: 'confirmServiceHours',
        tags,
        summary: '确认服务时长（默认按签到签退计算，确认前可修改；确认后不可修改）并记入积分',
        params: SignupParams,
        body: ConfirmBody,
        response: { 200: ref(RosterSchema), ...write },
      },
    },
    async (request) =>
      volunteers.confirm(
        requestCaller(request),
        request.params.id,
        request.params.signupId,
        request.body.minutes,
      ),
  );
  app.post(
    '/volunteer-services/:id/correct',
    {
      schema: {
        operationId: 'correctServiceHours',
        tags,
        summary: '更正已确认的服务时长：写入冲销记录（须填原因）和新记录，原记录保留',
        params: IdParams,
        body: CorrectBody,
        response: { 200: ref(CorrectionSchema), ...write },
      },
    },
    async (request) =>
      volunteers.correct(
        requestCaller(request),
        request.params.id,
        request.body.reason,
        request.body.minutes,
      ),
  );

  // ------------------------------------------------------------ statistics and recognition
  app.get(
    '/volunteer-stats',
    {
      schema: {
        operationId: 'volunteerStats',
        tags,
        summary: '志愿服务统计：按月份、项目、街道的时长与积分',
        querystring: StatsQuery,
        response: { 200: ref(StatsSchema), ...read },
      },
    },
    async (request) => volunteers.stats(requestCaller(request), request.query),
  );
  app.get(
    '/volunteer-stats/export',
    {
      schema: {
        operationId: 'exportVolunteerStats',
        tags,
        summary: '导出志愿服务统计为 Excel',
        querystring: StatsQuery,
        response: { 200: XLSX_RESPONSE, ...read },
      },
    },
    async (request, reply) => {
      const stats = await volunteers.stats(requestCaller(request), request.query);
      return sendXlsx(reply, await statsWorkbook(stats), datedFilename('志愿服务统计'));
    },
  );
  app.get(
    '/volunteer-star-levels',
    {
      schema: {
        operationId: 'getVolunteerStarLevels',
        tags,
        summary: '星级标准：一星到五星所需累计服务小时（可由 VOLUNTEER_STAR_HOURS 配置）',
        response: { 200: ref(StarLevelsSchema), ...problemResponses(401, 403) },
      },
    },
    async () => volunteers.starLevels(),
  );
  app.get(
    '/volunteer-honours',
    {
      schema: {
        operationId: 'listVolunteerHonours',
        tags,
        summary: '荣誉表彰（优秀志愿者、优秀志愿服务队、年度之星）',
        querystring: HonourListQuery,
        response: { 200: HonourPage, ...read },
      },
    },
    async (request) => honours.list(requestCaller(request), request.query),
  );
  app.post(
    '/volunteer-honours',
    {
      schema: {
        operationId: 'createVolunteerHonour',
        tags,
        summary: '授予志愿者或服务队荣誉（年度、原因）',
        body: CreateHonourBody,
        response: { 201: ref(HonourSchema), ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await honours.create(requestCaller(request), request.body)),
  );
  app.get(
    '/volunteer-honours/export',
    {
      schema: {
        operationId: 'exportVolunteerHonours',
        tags,
        summary: '导出荣誉表彰为 Excel',
        querystring: HonourExportQuery,
        response: { 200: XLSX_RESPONSE, ...read },
      },
    },
    async (request, reply) => {
      const rows = await honours.exportRows(requestCaller(request), request.query);
      return sendXlsx(reply, await honoursWorkbook(rows), datedFilename('志愿服务荣誉'));
    },
  );
  app.get(
    '/volunteer-leaderboard',
    {
      schema: {
        operationId: 'volunteerLeaderboard',
        tags,
        summary: '志愿时长排行榜（按社区或服务队；姓名脱敏）',
        querystring: LeaderboardQuery,
        response: { 200: ref(LeaderboardSchema), ...read },
      },
    },
    async (request) => volunteers.leaderboard(request.query),
  );
};
