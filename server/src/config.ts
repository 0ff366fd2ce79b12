import path from 'node:path';
import { ORGANIZATION_GRADES, type OrganizationGrade, STAR_THRESHOLD_HOURS } from '@linli/common';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Unset = embedded PGlite in `dataDir/pglite`; `memory://` = in-memory PGlite (tests). */
  databaseUrl: string | undefined;
  logLevel: LogLevel;
  /** Folder of the built web app; served at `/` when it exists. */
  webDist: string;
  nodeEnv: string;
  /** Entries of the in-process read cache of reference data (divisions); 0 turns it off. */
  readCacheEntries: number;
  /** Human-readable logs (pino-pretty) instead of JSON lines. */
  prettyLogs: boolean;
  /** `console` (demo/test only: codes go to the log and DATA_DIR/sms-outbox.jsonl) or `none`. */
  smsProvider: 'console' | 'none';
  /** Days audit and sign-in records stay in the database before the retention job archives them (≥ 180). */
  auditRetentionDays: number;
  /** Where the retention job writes its archive files. */
  archiveDir: string;
  /** Seconds between checks for due scheduled jobs; 0 turns the scheduler off (tests). */
  jobTickSeconds: number;
  /** Largest uploaded attachment in bytes (10 MB unless UPLOAD_MAX_BYTES says otherwise). */
  uploadMaxBytes: number;
  /**
   * The lowest evaluation grade whose annual inspection is simplified (简化年检, R4.4): Lüyuan's rule
   * is 3A; the national rule (民政部令第39号) is 4A.
   */
  simplifiedInspectionGrade: OrganizationGrade;
  /**
   * Points added to a reviewed application's score when ranking a call, for organizations graded
   * at or above the call's priority grade (优先购买服务, R4.4); ties go to them too. 0 = tie-break only.
   */
  fundingPriorityBonus: number;
  /** Cumulative hours for one to five volunteer stars (standards §8.3: 100/300/600/1000/1500). */
  volunteerStarHours: number[];
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

/** Every environment variable Linli reads is read here; the README's configuration table lists them. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || path.join(repoRoot, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: (env.LOG_LEVEL as LogLevel) || 'info',
    webDist: path.resolve(env.WEB_DIST || path.join(repoRoot, 'web/dist')),
    nodeEnv: env.NODE_ENV || 'development',
    readCacheEntries: intFrom(env.READ_CACHE_ENTRIES, 5000, 'READ_CACHE_ENTRIES'),
    prettyLogs: env.LOG_FORMAT ? env.LOG_FORMAT === 'pretty' : Boolean(process.stdout.isTTY),
    smsProvider: smsProviderFrom(env),
    auditRetentionDays: retentionDaysFrom(env.AUDIT_RETENTION_DAYS),
    archiveDir: path.resolve(
      env.ARCHIVE_DIR || path.join(env.DATA_DIR || path.join(repoRoot, 'data'), 'archive'),
    ),
    jobTickSeconds: intFrom(env.JOB_TICK_SECONDS, 60, 'JOB_TICK_SECONDS'),
    uploadMaxBytes: intFrom(env.UPLOAD_MAX_BYTES, 10 * 1024 * 1024, 'UPLOAD_MAX_BYTES'),
    simplifiedInspectionGrade: gradeFrom(env.SIMPLIFIED_INSPECTION_GRADE),
    fundingPriorityBonus: intFrom(env.FUNDING_PRIORITY_BONUS, 3, 'FUNDING_PRIORITY_BONUS'),
    volunteerStarHours: starHoursFrom(env.VOLUNTEER_STAR_HOURS),
    ...overrides,
  };
}

function gradeFrom(value: string | undefined): OrganizationGrade {
  const grade = value || '3A';
  if (!(ORGANIZATION_GRADES as readonly string[]).includes(grade))
    throw new Error(
      `SIMPLIFIED_INSPECTION_GRADE must be one of ${ORGANIZATION_GRADES.join(', ')}, got "${value}"`,
    );
  return grade as OrganizationGrade;
}

/** Local schemes differ (张家港 30/60/100/200/300): five increasing whole numbers of hours. */
function starHoursFrom(value: string | undefined): number[] {
  if (!value) return [...STAR_THRESHOLD_HOURS];
  const hours = value.split(',').map((h) => Number(h.trim()));
  if (
    hours.length !== 5 ||
    hours.some((h, i) => !Number.isInteger(h) || h < 1 || (i > 0 && h <= hours[i - 1]!))
  )
    throw new Error(`VOLUNTEER_STAR_HOURS must be five increasing whole numbers of hours, got "${value}"`);
  return hours;
}

function smsProviderFrom(env: NodeJS.ProcessEnv): 'console' | 'none' {
  const value = env.SMS_PROVIDER || (env.NODE_ENV === 'production' ? 'none' : 'console');
  if (value !== 'console' && value !== 'none')
    throw new Error(`SMS_PROVIDER must be console or none, got "${value}"`);
  return value;
}

/** 网络安全法 Art. 21(3): network logs are kept at least six months. */
function retentionDaysFrom(value: string | undefined): number {
  const days = intFrom(value, 180, 'AUDIT_RETENTION_DAYS');
  if (days < 180) throw new Error(`AUDIT_RETENTION_DAYS must be at least 180, got ${days}`);
  return days;
}
