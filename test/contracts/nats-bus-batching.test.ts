// Batch envelopes on the real NATS server: publishes to one partition in the same turn of the event
// loop travel as one message, yet consumers see every value once, in order per key, in batches of
// at most maxBatch; a failure inside an envelope resumes after the values already handled, and a
// value that always fails is given up alone.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { NatsBus, type NatsBusOptions } from '../../src/platform/bus/index.js';
import { SERVICES, servicesAvailable } from '../support/services.js';

const natsUp = await servicesAvailable('nats');
const prefix = `CGBATCH-${process.pid}-${Date.now().toString(36)}`;
let n = 0;
const freshTopic = () => `batch.topic-${++n}.tested`;
/** One awaited publish first: until the publisher has seen the topic's groups (and their capacities) it sends values one by one. */
const warmUp = (bus: NatsBus, topic: string, value: unknown) => bus.publish(topic, value, { key: 'warm-up' });
const open = (o: Partial<NatsBusOptions> = {}) =>
  NatsBus.open({ url: SERVICES.nats.url, partitions: 2, streamPrefix: prefix, retryBackoffMs: 10, ackWaitMs: 5000, maxDeliver: 3, ...o });

afterAll(async () => {
  if (!natsUp) return;
  const nc = await connect({ servers: SERVICES.nats.url });
  const jsm = await jetstreamManager(nc);
  for await (const s of jsm.streams.list()) if (s.config.name.startsWith(`${prefix}_`)) await jsm.streams.delete(s.config.name);
  await nc.close();
});

async function storedMessages(topic: string): Promise<number> {
  const nc = await connect({ servers: SERVICES.nats.url });
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(`${prefix}_${topic.replace(/\./g, '_')}`);
  await nc.close();
  return info.state.last_seq;
}

describe.skipIf(!natsUp)('NatsBus batch envelopes', () => {
  it('carries a burst in few messages and delivers every value once, in order per key, within maxBatch', async () => {
    const bus = await open();
    const topic = freshTopic();
    const seen = new Map<string, number[]>();
    const sizes: number[] = [];
    bus.subscribe<{ k: string; i: number }>(topic, (batch) => {
      sizes.push(batch.length);
      for (const v of batch) seen.set(v.k, [...(seen.get(v.k) ?? []), v.i]);
    }, { group: 'g', maxBatch: 50, capacity: 100_000 });
    await warmUp(bus, topic, { k: 'warm-up', i: -1 });
    const keys = ['a', 'b', 'c'];
    await Promise.all(Array.from({ length: 900 }, (_, i) => bus.publish(topic, { k: keys[i % 3]!, i }, { key: keys[i % 3]! })));
    await bus.drain();
    for (const [j, k] of keys.entries()) expect(seen.get(k)).toEqual(Array.from({ length: 300 }, (_, x) => x * 3 + j));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
    expect(await storedMessages(topic)).toBeLessThan(100);
    expect(bus.stats().topics[topic]).toMatchObject({ published: 901, groups: { g: { delivered: 901, failed: 0 } } });
    await bus.close();
  });

  it('resumes an envelope after the values handled before a failure, without repeating them', async () => {
    const bus = await open({ partitions: 1 });
    const topic = freshTopic();
    const got: number[] = [];
    let failed = false;
    bus.subscribe<number>(topic, (batch) => {
      if (!failed && batch.includes(40)) {
        failed = true;
        throw new Error('transient');
      }
      got.push(...batch);
    }, { group: 'g', maxBatch: 16, capacity: 100_000 });
    await warmUp(bus, topic, -1);
    await Promise.all(Array.from({ length: 100 }, (_, i) => bus.publish(topic, i, { key: 'k' })));
    await bus.drain();
    expect(await storedMessages(topic)).toBeLessThan(50);
    expect(got).toEqual([-1, ...Array(100).keys()]);
    expect(bus.stats().topics[topic]!.groups['g']!.redelivered).toBeGreaterThan(0);
    await bus.close();
  });

  it('gives up a value that always fails alone and delivers the rest of its envelope', async () => {
    const bus = await open({ partitions: 1 });
    const topic = freshTopic();
    const got: number[] = [];
    bus.subscribe<number>(topic, (batch) => {
      if (batch.includes(13)) throw new Error('13 is never accepted');
      got.push(...batch);
    }, { group: 'g', maxBatch: 8, capacity: 100_000 });
    await warmUp(bus, topic, -1);
    await Promise.all(Array.from({ length: 30 }, (_, i) => bus.publish(topic, i, { key: 'k' })));
    await bus.drain();
    expect(await storedMessages(topic)).toBeLessThan(30);
    expect(got).toEqual([-1, ...[...Array(30).keys()].filter((i) => i !== 13)]);
    expect(bus.stats().topics[topic]!.groups['g']).toMatchObject({ failed: 1, delivered: 30 });
    await bus.close();
  });
});
