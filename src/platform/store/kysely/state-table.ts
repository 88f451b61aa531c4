// Small JSON documents by namespace and key: detector snapshots, device credentials, settings.
import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import type { StateStore } from '../store.js';

/** StateStore over any kysely dialect. */
export class KyselyStateStore implements StateStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get<T>(namespace: string, key: string): Promise<T | undefined> {
    const row = await this.db.selectFrom('state').select('value').where('namespace', '=', namespace).where('key', '=', key).executeTakeFirst();
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async put<T>(namespace: string, key: string, value: T): Promise<void> {
    const json = JSON.stringify(value);
    await this.db
      .insertInto('state')
      .values({ namespace, key, value: json })
      .onConflict((oc) => oc.columns(['namespace', 'key']).doUpdateSet({ value: json }))
      .execute();
  }

  async delete(namespace: string, key: string): Promise<void> {
    await this.db.deleteFrom('state').where('namespace', '=', namespace).where('key', '=', key).execute();
  }

  async list<T>(namespace: string): Promise<Array<{ key: string; value: T }>> {
    const rows = await this.db.selectFrom('state').select(['key', 'value']).where('namespace', '=', namespace).orderBy('key').execute();
    return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T }));
  }
}
