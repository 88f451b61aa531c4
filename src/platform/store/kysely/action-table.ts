// Response actions in SQL: upserted as they move through approval and execution.
import type { Kysely } from 'kysely';
import type { Action } from '../../../domain/index.js';
import type { Database } from '../schema/database.js';
import type { ActionStore, Page } from '../store.js';
import { olderThanCursor, pageLimit, toPage } from './paging.js';

/** ActionStore over any kysely dialect. */
export class KyselyActionStore implements ActionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(action: Action): Promise<void> {
    const row = { id: action.id, incident_id: action.incidentId ?? null, status: action.status, requested_ts: action.requestedTs, body: JSON.stringify(action) };
    await this.db
      .insertInto('actions')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ incident_id: row.incident_id, status: row.status, requested_ts: row.requested_ts, body: row.body }))
      .execute();
  }

  async get(id: string): Promise<Action | undefined> {
    const row = await this.db.selectFrom('actions').select('body').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.body) as Action) : undefined;
  }

  async list(q: { incidentId?: string; status?: Action['status']; limit?: number; cursor?: string }): Promise<Page<Action>> {
    const limit = pageLimit(q.limit);
    let sel = this.db.selectFrom('actions').select(['id', 'requested_ts', 'body']);
    if (q.incidentId !== undefined) sel = sel.where('incident_id', '=', q.incidentId);
    if (q.status !== undefined) sel = sel.where('status', '=', q.status);
    const after = olderThanCursor(q.cursor, 'requested_ts', 'id', 'string');
    if (after) sel = sel.where(after);
    const rows = await sel.orderBy('requested_ts', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (r) => [Number(r.requested_ts), r.id], (r) => JSON.parse(r.body) as Action);
  }
}
