import { type Kysely, sql } from 'kysely';

// The points ledger (issue #6 item 3): double entry, append-only, idempotent. A transfer is a set
// of postings summing to zero; `idempotency_key` is unique so a retried request finds the first
// transfer and posts nothing. Each account caches its balance, updated under a row lock in the same
// transaction as its postings; `linli ledger verify` checks the cache against the postings, and the
// check below makes a negative balance impossible for every account but the issuance source.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table points_account (
      id text primary key,
      kind text not null check (kind in ('volunteer', 'award_pool', 'issuance', 'supermarket')),
      owner_id text,
      name text not null check (length(name) between 1 and 100),
      division_code text not null,
      balance bigint not null default 0,
      allow_negative boolean not null default false,
      created_at timestamptz not null default now(),
      unique (kind, owner_id),
      check (allow_negative or balance >= 0)
    )`.execute(db);
  await sql`create index points_account_scope_idx on points_account (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`
    create table points_transfer (
      id text primary key,
      idempotency_key text not null unique check (length(idempotency_key) between 8 and 200),
      kind text not null check (kind in ('hours', 'reversal', 'award', 'pool_funding', 'redemption', 'refund')),
      memo text check (length(memo) <= 500),
      reference_type text,
      reference_id text,
      actor_id text not null,
      actor_name text not null,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index points_transfer_reference_idx on points_transfer (reference_type, reference_id)`.execute(
    db,
  );
  await sql`
    create table points_posting (
      id bigint generated always as identity primary key,
      transfer_id text not null references points_transfer (id),
      account_id text not null references points_account (id),
      amount bigint not null check (amount <> 0),
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index points_posting_account_idx on points_posting (account_id, at)`.execute(db);
  await sql`create index points_posting_transfer_idx on points_posting (transfer_id)`.execute(db);
  await sql`
    create function points_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are append-only', tg_table_name using errcode = 'integrity_constraint_violation';
    end $$`.execute(db);
  await sql`
    create trigger points_posting_append_only before update or delete on points_posting
    for each row execute function points_append_only()`.execute(db);
  await sql`
    create trigger points_transfer_append_only before update or delete on points_transfer
    for each row execute function points_append_only()`.execute(db);

  // Points per hour (hundredths) by program and category; the most specific rule wins, then the default.
  await sql`
    create table points_rule (
      id text primary key,
      program_id text,
      category text,
      points_per_hour integer not null check (points_per_hour between 0 and 100000),
      updated_at timestamptz not null default now(),
      updated_by text not null
    )`.execute(db);
  await sql`
    create unique index points_rule_key_idx on points_rule (coalesce(program_id, ''), coalesce(category, ''))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table points_rule`.execute(db);
  await sql`drop table points_posting`.execute(db);
  await sql`drop table points_transfer`.execute(db);
  await sql`drop function points_append_only`.execute(db);
  await sql`drop table points_account`.execute(db);
}
