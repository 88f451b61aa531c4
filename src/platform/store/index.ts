// Persistent state: the Store interface, its migrations, the SQLite implementation and retention.
export type {
  ActionStore,
  AlertQuery,
  AlertStore,
  AssetStore,
  EventQuery,
  EventStore,
  IncidentQuery,
  IncidentStore,
  Page,
  QuarantineStore,
  StateStore,
  Store,
} from './store.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { storeMigrations, type StoreDialect } from './schema/migrations.js';
export type { Database } from './schema/database.js';
export { startRetention, sweepEvents, type RetentionOptions } from './retention-job.js';
export { PostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
