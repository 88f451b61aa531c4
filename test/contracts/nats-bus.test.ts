// Runs the Bus contract against NatsBus on the real NATS server (127.0.0.1:4222), plus what only a
// JetStream bus does: partitions, redelivery after failure, give-up, de-duplication, durable
// positions, partition assignment and backpressure across processes. Streams live under a prefix
// unique to this run and are deleted afterwards.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { NatsBus, partitionOf, type NatsBusOptions } from '../../src/platform/bus/index.js';
import { SERVICES, servicesAvailable } from '../support/services.js';
import { busContract } from './bus.contract.js';

const natsUp = await servicesAvailable('nats');
const prefix = `CGTEST-${process.pid}-${Date.now().toString(36)}`;
let topicN = 0;
const freshTopic = () => `scale.topic-${++topicN}.tested`;
const open = (o: Partial<NatsBusOptions> = {}) =>
  NatsBus.open({ url: SERVICES.nats.url, partitions: 4, streamPrefix: prefix, retryBackoffMs: 10, ackWaitMs: 5000, ...o });

/** A promise with its resolver outside. */
function gate(): { promise: Promise<void>; open: () => void } {
  let openGate!: () => void;
  const promise = new Promise<void>((resolve) => (openGate = resolve));
  return { promise, open: openGate };
}

afterAll(async () => {
  if (!natsUp) return;
  const nc = await connect({ servers: SERVICES.nats.url });
  const jsm = await jetstreamManager(nc);
  for await (const s of jsm.streams.list()) if (s.config.name.startsWith(`${prefix}_`)) await jsm.streams.delete(s.config.name);
  await nc.close();
});

// The contract asserts order per key, as the Bus interface promises: it holds with one partition
// (total order) and with several (each key on one partition).
if (natsUp) busContract('NatsBus (one partition)', () => open({ partitions: 1 }));
if (natsUp) busContract('NatsBus (four partitions)', () => open({ partitions: 4 }));

