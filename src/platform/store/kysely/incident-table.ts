// Incidents in SQL: upserted as correlation updates them, listed newest opened first.
import type { Kysely } from 'kysely';
import type { Incident } from '../../../domain/index.js';
import type { Database } from '../schema/database.js';
import type { IncidentQuery, IncidentStore, Page } from '../store.js';
import { olderThanCursor, pageLimit, toPage } from './paging.js';

/** IncidentStore over any kysely dialect. */
export class KyselyIncidentStore implements IncidentStore {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(incident: Incident): Promise<void> {
    const row = { id: incident.id, status: incident.status, opened_ts: incident.openedTs, updated_ts: incident.updatedTs, body: JSON.stringify(incident) };
    await this.db
      .insertInto('incidents')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ status: row.status, opened_ts: row.opened_ts, updated_ts: row.updated_ts, body: row.body }))
      .execute();
  }

  async get(id: string): Promise<Incident | undefined> {
    const row = await this.db.selectFrom('incidents').select('body').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.body) as Incident) : undefined;
  }

  async list(q: IncidentQuery): Promise<Page<Incident>> {
    const limit = pageLimit(q.limit);
    let sel = this.db.selectFrom('incidents').select(['id', 'opened_ts', 'body']);
    if (q.status !== undefined) sel = sel.where('status', '=', q.status);
    const after = olderThanCursor(q.cursor, 'opened_ts', 'id', 'string');
    if (after) sel = sel.where(after);
    const rows = await sel.orderBy('opened_ts', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (r) => [Number(r.opened_ts), r.id], (r) => JSON.parse(r.body) as Incident);
  }

  async count(q: Pick<IncidentQuery, 'status'> = {}): Promise<number> {
    let sel = this.db.selectFrom('incidents');
    if (q.status !== undefined) sel = sel.where('status', '=', q.status);
    const row = await sel.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
