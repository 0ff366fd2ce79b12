import { type Kysely, sql } from 'kysely';

// Love supermarkets (爱心超市, issue #6 item 4): one per community, a catalogue priced in hundredths
// of a point, stock kept by append-only movements (the stock column is their running sum, checked
// by the monthly report: 账物相符), donations with their source, and redemptions whose points move
// through the points ledger with the redemption's own idempotency key.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table market (
      id text primary key,
      division_code text not null unique references division (code) on update cascade,
      name text not null check (length(name) between 2 and 100),
      address text not null check (length(address) between 2 and 200),
      opening_hours text not null check (length(opening_hours) between 1 and 100),
      points_account_id text not null references points_account (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index market_scope_idx on market (division_code text_pattern_ops)`.execute(db);

  await sql`
    create table market_item (
      id text primary key,
      market_id text not null references market (id),
      division_code text not null,
      kind text not null check (kind in ('goods', 'service')),
      name text not null check (length(name) between 1 and 50),
      unit text not null check (length(unit) between 1 and 10),
      description text check (length(description) <= 500),
      price_points integer not null check (price_points between 1 and 10000000),
      stock integer check (stock >= 0),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (market_id, name),
      check ((kind = 'goods') = (stock is not null))
    )`.execute(db);

  await sql`
    create table market_donation (
      id text primary key,
      market_id text not null references market (id),
      division_code text not null,
      donor_name text not null check (length(donor_name) between 1 and 100),
      donor_kind text not null check (donor_kind in ('enterprise', 'government', 'social_org', 'individual')),
      donated_on date not null,
      receipt_no text not null check (length(receipt_no) between 1 and 50),
      note text check (length(note) <= 500),
      actor_id text not null,
      actor_name text not null,
      created_at timestamptz not null default now(),
      unique (market_id, receipt_no)
    )`.execute(db);
  await sql`create index market_donation_market_idx on market_donation (market_id, donated_on)`.execute(db);

  await sql`
    create table market_redemption (
      id text primary key,
      market_id text not null references market (id),
      division_code text not null,
      volunteer_id text not null,
      volunteer_name text not null,
      channel text not null check (channel in ('counter', 'online')),
      state text not null check (state in ('reserved', 'picked_up', 'cancelled', 'expired')),
      total_points integer not null check (total_points > 0),
      balance_after bigint not null,
      pickup_code text,
      expires_at timestamptz,
      idempotency_key text not null unique check (length(idempotency_key) between 8 and 200),
      request_hash text not null,
      transfer_id text not null references points_transfer (id),
      refund_transfer_id text references points_transfer (id),
      operator_id text not null,
      operator_name text not null,
      created_at timestamptz not null default now(),
      picked_up_at timestamptz,
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index market_redemption_market_idx on market_redemption (market_id, created_at)`.execute(
    db,
  );
  await sql`create index market_redemption_volunteer_idx on market_redemption (volunteer_id, created_at)`.execute(
    db,
  );
  // A pickup code names one waiting reservation of its supermarket.
  await sql`
    create unique index market_redemption_pickup_idx on market_redemption (market_id, pickup_code)
    where state = 'reserved'`.execute(db);
  await sql`
    create index market_redemption_expiry_idx on market_redemption (expires_at) where state = 'reserved'`.execute(
    db,
  );

  await sql`
    create table market_redemption_line (
      redemption_id text not null references market_redemption (id),
      item_id text not null references market_item (id),
      item_name text not null,
      quantity integer not null check (quantity between 1 and 99),
      price_points integer not null,
      primary key (redemption_id, item_id)
    )`.execute(db);
  await sql`create index market_redemption_line_item_idx on market_redemption_line (item_id)`.execute(db);

  await sql`
    create table market_stock_movement (
      id bigint generated always as identity primary key,
      market_id text not null references market (id),
      item_id text not null references market_item (id),
      division_code text not null,
      kind text not null check (kind in ('donation', 'redemption', 'hold', 'release', 'adjustment', 'stocktake')),
      quantity integer not null,
      stock_after integer not null check (stock_after >= 0),
      reason text check (length(reason) <= 200),
      donation_id text references market_donation (id),
      redemption_id text references market_redemption (id),
      actor_id text not null,
      actor_name text not null,
      at timestamptz not null default now(),
      check (quantity <> 0 or kind = 'stocktake')
    )`.execute(db);
  await sql`create index market_stock_movement_item_idx on market_stock_movement (item_id, at)`.execute(db);
  await sql`create index market_stock_movement_market_idx on market_stock_movement (market_id, at)`.execute(
    db,
  );
  await sql`
    create function market_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are append-only', tg_table_name using errcode = 'integrity_constraint_violation';
    end $$`.execute(db);
  await sql`
    create trigger market_stock_movement_append_only before update or delete on market_stock_movement
    for each row execute function market_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table market_stock_movement`.execute(db);
  await sql`drop function market_append_only`.execute(db);
  await sql`drop table market_redemption_line`.execute(db);
  await sql`drop table market_redemption`.execute(db);
  await sql`drop table market_donation`.execute(db);
  await sql`drop table market_item`.execute(db);
  await sql`drop table market`.execute(db);
}
