// The PostgreSQL event table on the hot path: a batch goes in as one INSERT ... SELECT FROM unnest()
// of column arrays (eight parameters whatever the batch size), after its day partitions exist.
// Retention drops whole day partitions, then deletes the remaining older rows in small chunks.
import { sql, type Kysely } from 'kysely';
import type { Event } from '../../../domain/index.js';
import { KyselyEventStore } from '../kysely/event-table.js';
import type { Database } from '../schema/database.js';
import type { EventPartitions } from './event-partitions.js';

/** Rows per INSERT statement; bigger batches run as several statements in one transaction. */
const INSERT_CHUNK = 5000;
/** Rows per DELETE statement for what retention cannot drop as a whole partition. */
const DELETE_CHUNK = 5000;

/** EventStore on PostgreSQL day partitions. */
export class PostgresEventStore extends KyselyEventStore {
  constructor(
    db: Kysely<Database>,
    private readonly partitions: EventPartitions,
  ) {
    super(db);
  }

  override async insertMany(events: readonly Event[]): Promise<void> {
    if (events.length === 0) return;
    await this.partitions.ensureFor(events.map((e) => e.ts));
    if (events.length <= INSERT_CHUNK) return this.insertChunk(this.db, events);
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < events.length; i += INSERT_CHUNK) await this.insertChunk(tx, events.slice(i, i + INSERT_CHUNK));
    });
  }

  override async deleteOlderThan(ts: number): Promise<number> {
    let total = await this.partitions.dropEndingBy(ts);
    for (;;) {
      const result = await sql`
        delete from events where (ts, seq) in (select ts, seq from events where ts < ${ts} limit ${DELETE_CHUNK})`.execute(this.db);
      const n = Number(result.numAffectedRows ?? 0n);
      total += n;
      if (n < DELETE_CHUNK) break;
    }
    // Retention runs periodically, which makes it the place where partitions are prepared ahead.
    await this.partitions.ensureAhead();
    return total;
  }

  private async insertChunk(db: Kysely<Database>, events: readonly Event[]): Promise<void> {
    const n = events.length;
    const [id, ts, received, type, source, asset, district, body] = [
      new Array<string>(n), new Array<number>(n), new Array<number>(n), new Array<string>(n),
      new Array<string>(n), new Array<string | null>(n), new Array<string | null>(n), new Array<string>(n),
    ];
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      id[i] = e.id;
      ts[i] = e.ts;
      received[i] = e.receivedTs;
      type[i] = e.type;
      source[i] = e.source;
      asset[i] = e.assetId ?? null;
      district[i] = e.district ?? null;
      body[i] = JSON.stringify(e);
    }
    await sql`
      insert into events (id, ts, received_ts, type, source, asset_id, district, body)
      select * from unnest(${id}::text[], ${ts}::int8[], ${received}::int8[], ${type}::text[], ${source}::text[],
                           ${asset}::text[], ${district}::text[], ${body}::text[])
      on conflict (id, ts) do nothing`.execute(db);
  }
}
