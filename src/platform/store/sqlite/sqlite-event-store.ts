// The SQLite event table on the hot path: batched inserts through one prepared statement inside one
// transaction, with better-sqlite3 directly (about 1.3× kysely's multi-row inserts), on a worker
// thread when the store is a file, which takes ~90 % of the insert work off the main thread
// (bench/ingest/store-insert.ts, RESULTS.md). Reads and retention stay on the shared kysely code.
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Event } from '../../../domain/index.js';
import type { Database } from '../schema/database.js';
import { KyselyEventStore } from '../kysely/event-table.js';
import type { SqliteEventWriterThread } from './sqlite-event-writer-thread.js';

/** EventStore on SQLite with a prepared-statement batch insert. */
export class SqliteEventStore extends KyselyEventStore {
  private insertBatch: ((events: readonly Event[]) => void) | undefined;

  constructor(
    db: Kysely<Database>,
    private readonly sqlite: SqliteDatabase,
    private readonly thread?: SqliteEventWriterThread,
  ) {
    super(db);
  }

  override async insertMany(events: readonly Event[]): Promise<void> {
    if (events.length === 0) return;
    if (this.thread) return this.thread.insert(events);
    // Prepared on first use: the table exists only once the store has migrated.
    this.insertBatch ??= this.prepareBatch();
    this.insertBatch(events);
  }

  private prepareBatch(): (events: readonly Event[]) => void {
    const stmt: Statement = this.sqlite.prepare(
      'insert or ignore into events (id, ts, received_ts, type, source, asset_id, district, body) values (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    return this.sqlite.transaction((events: readonly Event[]) => {
      for (const e of events) {
        stmt.run(e.id, e.ts, e.receivedTs, e.type, e.source, e.assetId ?? null, e.district ?? null, JSON.stringify(e));
      }
    });
  }
}
