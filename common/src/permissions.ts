/**
 * Roles of DESIGN §2 and what each may do. This table is the one place that says who may call
 * which route: every route declares one permission, and the permission-matrix test walks every
 * route with every role against it.
 */
export const ROLES = [
  'district_admin',
  'street_staff',
  'community_worker',
  'station_staff',
  'grid_leader',
  'grid_member',
  'department_staff',
  'social_org',
  'incubator_operator',
  'evaluator',
  'resident',
  'market_operator',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'division:read',
  'division:write',
  'account:read',
  'account:write',
  'audit:read',
  'pii:reveal',
  'resident:read',
  'resident:write',
  'organization:read',
  'organization:write',
  'organization:register',
  // Spreadsheet import of the registry: the district (all kinds) and streets (their community organizations).
  'organization:import',
  // District statistics of the registry (R6): for division staff, not an organization's own account.
  'organization:indicators',
  'grid:read',
  'grid:write',
  'grid:configure',
  'event_category:write',
  // Grid events (issue #5): read in scope, report, act on the closed loop (the workflow decides which
  // step by role), the desk's export and map tools, statistics.
  'event:read',
  'event:report',
  'event:handle',
  'event:manage',
  'event:stats',
  'organization:catalog',
  'incubation:read',
  'incubation:write',
  'federation:read',
  'federation:write',
  'inspection:read',
  'inspection:write',
  // Money (issue #7): the district keeps funds and calls; needs come from divisions and departments;
  // organizations apply for themselves.
  'fund:read',
  'fund:write',
  'need:read',
  'need:write',
  'call:read',
  'call:write',
  'application:read',
  'application:write',
  // Outside Open311 clients' API keys (issue #5 item 8): the district issues and revokes them.
  'open311:manage',
  // Pre-assessment (issue #7 item 3): reviewers score what they are assigned; the district assigns,
  // ranks, publishes the public notice (公示) and answers objections; everyone signed in reads
  // notices and may object.
  'review:write',
  'review:manage',
  'notice:read',
  'notice:object',
  // Contracts (issue #7 items 4–5): the district contracts and pays; the organization reports
  // progress and rectification; the assigned third-party evaluator evaluates.
  'contract:read',
  'contract:write',
  'contract:report',
  'evaluation:write',
  // Residents answer the satisfaction questionnaire of projects under evaluation in their community.
  'contract:feedback',
  // Volunteers (issue #6): residents register and serve themselves (`volunteer:register`); staff keep
  // volunteers and teams in their scope; organizers publish activities and confirm hours; the
  // district awards points.
  'volunteer:read',
  'volunteer:write',
  'volunteer:register',
  'activity:read',
  'activity:write',
  'points:read',
  'points:write',
  // Love supermarkets (issue #6 item 4): staff read their area's supermarkets and reports and set
  // them up; the operator runs the counter and the stock; residents redeem their own points.
  'market:read',
  'market:manage',
  'market:operate',
  'market:redeem',
  // Grade evaluation (等级评估): the district runs rounds; organizations apply and self-assess;
  // evaluators score what they are assigned; streets read their organizations' evaluations.
  'grading:read',
  'grading:manage',
  'grading:apply',
  'grading:score',
  // The matchmaking fair (社洽会, issue #7 item 7): everyone signed in browses a fair's offers and
  // exhibits; the district runs editions and signs; streets and communities publish offers for their
  // area; organizations exhibit; both sides take part in matches (`fair:match`).
  'fair:read',
  'fair:manage',
  'fair:offer',
  'fair:exhibit',
  'fair:match',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_READ: Permission[] = ['division:read', 'organization:read'];
/** Public notices (公示) are for everyone signed in, who may also object during the period. */
const PUBLIC_NOTICE: Permission[] = ['notice:read', 'notice:object'];
/** Grid events at a desk (street, community, station): the whole loop in their scope, export and statistics. */
const EVENT_DESK: Permission[] = [
  'event:read',
  'event:report',
  'event:handle',
  'event:manage',
  'event:stats',
];
/** Grid events in the field (grid staff, residents): report, follow and act on their own. */
const EVENT_FIELD: Permission[] = ['event:read', 'event:report', 'event:handle'];
const RESIDENT_DESK: Permission[] = [
  'division:read',
  'resident:read',
  'resident:write',
  'organization:read',
  'grid:read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  district_admin: [...PERMISSIONS],
  street_staff: [
    'fair:read',
    'fair:offer',
    'fair:match',
    'division:read',
    'division:write',
    'account:read',
    'account:write',
    'resident:read',
    'resident:write',
    'organization:read',
    'organization:write',
    'organization:import',
    'organization:indicators',
    'incubation:read',
    'grid:read',
    'grid:write',
    ...EVENT_DESK,
    // A street keeps the federations of its street and sees its organizations' annual inspections.
    'federation:read',
    'federation:write',
    'inspection:read',
    'need:read',
    'need:write',
    'call:read',
    'application:read',
    ...PUBLIC_NOTICE,
    'contract:read',
    'volunteer:read',
    'volunteer:write',
    'activity:read',
    'activity:write',
    'points:read',
    'market:read',
    'market:manage',
    'grading:read',
  ],
  // Community workers run the one window: they need the full ID number of the resident in front of them.
  community_worker: [
    'fair:read',
    'fair:offer',
    'fair:match',
    'division:read',
    'division:write',
    'account:read',
    'account:write',
    'resident:read',
    'resident:write',
    'pii:reveal',
    'organization:read',
    'organization:write',
    'organization:indicators',
    'grid:read',
    'grid:write',
    ...EVENT_DESK,
    'need:read',
    'need:write',
    'call:read',
    ...PUBLIC_NOTICE,
    'contract:read',
    'volunteer:read',
    'volunteer:write',
    'activity:read',
    'activity:write',
    'points:read',
    'market:read',
    'market:manage',
    'market:operate',
  ],
  station_staff: [
    'fair:read',
    ...RESIDENT_DESK,
    ...EVENT_DESK,
    'need:read',
    'need:write',
    'call:read',
    ...PUBLIC_NOTICE,
    'volunteer:read',
    'activity:read',
    'activity:write',
    'points:read',
  ],
  grid_leader: [...RESIDENT_DESK, ...PUBLIC_NOTICE, ...EVENT_FIELD, 'fair:read'],
  grid_member: [...RESIDENT_DESK, ...PUBLIC_NOTICE, ...EVENT_FIELD, 'fair:read'],
  // A department records the needs of its field (需求清单) and sees its own.
  // It handles the grid events dispatched to it and sees its own figures.
  department_staff: [
    'fair:read',
    ...STAFF_READ,
    'need:read',
    'need:write',
    ...PUBLIC_NOTICE,
    'event:read',
    'event:handle',
    'event:stats',
  ],
  // An organization's own account keeps its record and files for itself (scoped to its organization).
  social_org: [
    // It shows its projects at the fair and takes part in their matches.
    'fair:read',
    'fair:exhibit',
    'fair:match',
    ...STAFF_READ,
    'organization:write',
    'incubation:read',
    'incubation:write',
    // It submits its own annual report (年报) and reads its inspection results.
    'inspection:read',
    'inspection:write',
    // It browses calls and applies for itself.
    'call:read',
    'application:read',
    'application:write',
    ...PUBLIC_NOTICE,
    // It reads its contracts and reports progress and rectification.
    'contract:read',
    'contract:report',
    // It publishes its volunteer teams' activities and confirms their hours.
    'activity:read',
    'activity:write',
    // It applies for grade evaluation, self-assesses, sees its scores and may request 复核.
    'grading:read',
    'grading:apply',
  ],
  // The incubation base's operator runs intake and plans district-wide (R2.2); it sees the registry
  // only for its incubatees.
  incubator_operator: [...STAFF_READ, 'incubation:read', 'incubation:write', ...PUBLIC_NOTICE, 'fair:read'],
  // A third-party evaluator sees and evaluates only the contracts it is assigned to.
  // It also scores the applications it is assigned to review (事前论证).
  evaluator: [
    ...STAFF_READ,
    'fair:read',
    'contract:read',
    'evaluation:write',
    'review:write',
    ...PUBLIC_NOTICE,
    // It scores the grade evaluations it is assigned to (实地考察, 初步评估意见).
    'grading:read',
    'grading:score',
  ],
  // A resident registers as a volunteer, signs up and checks in, and sees only their own record and points.
  resident: [
    'fair:read',
    'volunteer:read',
    'volunteer:register',
    'activity:read',
    'points:read',
    'contract:feedback',
    'market:redeem',
    ...PUBLIC_NOTICE,
    ...EVENT_FIELD,
  ],
  // The love-supermarket operator runs the counter and the stock of its community's supermarket.
  market_operator: [...PUBLIC_NOTICE, 'market:read', 'market:operate', 'fair:read'],
};

/** Roles whose accounts must pass a second factor (TOTP) at every sign-in. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['district_admin'];

/** Roles whose grant is bound to a division code (the data scope); the others act for a department or organization. */
export const DIVISION_SCOPED_ROLES: readonly Role[] = [
  'district_admin',
  'street_staff',
  'community_worker',
  'station_staff',
  'grid_leader',
  'grid_member',
  'resident',
];

/**
 * Which roles an account administrator may grant (always within its own data scope): a street
 * appoints community and grid staff, a community its grid staff and residents, the district anyone.
 */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  district_admin: ROLES,
  street_staff: ['community_worker', 'station_staff', 'grid_leader', 'grid_member', 'resident'],
  community_worker: ['station_staff', 'grid_leader', 'grid_member', 'resident'],
  station_staff: [],
  grid_leader: [],
  grid_member: [],
  department_staff: [],
  social_org: [],
  incubator_operator: [],
  evaluator: [],
  resident: [],
  market_operator: [],
};

