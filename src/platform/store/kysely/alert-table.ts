// Alerts in SQL: unique by dedupKey so a redelivered event never raises the same alert twice.
import type { Kysely } from 'kysely';
import type { Alert } from '../../../domain/index.js';
import type { AlertRow, Database } from '../schema/database.js';
import type { AlertQuery, AlertStore, Page } from '../store.js';
import { olderThanCursor, pageLimit, toPage } from './paging.js';

type AlertFilter = Pick<AlertQuery, 'fromTs' | 'toTs' | 'assetId' | 'severity' | 'incidentId'>;

function toAlert(row: Pick<AlertRow, 'body' | 'incident_id'>): Alert {
  const alert = JSON.parse(row.body) as Alert;
  if (row.incident_id !== null) alert.incidentId = row.incident_id;
  return alert;
}

/** AlertStore over any kysely dialect. */
export class KyselyAlertStore implements AlertStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(alert: Alert): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const { incidentId, ...body } = alert;
      const result = await tx
        .insertInto('alerts')
        .values({ id: alert.id, dedup_key: alert.dedupKey, ts: alert.ts, severity: alert.severity, incident_id: incidentId ?? null, body: JSON.stringify(body) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
      const assets = [...new Set(alert.assetIds)];
      if (assets.length > 0) await tx.insertInto('alert_assets').values(assets.map((asset_id) => ({ alert_id: alert.id, asset_id }))).execute();
      return true;
    });
  }

  async get(id: string): Promise<Alert | undefined> {
    const row = await this.db.selectFrom('alerts').select(['body', 'incident_id']).where('id', '=', id).executeTakeFirst();
    return row ? toAlert(row) : undefined;
  }

  async list(q: AlertQuery): Promise<Page<Alert>> {
    const limit = pageLimit(q.limit);
    let sel = this.filtered(q).select(['id', 'ts', 'body', 'incident_id']);
    const after = olderThanCursor(q.cursor, 'ts', 'id', 'string');
    if (after) sel = sel.where(after);
    const rows = await sel.orderBy('ts', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (r) => [Number(r.ts), r.id], toAlert);
  }

  async setIncident(alertId: string, incidentId: string): Promise<void> {
    await this.db.updateTable('alerts').set({ incident_id: incidentId }).where('id', '=', alertId).execute();
  }

  async count(q: Pick<AlertQuery, 'fromTs' | 'toTs'> = {}): Promise<number> {
    const row = await this.filtered(q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Alerts matching the filters; severity is an exact match, `toTs` exclusive. */
  private filtered(q: AlertFilter) {
    let sel = this.db.selectFrom('alerts');
    if (q.fromTs !== undefined) sel = sel.where('ts', '>=', q.fromTs);
    if (q.toTs !== undefined) sel = sel.where('ts', '<', q.toTs);
    if (q.severity !== undefined) sel = sel.where('severity', '=', q.severity);
    if (q.incidentId !== undefined) sel = sel.where('incident_id', '=', q.incidentId);
    if (q.assetId !== undefined) {
      const assetId = q.assetId;
      sel = sel.where('id', 'in', (eb) => eb.selectFrom('alert_assets').select('alert_id').where('asset_id', '=', assetId));
    }
    return sel;
  }
}
