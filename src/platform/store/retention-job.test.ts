import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/index.js';
import { startRetention, sweepEvents } from './retention-job.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

const ev = (id: string, ts: number) => ({ id, ts, receivedTs: ts, source: 'mqtt' as const, type: 'telemetry' as const, assetId: 'a', metrics: {} });

describe('event retention', () => {
  it('deletes only events older than the maximum age on each period', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const clock = new ManualClock(10_000);
    await store.events.insertMany([ev('old', 1_000), ev('edge', 5_000), ev('new', 9_000)]);
    const swept: unknown[] = [];
    const job = startRetention(store.events, clock, { maxAgeMs: 5_000, everyMs: 1_000, onSwept: (r) => swept.push(r) });
    clock.advance(1_000);
    while (swept.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(swept[0]).toEqual({ deleted: 2, cutoffTs: 6_000 });
    expect((await store.events.query({})).items.map((e) => e.id)).toEqual(['new']);
    job.cancel();
    expect(await sweepEvents(store.events, clock, 0)).toEqual({ deleted: 1, cutoffTs: 11_000 });
    await store.close();
  });
});
