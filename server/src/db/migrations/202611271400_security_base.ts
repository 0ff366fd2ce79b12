import { type Kysely, sql } from 'kysely';

// Second part of the security base (issue #3): acting for a resident (代办) on the session and in
// the audit log, TOTP enrolment and replay protection, phone one-time codes, and the scheduled
// jobs table (retention runs there).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log add column on_behalf_name text, add column on_behalf_reason text`.execute(
    db,
  );

  await sql`
    alter table session
      add column acting_resident_id text,
      add column acting_resident_name text,
      add column acting_reason text,
      add column acting_since timestamptz`.execute(db);
  // A session whose account must have a second factor but has none yet enrols before anything else.
  await sql`
    alter table session drop constraint session_stage_check,
      add constraint session_stage_check check (stage in ('totp', 'totpEnroll', 'changePassword', 'active'))`.execute(
    db,
  );

  // The last TOTP time step accepted: a code is good once (RFC 6238 §5.2).
  await sql`
    alter table account
      add column totp_last_step bigint,
      add column totp_pending_sealed text,
      add column phone_verified_at timestamptz`.execute(db);

  // One-time sign-in codes sent by SMS, keyed by the phone's blind index (never the number itself).
  await sql`
    create table sms_code (
      id bigint generated always as identity primary key,
      phone_index text not null,
      purpose text not null,
      code_hash text not null,
      attempts integer not null default 0,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      consumed_at timestamptz,
      ip text
    )`.execute(db);
  await sql`create index sms_code_phone_idx on sms_code (phone_index, created_at)`.execute(db);

  // Recurring jobs: each process ticks; a job runs in the one process that claims its lease.
  await sql`
    create table job_schedule (
      name text primary key,
      interval_seconds integer not null,
      next_run_at timestamptz not null,
      locked_until timestamptz,
      last_started_at timestamptz,
      last_finished_at timestamptz,
      last_result jsonb,
      last_error text,
      runs integer not null default 0
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table job_schedule`.execute(db);
  await sql`drop table sms_code`.execute(db);
  await sql`alter table account drop column totp_last_step, drop column totp_pending_sealed, drop column phone_verified_at`.execute(
    db,
  );
  await sql`
    alter table session drop constraint session_stage_check,
      add constraint session_stage_check check (stage in ('totp', 'changePassword', 'active'))`.execute(db);
  await sql`
    alter table session drop column acting_resident_id, drop column acting_resident_name,
      drop column acting_reason, drop column acting_since`.execute(db);
  await sql`alter table audit_log drop column on_behalf_name, drop column on_behalf_reason`.execute(db);
}
