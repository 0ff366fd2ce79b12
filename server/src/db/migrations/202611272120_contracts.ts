import { type Kysely, sql } from 'kysely';

// Contracts (签约落位) and their in-process and post evaluations (issue #7 items 4–5). A contract is
// made from an awarded application and kept under the organization's division; its payment tranches
// are each tied to a gate (signing, mid-term, final evaluation) and paid at most once — the partial
// unique index on the fund ledger makes a second payment posting of a tranche impossible even if
// code erred. Evaluations are written once by the assigned evaluator; a failed one carries
// rectification requests that the organization reports done before the evaluator evaluates again.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table contract (
      id text primary key,
      application_id text not null unique references funding_application (id),
      fund_id text not null references fund (id),
      organization_id text not null references organization (id),
      division_code text not null,
      title text not null check (length(title) between 2 and 100),
      focus_area text,
      awarded_fen bigint not null check (awarded_fen > 0),
      amount_fen bigint not null check (amount_fen > 0),
      starts_on date not null,
      ends_on date not null,
      deliverables text not null check (length(deliverables) between 1 and 4000),
      milestones jsonb not null,
      evaluator_account_id text not null references account (id),
      evaluator_name text not null,
      state text not null check (state in ('draft', 'signed', 'in_progress', 'suspended', 'final_review', 'closed', 'terminated')),
      signed_at timestamptz,
      closed_at timestamptz,
      created_by text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (amount_fen <= awarded_fen),
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`create index contract_division_idx on contract (division_code text_pattern_ops)`.execute(db);
  await sql`create index contract_organization_idx on contract (organization_id)`.execute(db);
  await sql`create index contract_evaluator_idx on contract (evaluator_account_id)`.execute(db);
  await sql`create index contract_fund_idx on contract (fund_id)`.execute(db);
  await sql`create index contract_state_idx on contract (state, created_at)`.execute(db);

  await sql`
    create table contract_tranche (
      id text primary key,
      contract_id text not null references contract (id),
      seq integer not null check (seq between 1 and 10),
      gate text not null check (gate in ('signing', 'mid', 'final')),
      percent integer not null check (percent between 1 and 100),
      amount_fen bigint not null check (amount_fen >= 0),
      paid_at timestamptz,
      unique (contract_id, seq)
    )`.execute(db);

  await sql`
    create table contract_evaluation (
      id text primary key,
      contract_id text not null references contract (id),
      kind text not null check (kind in ('mid', 'final')),
      round integer not null check (round >= 1),
      evaluator_id text not null,
      evaluator_name text not null,
      indicators jsonb not null,
      score numeric(7, 2) not null,
      max_score numeric(7, 2) not null,
      visited_on date not null,
      visit_place text not null check (length(visit_place) between 1 and 200),
      visit_notes text not null check (length(visit_notes) <= 4000),
      sample_asked integer not null check (sample_asked >= 1),
      sample_satisfied integer not null check (sample_satisfied >= 0),
      findings text not null check (length(findings) between 1 and 4000),
      result text not null check (result in ('pass', 'fail')),
      at timestamptz not null default now(),
      check (sample_satisfied <= sample_asked),
      unique (contract_id, kind, round)
    )`.execute(db);

  await sql`
    create table contract_rectification (
      id text primary key,
      contract_id text not null references contract (id),
      evaluation_id text not null references contract_evaluation (id),
      item text not null check (length(item) between 1 and 500),
      due_on date not null,
      report text check (length(report) <= 2000),
      reported_at timestamptz,
      reported_by_name text
    )`.execute(db);
  await sql`create index contract_rectification_contract_idx on contract_rectification (contract_id)`.execute(
    db,
  );

  await sql`
    create table contract_photo (
      id text primary key,
      contract_id text not null references contract (id),
      evaluation_id text references contract_evaluation (id),
      filename text not null,
      mime text not null,
      size integer not null,
      sha256 text not null,
      storage_path text not null,
      uploaded_by text not null,
      uploaded_by_name text not null,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index contract_photo_contract_idx on contract_photo (contract_id)`.execute(db);

  await sql`
    create unique index fund_posting_tranche_paid_once on fund_posting (reference_id)
    where reference_type = 'contract_tranche' and kind = 'payment'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index fund_posting_tranche_paid_once`.execute(db);
  await sql`drop table contract_photo`.execute(db);
  await sql`drop table contract_rectification`.execute(db);
  await sql`drop table contract_evaluation`.execute(db);
  await sql`drop table contract_tranche`.execute(db);
  await sql`drop table contract`.execute(db);
}
