// Events in SQL: filtered, newest-first pages and retention. Inserts here go through kysely in one
// transaction; the SQLite store replaces them with a prepared statement on the hot path.
import type { Insertable, Kysely, SelectQueryBuilder } from 'kysely';
import type { Event } from '../../../domain/index.js';
import type { Database, EventRow } from '../schema/database.js';
import type { EventQuery, EventStore, Page } from '../store.js';
import { olderThanCursor, pageLimit, toPage } from './paging.js';

/** The row an event is stored as. */
export function eventRow(e: Event): Insertable<EventRow> {
  return {
    id: e.id,
    ts: e.ts,
    received_ts: e.receivedTs,
    type: e.type,
    source: e.source,
    asset_id: e.assetId ?? null,
    district: e.district ?? null,
    body: JSON.stringify(e),
  };
}

/** Rows deleted per statement by retention, so one sweep never holds the writer for long. */
const DELETE_CHUNK = 5000;

/** EventStore over any kysely dialect. */
export class KyselyEventStore implements EventStore {
  constructor(protected readonly db: Kysely<Database>) {}

  async insertMany(events: readonly Event[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < events.length; i += 500) {
        const rows = events.slice(i, i + 500).map(eventRow);
        await tx.insertInto('events').values(rows).onConflict((oc) => oc.column('id').doNothing()).execute();
      }
    });
  }

  async query(q: EventQuery): Promise<Page<Event>> {
    const limit = pageLimit(q.limit);
    let sel = this.filtered(q).select(['seq', 'ts', 'body']);
    const after = olderThanCursor(q.cursor, 'ts', 'seq', 'number');
    if (after) sel = sel.where(after);
    const rows = await sel.orderBy('ts', 'desc').orderBy('seq', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (r) => [Number(r.ts), Number(r.seq)], (r) => JSON.parse(r.body) as Event);
  }

  async count(q: Pick<EventQuery, 'fromTs' | 'toTs' | 'type' | 'assetId'> = {}): Promise<number> {
    const row = await this.filtered(q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async deleteOlderThan(ts: number): Promise<number> {
    let total = 0;
    for (;;) {
      const doomed = this.db.selectFrom('events').select('seq').where('ts', '<', ts).limit(DELETE_CHUNK);
      const result = await this.db.deleteFrom('events').where('seq', 'in', doomed).executeTakeFirst();
      const n = Number(result.numDeletedRows);
      total += n;
      if (n < DELETE_CHUNK) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Events matching the query's filters (`fromTs` inclusive, `toTs` exclusive). */
  private filtered(q: EventQuery): SelectQueryBuilder<Database, 'events', object> {
    let sel = this.db.selectFrom('events');
    if (q.fromTs !== undefined) sel = sel.where('ts', '>=', q.fromTs);
    if (q.toTs !== undefined) sel = sel.where('ts', '<', q.toTs);
    if (q.assetId !== undefined) sel = sel.where('asset_id', '=', q.assetId);
    if (q.type !== undefined) sel = sel.where('type', '=', q.type);
    if (q.district !== undefined) sel = sel.where('district', '=', q.district);
    return sel;
  }
}
