import { type Kysely, sql } from 'kysely';

// Funds (issue #7 item 1, R3.1): one per year and channel with its focus areas and a budget in fen.
// `fund_posting` is the ledger every commitment, release, payment and adjustment posts to; the
// fund row keeps the running committed and paid totals, updated under a row lock in the same
// transaction as the posting, and the checks make an over-commitment impossible even if code erred.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table fund (
      id text primary key,
      year integer not null check (year between 2000 and 2100),
      channel text not null check (channel in ('purchase', 'grant', 'venture', 'government', 'reward')),
      name text not null check (length(name) between 2 and 100),
      focus_areas text[] not null check (cardinality(focus_areas) >= 1),
      budget_fen bigint not null check (budget_fen >= 0),
      committed_fen bigint not null default 0 check (committed_fen >= 0),
      paid_fen bigint not null default 0 check (paid_fen >= 0),
      division_code text not null,
      note text check (length(note) <= 500),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (committed_fen <= budget_fen),
      check (paid_fen <= committed_fen),
      unique (year, name)
    )`.execute(db);
  await sql`create index fund_year_idx on fund (year, channel)`.execute(db);
  await sql`create index fund_division_idx on fund (division_code text_pattern_ops)`.execute(db);
  await sql`create index fund_focus_idx on fund using gin (focus_areas)`.execute(db);
  await sql`
    create table fund_posting (
      id bigint generated always as identity primary key,
      fund_id text not null references fund (id),
      kind text not null check (kind in ('commitment', 'release', 'payment', 'adjustment')),
      amount_fen bigint not null check (amount_fen <> 0),
      focus_area text,
      reference_type text,
      reference_id text,
      reason text check (length(reason) <= 500),
      actor_id text not null,
      actor_name text not null,
      division_code text not null,
      at timestamptz not null default now(),
      check (kind = 'adjustment' or amount_fen > 0)
    )`.execute(db);
  await sql`create index fund_posting_fund_idx on fund_posting (fund_id, id)`.execute(db);
  await sql`create index fund_posting_reference_idx on fund_posting (reference_type, reference_id)`.execute(
    db,
  );
  await sql`create index fund_posting_focus_idx on fund_posting (fund_id, focus_area, kind)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table fund_posting`.execute(db);
  await sql`drop table fund`.execute(db);
}