/** Staff who may act for a resident who cannot use the system (代办, DESIGN §5). */
export const ACT_FOR_RESIDENT_ROLES: readonly Role[] = [
  'community_worker',
  'station_staff',
  'grid_leader',
  'grid_member',
];

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return PERMISSIONS.filter((p) => roles.some((r) => ROLE_PERMISSIONS[r].includes(p)));
}

export const ROLE_NAMES: Record<'zh-CN' | 'en-US', Record<Role, string>> = {
  'zh-CN': {
    district_admin: '区民政局管理员',
    street_staff: '镇街工作人员',
    community_worker: '社区工作者',
    station_staff: '社区协同治理服务站',
    grid_leader: '网格长',
    grid_member: '网格员',
    department_staff: '职能部门',
    social_org: '社会组织',
    incubator_operator: '孵化基地',
    evaluator: '第三方评估机构',
    resident: '居民',
    market_operator: '爱心超市',
  },
  'en-US': {
    district_admin: 'District civil-affairs admin',
    street_staff: 'Town/street staff',
    community_worker: 'Community worker',
    station_staff: 'Service-station staff',
    grid_leader: 'Grid leader',
    grid_member: 'Grid member',
    department_staff: 'Department staff',
    social_org: 'Social organization',
    incubator_operator: 'Incubation base',
    evaluator: 'Third-party evaluator',
    resident: 'Resident',
    market_operator: 'Love-supermarket operator',
  },
};

/** Password policy (等保 身份鉴别 a): at least 8 characters from 3 of 4 classes, not containing the username. */
export type PasswordProblem = 'tooShort' | 'tooFewClasses' | 'containsUsername';

export function checkPassword(password: string, username: string): PasswordProblem | null {
  if (password.length < 8) return 'tooShort';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'tooFewClasses';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'containsUsername';
  return null;
}
