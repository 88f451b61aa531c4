// Runs the Store contract against PostgresStore on the real server (the `test` database on
// 127.0.0.1:5432), each store in its own schema under a prefix unique to this run, all dropped
// afterwards; plus what only PostgreSQL does: day partitions, whole-partition retention, the
// default partition for stray timestamps, and several processes writing at once.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore, type PostgresStoreOptions } from '../../src/platform/store/index.js';
import { SERVICES, servicesAvailable } from '../support/services.js';
import { storeContract } from './store.contract.js';
import { alert, telemetry } from './store-fixtures.js';

const pgUp = await servicesAvailable('postgres');
const run = `cg_test_${process.pid}_${Date.now().toString(36)}`;
const DAY = 86_400_000;
const D = Date.UTC(2030, 0, 15); // a fixed "today" for the partition window
let n = 0;

function open(o: Partial<PostgresStoreOptions> = {}, schema = `${run}_${++n}`): Promise<PostgresStore> {
  return PostgresStore.open({ url: SERVICES.postgres.url, schema, ...o });
}

/** Runs one query in a store's schema, for looking at what the store made. */
async function inSchema<R extends pg.QueryResultRow>(schema: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: SERVICES.postgres.url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (!pgUp) return;
  const client = new pg.Client({ connectionString: SERVICES.postgres.url });
  await client.connect();
  const { rows } = await client.query<{ nspname: string }>('select nspname from pg_namespace where nspname like $1', [`${run}%`]);
  for (const { nspname } of rows) await client.query(`drop schema "${nspname}" cascade`);
  await client.end();
});

if (pgUp) storeContract('PostgresStore', () => open());

describe.skipIf(!pgUp)('PostgresStore on day partitions', () => {
  it('puts events of recent days in their own partitions, made ahead of time, and pages across them', async () => {
    const schema = `${run}_days`;
    const s = await open({ now: () => D + 3_600_000 }, schema);
    expect((await s.partitions.days()).map((d) => d * DAY)).toEqual([D, D + DAY, D + 2 * DAY, D + 3 * DAY]);
    await s.events.insertMany([telemetry('old', D - 2 * DAY + 5), telemetry('today', D + 10), telemetry('tomorrow', D + DAY + 10)]);
    expect((await s.partitions.days()).map((d) => d * DAY)).toContain(D - 2 * DAY);
    const where = await inSchema<{ part: string; id: string }>(schema, 'select tableoid::regclass::text as part, id from events order by ts');
    expect(where).toEqual([
      { part: 'events_20300113', id: 'old' },
      { part: 'events_20300115', id: 'today' },
      { part: 'events_20300116', id: 'tomorrow' },
    ]);
    const first = await s.events.query({ limit: 2 });
    const second = await s.events.query({ limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(['tomorrow', 'today', 'old']);
    await s.close();
  });

  it('indexes every partition for the API\'s queries by time, asset, type and district', async () => {
    const schema = `${run}_idx`;
    const s = await open({ now: () => D }, schema);
    const rows = await inSchema<{ indexdef: string }>(schema, "select indexdef from pg_indexes where schemaname = current_schema() and tablename = 'events_20300115'");
    const defs = rows.map((r) => r.indexdef.replace(/^.* USING btree /, '')).sort();
    expect(defs).toEqual(['(asset_id, ts)', '(asset_id, type, ts)', '(district, ts)', '(id, ts)', '(ts, seq)', '(type, ts)']);
    await s.close();
  });

  it('retention drops whole day partitions, deletes older rows of the boundary day and counts exactly', async () => {
    const schema = `${run}_ret`;
    const s = await open({ now: () => D }, schema);
    const events = [
      ...Array.from({ length: 5 }, (_, i) => telemetry(`d5-${i}`, D - 5 * DAY + i)),
      ...Array.from({ length: 4 }, (_, i) => telemetry(`d4-${i}`, D - 4 * DAY + i)),
      ...Array.from({ length: 6 }, (_, i) => telemetry(`d1-${i}`, D - DAY + i * 3_600_000)),
      telemetry('today', D + 1),
    ];
    await s.events.insertMany(events);
    const cutoff = D - DAY + 2 * 3_600_000 + 1; // after the first three events of day D-1
    expect(await s.events.deleteOlderThan(cutoff)).toBe(5 + 4 + 3);
    const days = (await s.partitions.days()).map((d) => d * DAY);
    expect(days).not.toContain(D - 5 * DAY);
    expect(days).not.toContain(D - 4 * DAY);
    expect(days).toContain(D - DAY);
    expect(await s.events.count()).toBe(4);
    expect(await s.events.deleteOlderThan(cutoff)).toBe(0);
    await s.close();
  });

  it('keeps a stray timestamp in the default partition and moves it when its day gets a partition', async () => {
    const schema = `${run}_stray`;
    let now = D;
    const s = await open({ now: () => now }, schema);
    await s.events.insertMany([telemetry('far-ahead', D + 10 * DAY), telemetry('ancient', 1000)]);
    expect((await s.partitions.days()).map((d) => d * DAY)).not.toContain(D + 10 * DAY);
    now = D + 9 * DAY;
    await s.events.insertMany([telemetry('on-time', D + 10 * DAY + 5)]);
    const where = await inSchema<{ part: string; id: string }>(schema, 'select tableoid::regclass::text as part, id from events order by ts');
    expect(where).toEqual([
      { part: 'events_default', id: 'ancient' },
      { part: 'events_20300125', id: 'far-ahead' },
      { part: 'events_20300125', id: 'on-time' },
    ]);
    expect(await s.events.count()).toBe(3);
    await s.close();
  });

  it('lets several processes create the same day and insert the same alert at once: one partition, one alert', async () => {
    const schema = `${run}_race`;
    const stores = await Promise.all([open({ now: () => D }, schema), open({ now: () => D }, schema), open({ now: () => D }, schema)]);
    const day = D + 20 * DAY;
    const later = () => D + 19 * DAY;
    const racers = await Promise.all(stores.map((_, i) => open({ now: later }, schema).then(async (s) => {
      await s.events.insertMany([telemetry(`e${i}`, day + i), telemetry('shared', day)]);
      return s;
    })));
    const inserted = await Promise.all(stores.map((s, i) => s.alerts.insert(alert(`a${i}`, day, 'rule-x|br-1|window-1'))));
    expect(inserted.filter(Boolean)).toHaveLength(1);
    expect(await stores[0]!.events.count()).toBe(4);
    expect((await stores[0]!.partitions.days()).filter((d) => d * DAY === day)).toHaveLength(1);
    await Promise.all([...stores, ...racers].map((s) => s.close()));
  });

  it('fails with CG_STORE_OPEN_FAILED for a bad schema name or an unreachable server, never showing the password', async () => {
    await expect(open({}, 'Robert"); drop table x;--')).rejects.toMatchObject({ code: 'CG_STORE_OPEN_FAILED' });
    const failure = PostgresStore.open({ url: 'postgres://cityguard:s3cret@127.0.0.1:1/test' });
    await expect(failure).rejects.toMatchObject({ code: 'CG_STORE_OPEN_FAILED' });
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});
