import { type Kysely, sql } from 'kysely';

// The social-organizations registry (issue #4, R2.1). The lifecycle state moves only through the
// workflow mechanism (organization.lifecycle in workflow_history). The contact phone is sealed with a
// keyed blind index like residents' phones. A legacy credit code that fails the check character is
// kept only with the district's recorded manual verification (uscc_manual_check).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table organization (
      id text primary key,
      name text not null check (length(name) between 2 and 100),
      kind text not null
        check (kind in ('social_group', 'private_non_enterprise', 'foundation', 'community_org')),
      state text not null check (state in ('applied', 'returned', 'active', 'suspended', 'deregistered')),
      uscc text unique check (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
      uscc_manual_check jsonb,
      registration_authority text check (length(registration_authority) <= 100),
      registered_on date,
      filed_on date,
      legal_rep_name text check (length(legal_rep_name) <= 50),
      contact_phone_sealed text,
      contact_phone_index text,
      address text check (length(address) <= 200),
      division_code text not null references division (code) on update cascade
        check (length(division_code) in (9, 12)),
      fields text[] not null default '{}',
      category text not null,
      service_area text check (length(service_area) <= 200),
      staff_count integer not null default 0 check (staff_count >= 0),
      volunteer_count integer not null default 0 check (volunteer_count >= 0),
      venue text not null default 'none' check (venue in ('owns', 'shared', 'none')),
      grade text check (grade in ('1A', '2A', '3A', '4A', '5A')),
      tags text[] not null default '{}',
      from_outside boolean not null default false,
      description text check (length(description) <= 2000),
      search_bigrams text[] generated always as (
        linli_bigrams(name) || linli_bigrams(coalesce(description, ''))
      ) stored,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((contact_phone_sealed is null) = (contact_phone_index is null))
    )`.execute(db);
  await sql`create index organization_scope_idx on organization (division_code text_pattern_ops)`.execute(db);
  await sql`create index organization_kind_idx on organization (kind, state)`.execute(db);
  await sql`create index organization_state_idx on organization (state)`.execute(db);
  await sql`create index organization_category_idx on organization (category)`.execute(db);
  await sql`create index organization_grade_idx on organization (grade)`.execute(db);
  await sql`create index organization_outside_idx on organization (from_outside)`.execute(db);
  await sql`create index organization_venue_idx on organization (venue)`.execute(db);
  await sql`create index organization_fields_idx on organization using gin (fields)`.execute(db);
  await sql`create index organization_tags_idx on organization using gin (tags)`.execute(db);
  await sql`create index organization_phone_idx on organization (contact_phone_index)`.execute(db);
  // Two-character words (养老, 儿童) are found through character pairs of name and description.
  await sql`create index organization_search_idx on organization using gin (search_bigrams)`.execute(db);
  await sql`create index organization_name_trgm_idx on organization using gin (name gin_trgm_ops)`.execute(
    db,
  );

  // Funding by year and source (R6.2), in fen so sums are exact.
  await sql`
    create table organization_funding (
      organization_id text not null references organization (id) on delete cascade,
      year integer not null check (year between 1990 and 2100),
      source text not null
        check (source in ('government_purchase', 'grants', 'donations', 'fees', 'other')),
      amount_fen bigint not null check (amount_fen >= 0),
      primary key (organization_id, year, source)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table organization_funding`.execute(db);
  await sql`drop table organization`.execute(db);
}
