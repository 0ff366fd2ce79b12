import {
  ACTIVITY_CATEGORIES,
  AVAILABILITY,
  HONOUR_SUBJECTS,
  HONOUR_TITLES,
  PUBLISHER_KINDS,
  SERVICE_KINDS,
  SIGNUP_STATES,
  SKILLS,
  VOLUNTEER_STAT_GROUPS,
} from '@linli/common';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { literalUnion, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const DivisionCode = Type.String({
  pattern: '^\\d{6}(\\d{3}){0,3}$',
  description: '区划代码（6/9/12/15 位）',
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const SignupParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  signupId: Type.String({ minLength: 1, maxLength: 64 }),
});

// ---------------------------------------------------------------- volunteers

export const VolunteerSchema = Type.Object(
  {
    id: Type.String(),
    volunteerNo: Type.String(),
    name: Type.String(),
    gender: literalUnion(['male', 'female']),
    idNumber: Type.String({ description: '已脱敏' }),
    phone: Type.String({ description: '已脱敏' }),
    skills: Type.Array(literalUnion(SKILLS)),
    availability: Type.Array(literalUnion(AVAILABILITY)),
    divisionCode: Type.String(),
    divisionName: Type.String(),
    state: literalUnion(['active', 'suspended']),
    registeredAt: DateTime,
    teams: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    confirmedMinutes: Type.Integer(),
    services: Type.Integer(),
    stars: Type.Integer({ minimum: 0, maximum: 5 }),
    pointsAccountId: Nullable(Type.String()),
    pointsBalance: Type.Integer({ description: '积分（百分之一分）' }),
    version: Type.Integer(),
  },
  { $id: 'Volunteer' },
);
export type Volunteer = Static<typeof VolunteerSchema>;

export const RegisterVolunteerBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  idNumber: Type.String({ minLength: 1, maxLength: 30 }),
  phone: Type.String({ minLength: 1, maxLength: 20 }),
  skills: Type.Array(literalUnion(SKILLS), { maxItems: SKILLS.length, uniqueItems: true }),
  availability: Type.Array(literalUnion(AVAILABILITY), { maxItems: AVAILABILITY.length, uniqueItems: true }),
  divisionCode: DivisionCode,
  teamId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
});
export type RegisterVolunteerInput = Static<typeof RegisterVolunteerBody>;

export const VolunteerListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 50 })),
  divisionCode: Type.Optional(DivisionCode),
  teamId: Type.Optional(Type.String({ maxLength: 64 })),
  minStars: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
});
export type VolunteerFilters = Static<typeof VolunteerListQuery>;
export const VolunteerExportQuery = Type.Omit(VolunteerListQuery, ['limit', 'offset']);
export const VolunteerPage = Page(ref(VolunteerSchema));

export const ServiceRecordSchema = Type.Object(
  {
    id: Type.String(),
    kind: literalUnion(SERVICE_KINDS),
    volunteerId: Type.String(),
    volunteerName: Type.String(),
    activityId: Type.String(),
    activityTitle: Type.String(),
    signupId: Type.String(),
    divisionCode: Type.String(),
    minutes: Type.Integer(),
    points: Type.Integer(),
    reversesId: Nullable(Type.String()),
    reversedBy: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    servedOn: Type.String({ format: 'date' }),
    confirmedByName: Type.String(),
    confirmedAt: DateTime,
  },
  { $id: 'VolunteerServiceRecord' },
);
export type ServiceRecord = Static<typeof ServiceRecordSchema>;
export const ServiceRecordPage = Page(ref(ServiceRecordSchema));

export const CertificateVerificationSchema = Type.Object(
  {
    valid: Type.Boolean(),
    certificate: Nullable(
      Type.Object({
        nameMasked: Type.String(),
        volunteerNo: Type.String(),
        minutes: Type.Integer(),
        services: Type.Integer(),
        issuer: Type.String(),
        issuedAt: DateTime,
      }),
    ),
  },
  { $id: 'CertificateVerification' },
);
export type CertificateVerification = Static<typeof CertificateVerificationSchema>;
export const CertificateQuery = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });

// ---------------------------------------------------------------- programs and teams

export const ProgramSchema = Type.Object(
  {
    id: Type.String(),
    alliance: Type.String(),
    name: Type.String(),
    description: Nullable(Type.String()),
    teams: Type.Integer(),
    activities: Type.Integer(),
  },
  { $id: 'VolunteerProgram' },
);
export type Program = Static<typeof ProgramSchema>;

