// Quarantined input in SQL: kept with its reason, listed newest first, counted by reason.
import type { Kysely } from 'kysely';
import type { QuarantineItem, QuarantineReason } from '../../../domain/index.js';
import type { Database } from '../schema/database.js';
import type { Page, QuarantineStore } from '../store.js';
import { olderThanCursor, pageLimit, toPage } from './paging.js';

/** QuarantineStore over any kysely dialect. */
export class KyselyQuarantineStore implements QuarantineStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(item: QuarantineItem): Promise<void> {
    await this.db
      .insertInto('quarantine')
      .values({ id: item.id, ts: item.ts, reason: item.reason, source: item.source, body: JSON.stringify(item) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** Inserts several items in one transaction (the ingest quarantine flushes in batches). */
  async insertMany(items: readonly QuarantineItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < items.length; i += 200) {
        const rows = items.slice(i, i + 200).map((item) => ({ id: item.id, ts: item.ts, reason: item.reason, source: item.source, body: JSON.stringify(item) }));
        await tx.insertInto('quarantine').values(rows).onConflict((oc) => oc.column('id').doNothing()).execute();
      }
    });
  }

  async list(q: { reason?: QuarantineReason; limit?: number; cursor?: string }): Promise<Page<QuarantineItem>> {
    const limit = pageLimit(q.limit);
    let sel = this.db.selectFrom('quarantine').select(['seq', 'body']);
    if (q.reason !== undefined) sel = sel.where('reason', '=', q.reason);
    // Quarantine pages by insertion order: seq alone is the key, carried in the cursor's first slot.
    const after = olderThanCursor(q.cursor, 'seq', 'seq', 'number');
    if (after) sel = sel.where(after);
    const rows = await sel.orderBy('seq', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (r) => [Number(r.seq), Number(r.seq)], (r) => JSON.parse(r.body) as QuarantineItem);
  }

  async countByReason(): Promise<Partial<Record<QuarantineReason, number>>> {
    const rows = await this.db
      .selectFrom('quarantine')
      .select(['reason', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('reason')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)])) as Partial<Record<QuarantineReason, number>>;
  }
}
