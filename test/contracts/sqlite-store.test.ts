// Runs the Store contract against SQLite files in a temporary folder, plus what only a file shows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/platform/store/index.js';
import { storeContract } from './store.contract.js';
import { telemetry } from './store-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'cityguard-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('SqliteStore (events written on a worker thread)', () => SqliteStore.open({ path: join(dir, `store-${++n}.db`) }));
storeContract('SqliteStore (events written inline)', () => SqliteStore.open({ path: join(dir, `store-${++n}.db`), eventWriter: 'inline' }));
storeContract('SqliteStore (in memory)', () => SqliteStore.open({ path: ':memory:' }));

describe('SqliteStore on disk', () => {
  it('keeps events across a close and reopen, in WAL mode', async () => {
    const path = join(dir, 'reopen', 'store.db');
    const first = await SqliteStore.open({ path });
    await first.events.insertMany([telemetry('kept', 5)]);
    await first.close();
    const second = await SqliteStore.open({ path });
    expect((await second.events.query({})).items.map((e) => e.id)).toEqual(['kept']);
    await second.close();
  });

  it('fails with CG_STORE_OPEN_FAILED when the path cannot hold a database', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => new SqliteStore({ path: join(file, 'store.db') })).toThrow(expect.objectContaining({ code: 'CG_STORE_OPEN_FAILED' }));
  });
});
