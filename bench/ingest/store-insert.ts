// Event inserts into SQLite three ways, same process, same data: kysely's query builder (the
// baseline), one prepared better-sqlite3 statement on the calling thread, and the same statement on
// the worker thread the store uses by default. Reports rows/s and main-thread CPU per row.
//   npx tsx bench/ingest/store-insert.ts [--rows 200000] [--batch 2000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Event } from '../../src/domain/index.js';
import { SqliteStore, storeMigrations, type Database } from '../../src/platform/store/index.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const rows = opt('rows', 200_000);
const batch = opt('batch', 2000);

function batches(): Event[][] {
  const out: Event[][] = [];
  for (let b = 0; b < rows / batch; b++) {
    out.push(
      Array.from({ length: batch }, (_, i) => {
        const n = b * batch + i;
        return {
          id: `bench-${n.toString(36)}`, ts: 1.7e12 + n, receivedTs: 1.7e12 + n + 2, source: 'mqtt', type: 'telemetry',
          assetId: `dev-${String(n % 10_000).padStart(6, '0')}`, district: 'north', seq: n,
          metrics: { closed: true, current_a: 300 + (n % 10), voltage_kv: 10.5, load_mw: 4.2 },
        } satisfies Event;
      }),
    );
  }
  return out;
}

async function timed(name: string, insert: (events: Event[]) => Promise<void>): Promise<{ name: string; rowsPerS: number; mainCpuUsPerRow: number }> {
  const data = batches();
  // Event-loop utilisation counts the time the main thread was busy, not the worker's.
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  for (const events of data) await insert(events);
  const seconds = (performance.now() - t0) / 1000;
  const elu = performance.eventLoopUtilization(elu0);
  return { name, rowsPerS: rows / seconds, mainCpuUsPerRow: (elu.active * 1000) / rows };
}

const dir = mkdtempSync(join(tmpdir(), 'cityguard-store-bench-'));
const results = [];
{
  const sqlite = new BetterSqlite3(join(dir, 'kysely.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await new Migrator({ db, provider: storeMigrations('sqlite') }).migrateToLatest();
  // What the store's generic kysely code does: multi-row inserts of 500 inside one transaction.
  const insert = (events: Event[]) =>
    db.transaction().execute(async (tx) => {
      for (let i = 0; i < events.length; i += 500) {
        const values = events.slice(i, i + 500).map((e) => ({
          id: e.id, ts: e.ts, received_ts: e.receivedTs, type: e.type, source: e.source, asset_id: e.assetId ?? null, district: e.district ?? null, body: JSON.stringify(e),
        }));
        await tx.insertInto('events').values(values).onConflict((oc) => oc.column('id').doNothing()).execute();
      }
    });
  results.push(await timed('kysely insert (baseline)', insert));
  await db.destroy();
}
for (const eventWriter of ['inline', 'thread'] as const) {
  const store = await SqliteStore.open({ path: join(dir, `${eventWriter}.db`), eventWriter });
  results.push(await timed(`prepared statement, ${eventWriter === 'inline' ? 'calling thread' : 'worker thread'}`, (e) => store.events.insertMany(e)));
  await store.close();
}
rmSync(dir, { recursive: true, force: true });
const base = results[0]!.rowsPerS;
console.log(`${rows} rows in batches of ${batch}`);
for (const r of results) {
  console.log(`| ${r.name} | ${Math.round(r.rowsPerS).toLocaleString('en-US')} rows/s | ${(r.rowsPerS / base).toFixed(2)}× | ${r.mainCpuUsPerRow.toFixed(1)} µs main-thread busy/row |`);
}