export const TeamSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    programId: Nullable(Type.String()),
    programName: Nullable(Type.String()),
    organizationId: Nullable(Type.String()),
    divisionCode: Type.String(),
    divisionName: Type.String(),
    leaderName: Nullable(Type.String()),
    members: Type.Integer(),
  },
  { $id: 'VolunteerTeam' },
);
export type Team = Static<typeof TeamSchema>;
export const TeamListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 50 })),
  divisionCode: Type.Optional(DivisionCode),
  programId: Type.Optional(Type.String({ maxLength: 64 })),
});
export type TeamFilters = Static<typeof TeamListQuery>;
export const TeamPage = Page(ref(TeamSchema));
export const CreateTeamBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  programId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  organizationId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  divisionCode: DivisionCode,
  leaderName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
});
export type CreateTeamInput = Static<typeof CreateTeamBody>;

// ---------------------------------------------------------------- activities

export const MySignupSchema = Type.Object({
  id: Type.String(),
  state: literalUnion(SIGNUP_STATES),
  waitingPosition: Nullable(Type.Integer()),
  checkedInAt: Nullable(DateTime),
  checkedOutAt: Nullable(DateTime),
  confirmedMinutes: Nullable(Type.Integer()),
});

export const ActivitySchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Nullable(Type.String()),
    programId: Nullable(Type.String()),
    programName: Nullable(Type.String()),
    category: literalUnion(ACTIVITY_CATEGORIES),
    publisherKind: literalUnion(PUBLISHER_KINDS),
    publisherName: Type.String(),
    teamId: Nullable(Type.String()),
    organizationId: Nullable(Type.String()),
    divisionCode: Type.String(),
    divisionName: Type.String(),
    address: Type.String(),
    startsAt: DateTime,
    endsAt: DateTime,
    slots: Type.Integer(),
    signedUp: Type.Integer(),
    waiting: Type.Integer(),
    requirements: Nullable(Type.String()),
    cancelBeforeMinutes: Type.Integer(),
    state: literalUnion(['published', 'cancelled']),
    version: Type.Integer(),
    /** Only for its organizers: the code volunteers type (or scan) to check in and out. */
    checkInCode: Nullable(Type.String()),
    /** When the shown code gives way to the next one (organizers only). */
    checkInCodeChangesAt: Nullable(DateTime),
    mySignup: Nullable(MySignupSchema),
    abilities: Type.Object({ manage: Type.Boolean(), signUp: Type.Boolean() }),
  },
  { $id: 'VolunteerActivity' },
);
export type Activity = Static<typeof ActivitySchema>;
export const ActivityPage = Page(ref(ActivitySchema));
export const ActivityListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 50 })),
  divisionCode: Type.Optional(DivisionCode),
  programId: Type.Optional(Type.String({ maxLength: 64 })),
  category: Type.Optional(literalUnion(ACTIVITY_CATEGORIES)),
  /** upcoming: not yet ended; past: ended. */
  when: Type.Optional(literalUnion(['upcoming', 'past', 'all'])),
  /** Only the activities I signed up for (volunteers), or only those I organize (organizers). */
  mine: Type.Optional(literalUnion(['signed_up', 'organized'])),
  /** Near me: activities in this community come first. */
  near: Type.Optional(DivisionCode),
});
export type ActivityFilters = Static<typeof ActivityListQuery>;

export const CreateActivityBody = Type.Object({
  title: Type.String({ minLength: 2, maxLength: 100 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  programId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  category: literalUnion(ACTIVITY_CATEGORIES),
  publisherKind: literalUnion(PUBLISHER_KINDS),
  teamId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  /** The studio's name, when a studio publishes. */
  publisherName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  divisionCode: DivisionCode,
  address: Type.String({ minLength: 2, maxLength: 200 }),
  startsAt: DateTime,
  endsAt: DateTime,
  slots: Type.Integer({ minimum: 1, maximum: 10000 }),
  requirements: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  cancelBeforeMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10080 })),
});
export type CreateActivityInput = Static<typeof CreateActivityBody>;

export const UpdateActivityBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  address: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
  startsAt: Type.Optional(DateTime),
  endsAt: Type.Optional(DateTime),
  slots: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  requirements: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
});
export type UpdateActivityInput = Static<typeof UpdateActivityBody>;

export const CancelActivityBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});

export const CodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) });

export const RosterEntrySchema = Type.Object(
  {
    id: Type.String(),
    volunteerId: Type.String(),
    volunteerName: Type.String(),
    phone: Type.String(),
    state: literalUnion(SIGNUP_STATES),
    seq: Type.Integer(),
    signedUpAt: DateTime,
    checkedInAt: Nullable(DateTime),
    checkedOutAt: Nullable(DateTime),
    proposedMinutes: Nullable(Type.Integer()),
    service: Nullable(
      Type.Object({
        id: Type.String(),
        minutes: Type.Integer(),
        points: Type.Integer(),
        confirmedAt: DateTime,
      }),
    ),
    version: Type.Integer(),
  },
  { $id: 'VolunteerRosterEntry' },
);
export type RosterEntry = Static<typeof RosterEntrySchema>;
export const RosterSchema = Type.Object(
  { activity: ref(ActivitySchema), entries: Type.Array(ref(RosterEntrySchema)) },
  { $id: 'VolunteerRoster' },
);
export type Roster = Static<typeof RosterSchema>;

