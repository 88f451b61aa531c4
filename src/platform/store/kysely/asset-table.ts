// Assets in SQL: upserted from the city file or discovery, listed with simple filters.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Asset } from '../../../domain/index.js';
import type { Database } from '../schema/database.js';
import type { AssetStore } from '../store.js';

/** AssetStore over any kysely dialect. */
export class KyselyAssetStore implements AssetStore {
  constructor(private readonly db: Kysely<Database>) {}

  async upsertMany(assets: readonly Asset[]): Promise<void> {
    if (assets.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      for (const a of assets) {
        const row = { id: a.id, kind: a.kind, district: a.district, zone: a.zone, name: a.name, body: JSON.stringify(a) };
        await tx
          .insertInto('assets')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet({ kind: row.kind, district: row.district, zone: row.zone, name: row.name, body: row.body }))
          .execute();
      }
    });
  }

  async get(id: string): Promise<Asset | undefined> {
    const row = await this.db.selectFrom('assets').select('body').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.body) as Asset) : undefined;
  }

  async list(filter: { kind?: string; district?: string; zone?: string; search?: string } = {}): Promise<Asset[]> {
    let q = this.db.selectFrom('assets').select('body').orderBy('id');
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.district) q = q.where('district', '=', filter.district);
    if (filter.zone) q = q.where('zone', '=', filter.zone);
    if (filter.search) {
      const like = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql<SqlBool>`(lower(id) like ${like} escape '\\' or lower(name) like ${like} escape '\\')`);
    }
    return (await q.execute()).map((r) => JSON.parse(r.body) as Asset);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('assets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