describe.skipIf(!natsUp)('NatsBus on JetStream', () => {
  it('spreads keys over partitions yet keeps each key in order and gives each group every message once', async () => {
    const bus = await open();
    const topic = freshTopic();
    const seen = new Map<string, number[]>();
    const other: string[] = [];
    const record = (batch: readonly { key: string; n: number }[]) => {
      for (const m of batch) seen.set(m.key, [...(seen.get(m.key) ?? []), m.n]);
    };
    bus.subscribe(topic, record, { group: 'a', maxBatch: 5 });
    bus.subscribe(topic, record, { group: 'a', maxBatch: 5 });
    bus.subscribe<{ key: string; n: number }>(topic, (batch) => void other.push(...batch.map((m) => `${m.key}#${m.n}`)), { group: 'b' });
    const keys = Array.from({ length: 12 }, (_, i) => `asset-${i}`);
    await Promise.all(keys.map(async (key) => {
      for (let n = 0; n < 20; n++) await bus.publish(topic, { key, n }, { key });
    }));
    await bus.drain();
    expect(new Set(keys.map((k) => partitionOf(k, 4))).size).toBeGreaterThan(1);
    for (const key of keys) expect(seen.get(key)).toEqual([...Array(20).keys()]);
    expect(other).toHaveLength(240);
    expect(new Set(other).size).toBe(240);
    await bus.close();
  });

  it('nak\'s a failed batch and redelivers it, keeping the key\'s order', async () => {
    const bus = await open();
    const topic = freshTopic();
    const got: number[] = [];
    let failedOnce = false;
    bus.subscribe<number>(topic, (batch) => {
      if (batch.includes(7) && !failedOnce) {
        failedOnce = true;
        throw new Error('transient failure');
      }
      got.push(...batch);
    }, { group: 'g', maxBatch: 4 });
    for (let i = 0; i < 30; i++) await bus.publish(topic, i, { key: 'pump-1' });
    await bus.drain();
    expect(got).toEqual([...Array(30).keys()]);
    expect(bus.stats().topics[topic]!.groups['g']).toMatchObject({ delivered: 30, failed: 0, dropped: 0, queued: 0 });
    expect(bus.stats().topics[topic]!.groups['g']!.redelivered).toBeGreaterThanOrEqual(1);
    await bus.close();
  });

  it('isolates a message that always fails, gives it up after maxDeliver attempts and delivers the rest', async () => {
    const bus = await open({ maxDeliver: 3 });
    const topic = freshTopic();
    const got: number[] = [];
    let attemptsOnPoison = 0;
    bus.subscribe<number>(topic, (batch) => {
      if (batch.includes(13)) {
        attemptsOnPoison++;
        throw new Error('poison');
      }
      got.push(...batch);
    }, { group: 'g', maxBatch: 10 });
    for (let i = 0; i < 25; i++) await bus.publish(topic, i, { key: 'k' });
    await bus.drain();
    expect(got).toEqual([...Array(25).keys()].filter((i) => i !== 13));
    expect(attemptsOnPoison).toBe(3);
    expect(bus.stats().topics[topic]!.groups['g']).toMatchObject({ failed: 1, delivered: 24, queued: 0 });
    await bus.close();
  });

  it('stores a message published twice with the same id once', async () => {
    const bus = await open();
    const topic = freshTopic();
    const got: string[] = [];
    bus.subscribe<string>(topic, (batch) => void got.push(...batch), { group: 'g' });
    await bus.publish(topic, 'alert-1', { key: 'br-1', id: 'alert-1' });
    await bus.publish(topic, 'alert-1', { key: 'br-1', id: 'alert-1' });
    await bus.publish(topic, 'alert-2', { key: 'br-1', id: 'alert-2' });
    await bus.drain();
    expect(got).toEqual(['alert-1', 'alert-2']);
    expect(bus.stats().topics[topic]).toMatchObject({ published: 2, duplicates: 1 });
    await bus.close();
  });

  it('resumes a group where it stopped: a durable consumer keeps its position across bus instances', async () => {
    const topic = freshTopic();
    const first = await open();
    const before: number[] = [];
    const sub = first.subscribe<number>(topic, (batch) => void before.push(...batch), { group: 'detect' });
    for (let i = 0; i < 10; i++) await first.publish(topic, i, { key: 'br-1' });
    await first.drain();
    await sub.unsubscribe();
    for (let i = 10; i < 25; i++) await first.publish(topic, i, { key: 'br-1' });
    await first.close();

    const second = await open();
    const after: number[] = [];
    second.subscribe<number>(topic, (batch) => void after.push(...batch), { group: 'detect' });
    await second.drain();
    expect(before).toEqual([...Array(10).keys()]);
    expect(after).toEqual([...Array(15).keys()].map((i) => i + 10));
    await second.close();
  });

  it('splits a group between processes by partition assignment, each key read by one of them', async () => {
    const topic = freshTopic();
    const left = await open();
    const right = await open();
    await left.assign([0, 1]);
    await right.assign([2, 3]);
    const byLeft: string[] = [];
    const byRight: string[] = [];
    left.subscribe<string>(topic, (batch) => void byLeft.push(...batch), { group: 'workers' });
    right.subscribe<string>(topic, (batch) => void byRight.push(...batch), { group: 'workers' });
    const keys = Array.from({ length: 40 }, (_, i) => `asset-${i}`);
    for (const key of keys) await left.publish(topic, key, { key });
    await Promise.all([left.drain(), right.drain()]);
    expect(byLeft.every((k) => partitionOf(k, 4) <= 1)).toBe(true);
    expect(byRight.every((k) => partitionOf(k, 4) >= 2)).toBe(true);
    expect([...byLeft, ...byRight].sort()).toEqual([...keys].sort());
    await Promise.all([left.close(), right.close()]);
  });

  it('makes a publisher in another process wait while a block group is at capacity', async () => {
    const topic = freshTopic();
    const consumer = await open({ partitions: 1 });
    const producer = await open({ partitions: 1 });
    const hold = gate();
    const got: number[] = [];
    consumer.subscribe<number>(topic, async (batch) => {
      await hold.promise;
      got.push(...batch);
    }, { group: 'slow', capacity: 5, maxBatch: 1, overflow: 'block' });
    await consumer.drain(); // consumers exist on the server before the producer looks
    const accepted: number[] = [];
    const publishes = Array.from({ length: 20 }, (_, i) => producer.publish(topic, i, { key: 'k' }).then(() => void accepted.push(i)));
    while (accepted.length < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(accepted.length).toBeLessThan(20);
    hold.open();
    await Promise.all(publishes);
    await consumer.drain();
    expect(got).toEqual([...Array(20).keys()]);
    await Promise.all([consumer.close(), producer.close()]);
  });

  it('lets the server remove an abandoned drop group, but keeps a block group that owes messages', async () => {
    const topic = freshTopic();
    const bus = await open({ partitions: 1, dropGroupInactiveMs: 1000 });
    const live = bus.subscribe(topic, () => undefined, { group: 'dashboard', overflow: 'drop' });
    const work = bus.subscribe(topic, () => undefined, { group: 'detect', overflow: 'block' });
    await bus.publish(topic, 1, { key: 'k' });
    await bus.drain();
    await Promise.all([live.unsubscribe(), work.unsubscribe()]);
    const nc = await connect({ servers: SERVICES.nats.url });
    const jsm = await jetstreamManager(nc);
    const consumers = async () => {
      const names: string[] = [];
      for await (const c of jsm.consumers.list(`${prefix}_${topic.replace(/\./g, '_')}`)) names.push(c.name);
      return names.sort();
    };
    while ((await consumers()).includes('dashboard_p0')) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await consumers()).toEqual(['detect_p0']);
    await nc.close();
    await bus.close();
  });

  it('terminates and counts a message that is not JSON (a foreign publisher) and delivers the rest', async () => {
    const topic = freshTopic();
    const errors: string[] = [];
    const bus = await open({ partitions: 1, onError: (_e, where) => void errors.push(where.what) });
    const got: number[] = [];
    bus.subscribe<number>(topic, (batch) => void got.push(...batch), { group: 'g', maxBatch: 10 });
    await bus.publish(topic, 1, { key: 'k' });
    const nc = await connect({ servers: SERVICES.nats.url });
    await jetstream(nc).publish(`${prefix}.${topic}.0`, new TextEncoder().encode('{not json'));
    await nc.close();
    await bus.publish(topic, 2, { key: 'k' });
    await bus.drain();
    expect(got).toEqual([1, 2]);
    expect(bus.stats().topics[topic]!.groups['g']).toMatchObject({ delivered: 2, failed: 1, queued: 0 });
    expect(errors).toEqual([expect.stringContaining('undecodable message')]);
    await bus.close();
  });

  it('refuses names NATS cannot carry and values JSON cannot encode, and keeps working', async () => {
    const bus = await open();
    const topic = freshTopic();
    expect(() => bus.subscribe(topic, () => undefined, { group: 'a.b' })).toThrow(expect.objectContaining({ code: 'CG_BUS_BAD_NAME' }));
    await expect(bus.publish('Not A Topic', 1, { key: 'k' })).rejects.toMatchObject({ code: 'CG_BUS_BAD_NAME' });
    await expect(bus.publish(topic, { n: 1n }, { key: 'k' })).rejects.toMatchObject({ code: 'CG_BUS_UNENCODABLE' });
    const got: number[] = [];
    bus.subscribe<number>(topic, (batch) => void got.push(...batch), { group: 'g' });
    await bus.publish(topic, 1, { key: 'k' });
    await bus.drain();
    expect(got).toEqual([1]);
    await bus.close();
  });

  it('refuses to publish into a stream made with another partition count', async () => {
    const topic = freshTopic();
    const four = await open({ partitions: 4 });
    await four.publish(topic, 1, { key: 'k' });
    await four.close();
    const two = await open({ partitions: 2 });
    await expect(two.publish(topic, 2, { key: 'k' })).rejects.toMatchObject({
      code: 'CG_BUS_PUBLISH_FAILED',
      cause: expect.objectContaining({ code: 'CG_BUS_PARTITIONS_CHANGED' }),
    });
    await two.close();
  });

  it('fails to open with CG_BUS_CONNECT_FAILED when nothing listens', async () => {
    await expect(NatsBus.open({ url: 'nats://127.0.0.1:1', partitions: 1, streamPrefix: prefix })).rejects.toMatchObject({ code: 'CG_BUS_CONNECT_FAILED' });
  });
});
