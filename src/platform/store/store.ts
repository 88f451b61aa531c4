// Persistent state and history. Embedded: SQLite (WAL). Scale-out: PostgreSQL.
// Both honour this contract (test/contracts/store.contract.ts); all methods are async so either fits.
import type {
  Action,
  Alert,
  Asset,
  Event,
  EventType,
  Incident,
  IncidentStatus,
  QuarantineItem,
  QuarantineReason,
  Severity,
} from '../../domain/index.js';

/** A page of results and the cursor for the next one (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface EventQuery {
  fromTs?: number;
  toTs?: number;
  assetId?: string;
  type?: EventType;
  district?: string;
  limit?: number;
  /** Opaque cursor from a previous page; results are newest first. */
  cursor?: string;
}

export interface AlertQuery {
  fromTs?: number;
  toTs?: number;
  assetId?: string;
  severity?: Severity;
  incidentId?: string;
  limit?: number;
  cursor?: string;
}

export interface IncidentQuery {
  status?: IncidentStatus;
  limit?: number;
  cursor?: string;
}

export interface AssetStore {
  upsertMany(assets: readonly Asset[]): Promise<void>;
  get(id: string): Promise<Asset | undefined>;
  list(filter?: { kind?: string; district?: string; zone?: string; search?: string }): Promise<Asset[]>;
  count(): Promise<number>;
}

export interface EventStore {
  insertMany(events: readonly Event[]): Promise<void>;
  query(q: EventQuery): Promise<Page<Event>>;
  count(q?: Pick<EventQuery, 'fromTs' | 'toTs' | 'type' | 'assetId'>): Promise<number>;
  /** Deletes events older than `ts`; returns how many went. */
  deleteOlderThan(ts: number): Promise<number>;
}

export interface AlertStore {
  /** Inserts unless an alert with the same dedupKey exists; returns whether it was new. */
  insert(alert: Alert): Promise<boolean>;
  get(id: string): Promise<Alert | undefined>;
  list(q: AlertQuery): Promise<Page<Alert>>;
  setIncident(alertId: string, incidentId: string): Promise<void>;
  count(q?: Pick<AlertQuery, 'fromTs' | 'toTs'>): Promise<number>;
}

export interface IncidentStore {
  upsert(incident: Incident): Promise<void>;
  get(id: string): Promise<Incident | undefined>;
  list(q: IncidentQuery): Promise<Page<Incident>>;
  count(q?: Pick<IncidentQuery, 'status'>): Promise<number>;
}

export interface QuarantineStore {
  insert(item: QuarantineItem): Promise<void>;
  /** Inserts several items at once (ingest flushes quarantined messages in batches). */
  insertMany(items: readonly QuarantineItem[]): Promise<void>;
  list(q: { reason?: QuarantineReason; limit?: number; cursor?: string }): Promise<Page<QuarantineItem>>;
  countByReason(): Promise<Partial<Record<QuarantineReason, number>>>;
}

export interface ActionStore {
  upsert(action: Action): Promise<void>;
  get(id: string): Promise<Action | undefined>;
  list(q: { incidentId?: string; status?: Action['status']; limit?: number; cursor?: string }): Promise<Page<Action>>;
}

/** Small JSON documents by namespace and key: detector snapshots, device credentials, settings. */
export interface StateStore {
  get<T>(namespace: string, key: string): Promise<T | undefined>;
  put<T>(namespace: string, key: string, value: T): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
  list<T>(namespace: string): Promise<Array<{ key: string; value: T }>>;
}

export interface Store {
  readonly assets: AssetStore;
  readonly events: EventStore;
  readonly alerts: AlertStore;
  readonly incidents: IncidentStore;
  readonly quarantine: QuarantineStore;
  readonly actions: ActionStore;
  readonly state: StateStore;
  /** Brings the schema up to date; safe to run on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}
