// The embedded Store: one SQLite file in WAL mode (synchronous=NORMAL: a crash may lose the last
// transactions but never corrupts the file), schema kept current by kysely's Migrator.
import BetterSqlite3, { type Database as SqliteDatabase } from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteEventWriterThread } from './sqlite-event-writer-thread.js';

/** Options of the SQLite store. */
export interface SqliteStoreOptions {
  /** Database file; `:memory:` for a throw-away store. Parent folders are created. */
  path: string;
  /** Page cache size in KiB (SQLite `cache_size`); default 64 MiB. */
  cacheKiB?: number;
  /**
   * Where event batches are inserted: `thread` (default for a file) keeps the main thread free while
   * SQLite works; `inline` inserts on the calling thread (always so for `:memory:`).
   */
  eventWriter?: 'thread' | 'inline';
}

/** Store on one SQLite file. Call `migrate()` before use. */
export class SqliteStore implements Store {
  readonly assets: KyselyAssetStore;
  readonly events: SqliteEventStore;
  readonly alerts: KyselyAlertStore;
  readonly incidents: KyselyIncidentStore;
  readonly quarantine: KyselyQuarantineStore;
  readonly actions: KyselyActionStore;
  readonly state: KyselyStateStore;
  private readonly sqlite: SqliteDatabase;
  private readonly db: Kysely<Database>;
  private thread: SqliteEventWriterThread | undefined;

  constructor(private readonly options: SqliteStoreOptions) {
    try {
      if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
      this.sqlite = new BetterSqlite3(options.path);
      this.sqlite.pragma('journal_mode = WAL');
      this.sqlite.pragma('synchronous = NORMAL');
      this.sqlite.pragma('foreign_keys = ON');
      this.sqlite.pragma('busy_timeout = 5000');
      this.sqlite.pragma(`cache_size = -${Math.max(1024, Math.floor(options.cacheKiB ?? 65536))}`);
    } catch (error) {
      throw storeOpenFailed(options.path, error);
    }
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: this.sqlite }) });
    this.assets = new KyselyAssetStore(this.db);
    this.alerts = new KyselyAlertStore(this.db);
    this.incidents = new KyselyIncidentStore(this.db);
    this.quarantine = new KyselyQuarantineStore(this.db);
    this.actions = new KyselyActionStore(this.db);
    this.state = new KyselyStateStore(this.db);
    const cacheKiB = Math.max(1024, Math.floor(options.cacheKiB ?? 65536));
    if (options.path !== ':memory:' && options.eventWriter !== 'inline') this.thread = new SqliteEventWriterThread(options.path, cacheKiB);
    this.events = new SqliteEventStore(this.db, this.sqlite, this.thread);
  }

  /** Opens the store and brings its schema up to date. */
  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    const store = new SqliteStore(options);
    await store.migrate();
    return store;
  }

  async migrate(): Promise<void> {
    const { error } = await new Migrator({ db: this.db, provider: storeMigrations('sqlite') }).migrateToLatest();
    if (error) throw storeOpenFailed(this.options.path, error);
  }

  async close(): Promise<void> {
    await this.thread?.close();
    await this.db.destroy();
  }
}
