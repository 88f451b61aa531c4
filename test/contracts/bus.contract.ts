// The Bus contract: every implementation (in-process, NATS JetStream) runs this suite through a
// factory. Assertions are about delivery, order per key, grouping, backpressure and counters —
// never speed, and never order across keys (a partitioned bus does not promise it).
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus } from '../../src/platform/bus/index.js';

/** Creates a fresh, empty bus for one test; `topic` gives each test its own topic name. */
export type BusFactory = () => Promise<Bus> | Bus;

/** A promise with its resolver outside, to hold a handler until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Resolves once `condition` holds, checking on each turn of the event loop (no time limit of its own). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

let counter = 0;
const freshTopic = () => `contract.topic-${process.pid}-${++counter}.tested`;

/** Registers the Bus contract tests for one implementation. */
export function busContract(name: string, factory: BusFactory): void {
  describe(`Bus contract: ${name}`, () => {
    let bus: Bus | undefined;
    const open = async () => (bus = await factory());
    afterEach(async () => {
      await bus?.close();
      bus = undefined;
    });

    it('delivers every message in publish order, in batches no larger than maxBatch', async () => {
      const b = await open();
      const topic = freshTopic();
      const got: number[] = [];
      const sizes: number[] = [];
      b.subscribe<number>(topic, (batch) => void (sizes.push(batch.length), got.push(...batch)), { group: 'g', maxBatch: 7 });
      for (let i = 0; i < 100; i++) await b.publish(topic, i, { key: 'k' });
      await b.drain();
      expect(got).toEqual([...Array(100).keys()]);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
    });

    it('gives every group each message, and each message to one member of a group', async () => {
      const b = await open();
      const topic = freshTopic();
      const a1: string[] = [];
      const a2: string[] = [];
      const other: string[] = [];
      b.subscribe<string>(topic, (batch) => void a1.push(...batch), { group: 'a' });
      b.subscribe<string>(topic, (batch) => void a2.push(...batch), { group: 'a' });
      b.subscribe<string>(topic, (batch) => void other.push(...batch), { group: 'b' });
      // Five keys, ten messages each: order is promised per key only, so it is compared per key.
      const sent = Array.from({ length: 50 }, (_, i) => `k${i % 5}:m${i}`);
      for (const m of sent) await b.publish(topic, m, { key: m.split(':')[0]! });
      await b.drain();
      expect([...a1, ...a2].sort()).toEqual([...sent].sort());
      expect([...other].sort()).toEqual([...sent].sort());
      const perKey = (list: readonly string[], key: string) => list.filter((m) => m.startsWith(`${key}:`));
      for (let k = 0; k < 5; k++) expect(perKey(other, `k${k}`)).toEqual(perKey(sent, `k${k}`));
    });

    it('keeps the order of messages with the same key across members of a group', async () => {
      const b = await open();
      const topic = freshTopic();
      const seen = new Map<string, number[]>();
      const record = (batch: readonly { key: string; n: number }[]) => {
        for (const m of batch) seen.set(m.key, [...(seen.get(m.key) ?? []), m.n]);
      };
      b.subscribe(topic, record, { group: 'g', maxBatch: 3 });
      b.subscribe(topic, record, { group: 'g', maxBatch: 3 });
      for (let n = 0; n < 30; n++) for (const key of ['x', 'y', 'z']) await b.publish(topic, { key, n }, { key });
      await b.drain();
      for (const key of ['x', 'y', 'z']) expect(seen.get(key)).toEqual([...Array(30).keys()]);
    });

    it('counts messages dropped by a full drop-overflow group and delivers the rest', async () => {
      const b = await open();
      const topic = freshTopic();
      const hold = gate();
      let delivered = 0;
      b.subscribe<number>(topic, async (batch) => {
        await hold.promise;
        delivered += batch.length;
      }, { group: 'g', capacity: 2, overflow: 'drop', maxBatch: 1 });
      for (let i = 0; i < 10; i++) await b.publish(topic, i, { key: 'k' });
      hold.open();
      await b.drain();
      const g = b.stats().topics[topic]!.groups['g']!;
      expect(g.dropped).toBeGreaterThan(0);
      expect(g.dropped + delivered).toBe(10);
      expect(g.delivered).toBe(delivered);
      expect(b.stats().topics[topic]!.published).toBe(10);
    });

    it('makes publishers wait while a block-overflow group is full, then delivers everything in order', async () => {
      const b = await open();
      const topic = freshTopic();
      const hold = gate();
      const started = gate();
      const got: number[] = [];
      b.subscribe<number>(topic, async (batch) => {
        started.open();
        await hold.promise;
        got.push(...batch);
      }, { group: 'g', capacity: 2, overflow: 'block', maxBatch: 1 });
      const accepted: number[] = [];
      const publishes = Array.from({ length: 6 }, (_, i) => b.publish(topic, i, { key: 'k' }).then(() => void accepted.push(i)));
      await started.promise;
      await until(() => accepted.length >= 2);
      await new Promise((resolve) => setImmediate(resolve));
      expect(accepted.length).toBeLessThan(6);
      hold.open();
      await Promise.all(publishes);
      await b.drain();
      expect(got).toEqual([0, 1, 2, 3, 4, 5]);
      expect(b.stats().topics[topic]!.groups['g']!.dropped).toBe(0);
    });

    it('accepts at once through tryPublish while there is room, and refuses without publishing when full', async (ctx) => {
      const b = await open();
      if (!b.tryPublish) return ctx.skip();
      const topic = freshTopic();
      const hold = gate();
      const got: number[] = [];
      b.subscribe<number>(topic, async (batch) => {
        await hold.promise;
        got.push(...batch);
      }, { group: 'g', capacity: 2, overflow: 'block', maxBatch: 10 });
      expect(b.tryPublish(topic, 1, { key: 'k' })).toBe(true);
      expect(b.tryPublish(topic, 2, { key: 'k' })).toBe(true);
      expect(b.tryPublish(topic, 3, { key: 'k' })).toBe(false);
      hold.open();
      await b.drain();
      expect(got).toEqual([1, 2]);
      expect(b.stats().topics[topic]!.published).toBe(2);
      expect(b.tryPublish(topic, 4, { key: 'k' })).toBe(true);
      await b.drain();
      expect(got).toEqual([1, 2, 4]);
    });

    it('counts a failing batch and keeps delivering the messages after it', async () => {
      const b = await open();
      const topic = freshTopic();
      const got: number[] = [];
      b.subscribe<number>(topic, (batch) => {
        if (batch.includes(3)) throw new Error('handler refuses 3');
        got.push(...batch);
      }, { group: 'g', maxBatch: 1 });
      for (let i = 0; i < 6; i++) await b.publish(topic, i, { key: 'k' });
      await b.drain();
      expect(got).toEqual(expect.arrayContaining([0, 1, 2, 4, 5]));
      expect(b.stats().topics[topic]!.groups['g']!.failed).toBeGreaterThanOrEqual(1);
    });

    it('resolves drain only after asynchronous handlers have finished', async () => {
      const b = await open();
      const topic = freshTopic();
      let finished = 0;
      b.subscribe<number>(topic, async (batch) => {
        await new Promise((resolve) => setImmediate(resolve));
        finished += batch.length;
      }, { group: 'g', maxBatch: 4 });
      for (let i = 0; i < 20; i++) await b.publish(topic, i, { key: String(i % 3) });
      await b.drain();
      expect(finished).toBe(20);
      expect(b.stats().topics[topic]!.groups['g']).toMatchObject({ delivered: 20, queued: 0, dropped: 0, failed: 0 });
    });

    it('stops delivering to a member after it unsubscribes', async () => {
      const b = await open();
      const topic = freshTopic();
      const got: number[] = [];
      const sub = b.subscribe<number>(topic, (batch) => void got.push(...batch), { group: 'g' });
      await b.publish(topic, 1, { key: 'k' });
      await b.drain();
      await sub.unsubscribe();
      await b.publish(topic, 2, { key: 'k' });
      await b.drain();
      expect(got).toEqual([1]);
    });

    it('refuses to publish after close', async () => {
      const b = await open();
      await b.close();
      await expect(b.publish(freshTopic(), 1, { key: 'k' })).rejects.toThrow();
    });
  });
}