export const AttendanceBody = Type.Object({
  action: literalUnion(['check_in', 'check_out']),
  at: Type.Optional(DateTime),
});
export const ConfirmBody = Type.Object({
  /** Minutes to confirm; defaults to the checked-in time. */
  minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
});
export const CorrectBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  /** The corrected minutes; 0 withdraws the record entirely. */
  minutes: Type.Integer({ minimum: 0, maximum: 1440 }),
});
export const CorrectionSchema = Type.Object(
  { reversal: ref(ServiceRecordSchema), replacement: Nullable(ref(ServiceRecordSchema)) },
  { $id: 'VolunteerServiceCorrection' },
);
export type Correction = Static<typeof CorrectionSchema>;

// ---------------------------------------------------------------- stats and recognition

export const StatsQuery = Type.Object({
  group: literalUnion(VOLUNTEER_STAT_GROUPS),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  divisionCode: Type.Optional(DivisionCode),
});
export type StatsFilters = Static<typeof StatsQuery>;
export const StatRowSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  services: Type.Integer(),
  volunteers: Type.Integer(),
  minutes: Type.Integer(),
  points: Type.Integer(),
});
export type StatRow = Static<typeof StatRowSchema>;
export const StatsSchema = Type.Object(
  {
    group: literalUnion(VOLUNTEER_STAT_GROUPS),
    rows: Type.Array(StatRowSchema),
    totals: Type.Object({
      volunteers: Type.Integer(),
      teams: Type.Integer(),
      services: Type.Integer(),
      minutes: Type.Integer(),
      points: Type.Integer(),
    }),
  },
  { $id: 'VolunteerStats' },
);
export type Stats = Static<typeof StatsSchema>;

export const LeaderboardQuery = Type.Object({
  divisionCode: Type.Optional(DivisionCode),
  teamId: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const LeaderboardSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        rank: Type.Integer(),
        volunteerId: Type.String(),
        nameMasked: Type.String(),
        divisionName: Type.String(),
        minutes: Type.Integer(),
        stars: Type.Integer(),
      }),
    ),
  },
  { $id: 'VolunteerLeaderboard' },
);
export type Leaderboard = Static<typeof LeaderboardSchema>;

export const StarLevelsSchema = Type.Object(
  { hours: Type.Array(Type.Integer(), { description: '一星到五星所需的累计服务小时数' }) },
  { $id: 'VolunteerStarLevels' },
);

export const HonourSchema = Type.Object(
  {
    id: Type.String(),
    subjectKind: literalUnion(HONOUR_SUBJECTS),
    volunteerId: Nullable(Type.String()),
    teamId: Nullable(Type.String()),
    subjectName: Type.String(),
    title: literalUnion(HONOUR_TITLES),
    year: Type.Integer(),
    reason: Type.String(),
    divisionCode: Type.String(),
    divisionName: Type.String(),
    awardedByDivision: Type.String(),
    awardedByDivisionName: Type.String(),
    awardedByName: Type.String(),
    awardedAt: DateTime,
  },
  { $id: 'VolunteerHonour' },
);
export type Honour = Static<typeof HonourSchema>;
export const HonourPage = Page(ref(HonourSchema));
export const HonourListQuery = Type.Object({
  ...PageQuery,
  volunteerId: Type.Optional(Type.String({ maxLength: 64 })),
  teamId: Type.Optional(Type.String({ maxLength: 64 })),
  subjectKind: Type.Optional(literalUnion(HONOUR_SUBJECTS)),
  title: Type.Optional(literalUnion(HONOUR_TITLES)),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  divisionCode: Type.Optional(DivisionCode),
});
export type HonourFilters = Static<typeof HonourListQuery>;
export const HonourExportQuery = Type.Omit(HonourListQuery, ['limit', 'offset']);
export const CreateHonourBody = Type.Object({
  subjectKind: literalUnion(HONOUR_SUBJECTS),
  /** The volunteer's or the team's id. */
  subjectId: Type.String({ minLength: 1, maxLength: 64 }),
  title: literalUnion(HONOUR_TITLES),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  reason: Type.String({ minLength: 2, maxLength: 500 }),
});
export type CreateHonourInput = Static<typeof CreateHonourBody>;

export const VOLUNTEER_SCHEMAS = [
  StarLevelsSchema,
  HonourSchema,
  VolunteerSchema,
  ServiceRecordSchema,
  CertificateVerificationSchema,
  ProgramSchema,
  TeamSchema,
  ActivitySchema,
  RosterEntrySchema,
  RosterSchema,
  CorrectionSchema,
  StatsSchema,
  LeaderboardSchema,
];
