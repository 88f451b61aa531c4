// The events table on PostgreSQL: declaratively range-partitioned by day on `ts` (ms since the
// epoch). Partitions are created by the store as days arrive (src/platform/store/postgres) and
// dropped whole by retention; a default partition takes events outside the window kept in day
// partitions (replayed captures from years ago, clocks far ahead), so no insert ever fails.
// A unique key on a partitioned table must hold the partition key, so an event id is unique per
// timestamp: a redelivered event (same id, same ts) is still stored once.
import { sql, type Kysely } from 'kysely';

/** Creates the partitioned events table, its default partition and the indexes the API queries use. */
// Kysely<any>: migrations run against whatever schema state they find.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createPostgresEvents(db: Kysely<any>): Promise<void> {
  await sql`create sequence events_seq as bigint`.execute(db);
  await sql`
    create table events (
      seq bigint not null default nextval('events_seq'),
      id text not null,
      ts bigint not null,
      received_ts bigint not null,
      type text not null,
      source text not null,
      asset_id text,
      district text,
      body text not null,
      primary key (ts, seq),
      unique (id, ts)
    ) partition by range (ts)`.execute(db);
  await sql`alter sequence events_seq owned by events.seq`.execute(db);
  await sql`create table events_default partition of events default`.execute(db);
  // Newest-first keyset paging uses the primary key (ts, seq); the filters each have their own.
  await sql`create index events_by_asset on events (asset_id, ts)`.execute(db);
  await sql`create index events_by_type on events (type, ts)`.execute(db);
  await sql`create index events_by_district on events (district, ts)`.execute(db);
}
