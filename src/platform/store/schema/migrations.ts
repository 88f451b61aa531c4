// The store's migrations as code, in order. Kysely's Migrator applies the ones not yet recorded;
// the same list serves SQLite and PostgreSQL (each migration adapts to the dialect it is given).
import type { Migration, MigrationProvider } from 'kysely';
import type { StoreDialect } from './database.js';
import { initialMigration } from './migration-001-initial.js';
import { eventsByAssetTypeMigration } from './migration-002-events-by-asset-type.js';

export type { StoreDialect };

/** Migrations by name; names sort in the order they must run. */
export function storeMigrations(dialect: StoreDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return { '001-initial': initialMigration(dialect), '002-events-by-asset-type': eventsByAssetTypeMigration };
    },
  };
}
