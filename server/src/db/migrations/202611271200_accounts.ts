import { type Kysely, sql } from 'kysely';

// Accounts, role grants with their data scope, and server-side sessions (DESIGN §2, §5).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table account (
      id text primary key,
      username text not null unique,
      display_name text not null,
      password_hash text,
      must_change_password boolean not null default false,
      totp_secret_sealed text,
      totp_enabled boolean not null default false,
      recovery_code_hashes jsonb not null default '[]',
      phone_sealed text,
      phone_index text unique,
      failed_attempts integer not null default 0,
      locked_until timestamptz,
      disabled boolean not null default false,
      division_code text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index account_scope_idx on account (division_code text_pattern_ops)`.execute(db);

  await sql`
    create table role_grant (
      id bigint generated always as identity primary key,
      account_id text not null references account (id) on delete cascade,
      role text not null,
      scope_code text,
      department text,
      organization_id text
    )`.execute(db);
  await sql`create index role_grant_account_idx on role_grant (account_id)`.execute(db);

  await sql`
    create table session (
      token_hash text primary key,
      account_id text not null references account (id) on delete cascade,
      stage text not null check (stage in ('totp', 'changePassword', 'active')),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index session_account_idx on session (account_id)`.execute(db);

  // Failed sign-ins per client address in the current window (rate limit that all processes share).
  await sql`
    create table login_throttle (
      ip text primary key,
      window_start timestamptz not null,
      failures integer not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table login_throttle`.execute(db);
  await sql`drop table session`.execute(db);
  await sql`drop table role_grant`.execute(db);
  await sql`drop table account`.execute(db);
}
