// Row shapes of the store's tables as the query layer (kysely) sees them. Each row keeps the full
// domain object as JSON in `body` plus the columns queries filter and order on.
import type { Generated } from 'kysely';

/** SQL dialects the store runs on. */
export type StoreDialect = 'sqlite' | 'postgres';

/** An asset row. */
export interface AssetRow {
  id: string;
  kind: string;
  district: string;
  zone: string;
  name: string;
  body: string;
}

/** An event row; `seq` orders events that share a timestamp and makes cursors stable. */
export interface EventRow {
  seq: Generated<number>;
  id: string;
  ts: number;
  received_ts: number;
  type: string;
  source: string;
  asset_id: string | null;
  district: string | null;
  body: string;
}

/** An alert row; `incident_id` is kept out of `body` so linking an alert is one column update. */
export interface AlertRow {
  id: string;
  dedup_key: string;
  ts: number;
  severity: string;
  incident_id: string | null;
  body: string;
}

/** Which assets an alert names, for filtering alerts by asset. */
export interface AlertAssetRow {
  alert_id: string;
  asset_id: string;
}

/** An incident row. */
export interface IncidentRow {
  id: string;
  status: string;
  opened_ts: number;
  updated_ts: number;
  body: string;
}

/** A quarantined message. */
export interface QuarantineRow {
  seq: Generated<number>;
  id: string;
  ts: number;
  reason: string;
  source: string;
  body: string;
}

/** A response action. */
export interface ActionRow {
  id: string;
  incident_id: string | null;
  status: string;
  requested_ts: number;
  body: string;
}

/** A small JSON document by namespace and key. */
export interface StateRow {
  namespace: string;
  key: string;
  value: string;
}

/** Every table of the store. */
export interface Database {
  assets: AssetRow;
  events: EventRow;
  alerts: AlertRow;
  alert_assets: AlertAssetRow;
  incidents: IncidentRow;
  quarantine: QuarantineRow;
  actions: ActionRow;
  state: StateRow;
}
