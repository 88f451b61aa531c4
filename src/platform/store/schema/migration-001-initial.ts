// The first schema: every table the Store interface needs, with the indexes its queries use.
// Written with kysely's schema builder so SQLite and PostgreSQL share it; only the auto-numbered
// key differs by dialect (a rowid alias in SQLite, an identity column in PostgreSQL), and PostgreSQL
// partitions the events table by day (postgres-events.ts).
import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from './database.js';
import { createPostgresEvents } from './postgres-events.js';

/** Builds the initial migration for a dialect. */
export function initialMigration(dialect: StoreDialect): Migration {
  // Kysely<any> is what the Migration interface hands us: migrations run against any schema state.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const serial = (db: Kysely<any>, table: string) =>
    dialect === 'sqlite'
      ? db.schema.createTable(table).addColumn('seq', 'integer', (c) => c.primaryKey())
      : db.schema.createTable(table).addColumn('seq', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity());
  const ms = 'bigint';
  return {
    async up(db) {
      await db.schema
        .createTable('assets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('district', 'text', (c) => c.notNull())
        .addColumn('zone', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();

      if (dialect === 'postgres') {
        await createPostgresEvents(db);
      } else {
        await serial(db, 'events')
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('ts', ms, (c) => c.notNull())
          .addColumn('received_ts', ms, (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('asset_id', 'text')
          .addColumn('district', 'text')
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('events_by_ts').on('events').columns(['ts', 'seq']).execute();
        await db.schema.createIndex('events_by_asset').on('events').columns(['asset_id', 'ts']).execute();
        await db.schema.createIndex('events_by_type').on('events').columns(['type', 'ts']).execute();
      }

      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
        .addColumn('ts', ms, (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alerts_by_ts').on('alerts').columns(['ts', 'id']).execute();
      await db.schema.createIndex('alerts_by_incident').on('alerts').column('incident_id').execute();
      await db.schema
        .createTable('alert_assets')
        .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
        .addColumn('asset_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_assets_pk', ['asset_id', 'alert_id'])
        .execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_ts', ms, (c) => c.notNull())
        .addColumn('updated_ts', ms, (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_by_opened').on('incidents').columns(['opened_ts', 'id']).execute();

      await serial(db, 'quarantine')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('ts', ms, (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('quarantine_by_reason').on('quarantine').columns(['reason', 'seq']).execute();

      await db.schema
        .createTable('actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_ts', ms, (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('actions_by_requested').on('actions').columns(['requested_ts', 'id']).execute();

      await db.schema
        .createTable('state')
        .addColumn('namespace', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('state_pk', ['namespace', 'key'])
        .execute();
    },
    async down(db) {
      for (const t of ['state', 'actions', 'quarantine', 'incidents', 'alert_assets', 'alerts', 'events', 'assets']) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
