// The scale-out Store on PostgreSQL: the same kysely tables and migrations as SQLite, with events
// in day partitions (event-partitions.ts) and a pooled connection per query.
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { storeOpenFailed } from '../errors.js';
import { KyselyActionStore } from '../kysely/action-table.js';
import { KyselyAlertStore } from '../kysely/alert-table.js';
import { KyselyAssetStore } from '../kysely/asset-table.js';
import { KyselyIncidentStore } from '../kysely/incident-table.js';
import { KyselyQuarantineStore } from '../kysely/quarantine-table.js';
import { KyselyStateStore } from '../kysely/state-table.js';
import type { Database } from '../schema/database.js';
import { storeMigrations } from '../schema/migrations.js';
import type { Store } from '../store.js';
import { EventPartitions } from './event-partitions.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { createPool, redactedUrl } from './postgres-pool.js';

/** Advisory lock key held while migrating ("cgmi" in ASCII). */
const MIGRATION_LOCK = 0x63676d69;

/** Options of the PostgreSQL store. */
export interface PostgresStoreOptions {
  /** e.g. `postgres://cityguard@db.city.local:5432/cityguard`. */
  url: string;
  /** Schema holding the tables, created when missing; the connection's default (`public`) when absent. */
  schema?: string;
  /** Most pooled connections (default 10). */
  poolSize?: number;
  /** Day partitions made ahead of today (default 3). */
  partitionAheadDays?: number;
  /** Past days that still get their own partition when events for them arrive (default 31); older go to the default partition. */
  partitionBehindDays?: number;
  /** Clock for the partition window, in ms since the epoch (default `Date.now`). */
  now?: () => number;
}

/** Store on PostgreSQL. Call `migrate()` (or use `open`) before use. */
export class PostgresStore implements Store {
  readonly assets: KyselyAssetStore;
  readonly events: PostgresEventStore;
  readonly alerts: KyselyAlertStore;
  readonly incidents: KyselyIncidentStore;
  readonly quarantine: KyselyQuarantineStore;
  readonly actions: KyselyActionStore;
  readonly state: KyselyStateStore;
  /** Day partitions of the events table. */
  readonly partitions: EventPartitions;
  private readonly db: Kysely<Database>;

  constructor(private readonly options: PostgresStoreOptions) {
    const pool = createPool(options.url, options.schema, options.poolSize ?? 10);
    this.db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    this.partitions = new EventPartitions(this.db, {
      aheadDays: options.partitionAheadDays ?? 3,
      behindDays: options.partitionBehindDays ?? 31,
      now: options.now ?? Date.now,
    });
    this.assets = new KyselyAssetStore(this.db);
    this.alerts = new KyselyAlertStore(this.db);
    this.incidents = new KyselyIncidentStore(this.db);
    this.quarantine = new KyselyQuarantineStore(this.db);
    this.actions = new KyselyActionStore(this.db);
    this.state = new KyselyStateStore(this.db);
    this.events = new PostgresEventStore(this.db, this.partitions);
  }

  /** Connects, brings the schema up to date and prepares today's and the next days' partitions. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async migrate(): Promise<void> {
    const { schema } = this.options;
    try {
      // Workers starting together against a new database would race on `create ... if not exists`
      // (kysely creates its own tables before taking its lock): one session lock serialises them.
      await this.db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
        try {
          if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(conn);
          const migrator = new Migrator({ db: conn, provider: storeMigrations('postgres'), ...(schema !== undefined ? { migrationTableSchema: schema } : {}) });
          const { error } = await migrator.migrateToLatest();
          if (error) throw error;
        } finally {
          await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
        }
      });
      await this.partitions.days();
      await this.partitions.ensureAhead();
    } catch (error) {
      throw storeOpenFailed(redactedUrl(this.options.url), error);
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
