// What detection workers build on, against the real NATS server: partition readers whose
// acknowledgements wait for the owner's checkpoint, a new owner resuming right after the checkpoint
// (not after the acknowledgement wait), the group declared before any owner so nothing published
// meanwhile is lost, batch envelopes, and partition leases moving between members.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { NatsBus, PartitionLeases, readClusterView, type LeaseHooks, type PartitionBatch } from '../../src/platform/bus/index.js';
import { SERVICES, servicesAvailable } from '../support/services.js';

const natsUp = await servicesAvailable('nats');
const prefix = `CGWORK-${process.pid}-${Date.now().toString(36)}`;
let n = 0;
const freshTopic = () => `work.topic-${++n}.tested`;
const open = (partitions = 2) => NatsBus.open({ url: SERVICES.nats.url, partitions, streamPrefix: prefix, ackWaitMs: 30_000 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
/** A key that lands on the given partition. */
function keyOn(bus: NatsBus, partition: number): string {
  for (let i = 0; ; i++) if (bus.partitionOf(`k${i}`) === partition) return `k${i}`;
}

afterAll(async () => {
  if (!natsUp) return;
  const nc = await connect({ servers: SERVICES.nats.url });
  const jsm = await jetstreamManager(nc);
  for await (const s of jsm.streams.list()) if (s.config.name.startsWith(`${prefix}_`) || s.config.name === `KV_${prefix}-cluster`) await jsm.streams.delete(s.config.name);
  await nc.close();
});

describe.skipIf(!natsUp)('partition readers', () => {
  it('keeps what was published before any owner, and a new owner resumes just after the checkpoint', async () => {
    const bus = await open();
    const topic = freshTopic();
    await bus.cluster.declareGroup(topic, 'w');
    const key = keyOn(bus, 1);
    for (let i = 0; i < 10; i++) await bus.publish(topic, i, { key });
    const first: number[] = [];
    let checkpoint = 0;
    let covered = 0;
    let stoppedBecause: unknown;
    const a = await bus.cluster.readPartition<number>(topic, 'w', 1, {
      maxBatch: 4,
      handler: (b: PartitionBatch<number>) => {
        first.push(...b.values);
        // The owner checkpoints once, after the batch that brings it to four or more values.
        if (checkpoint === 0 && first.length >= 4) [checkpoint, covered] = [b.lastSeq, first.length];
      },
      onStopped: (reason) => (stoppedBecause = reason),
    });
    await until(() => first.length === 10, 'the first owner to read all ten');
    a.acknowledgeThrough(checkpoint);
    expect(first).toEqual([...Array(10).keys()]);
    // The owner dies without acknowledging more; a new owner starts from the checkpoint at once.
    const second: number[] = [];
    const b = await bus.cluster.readPartition<number>(topic, 'w', 1, { startAfter: checkpoint, maxBatch: 100, handler: (batch) => void second.push(...batch.values) });
    await until(() => second.length === 10 - covered, 'the new owner to get those after the checkpoint', 10_000);
    await until(() => stoppedBecause !== undefined, 'the old owner to be told its consumer is gone');
    for (let i = 10; i < 13; i++) await bus.publish(topic, i, { key });
    await until(() => second.length === 13 - covered, 'new messages to reach the new owner only');
    expect(second).toEqual(Array.from({ length: 13 - covered }, (_, i) => covered + i));
    expect(first).toHaveLength(10);
    b.acknowledgeThrough(b.handledSeq);
    await until(async () => (await bus.cluster.lag(topic, 'w')).find((l) => l.partition === 1)?.ackPending === 0, 'the acknowledgement to reach the server');
    expect((await bus.cluster.lag(topic, 'w')).find((l) => l.partition === 1)).toMatchObject({ pending: 0, ackPending: 0, handledSeq: b.handledSeq });
    await bus.close();
  });

  it('resumes after the group\'s acknowledged position when no checkpoint is given, and reads batch envelopes', async () => {
    const bus = await open();
    const topic = freshTopic();
    await bus.cluster.declareGroup(topic, 'w');
    const key = keyOn(bus, 0);
    await Promise.all(Array.from({ length: 50 }, (_, i) => bus.publish(topic, { i }, { key })));
    const got: number[] = [];
    const r = await bus.cluster.readPartition<{ i: number }>(topic, 'w', 0, { maxBatch: 1000, handler: (b) => void got.push(...b.values.map((v) => v.i)) });
    await until(() => got.length === 50, 'all fifty');
    r.acknowledgeThrough(r.handledSeq);
    await r.stop();
    await until(async () => (await bus.cluster.lag(topic, 'w'))[0]!.ackPending === 0, 'the acknowledgement');
    await bus.publish(topic, { i: 50 }, { key });
    const again: number[] = [];
    await bus.cluster.readPartition<{ i: number }>(topic, 'w', 0, { maxBatch: 10, handler: (b) => void again.push(...b.values.map((v) => v.i)) });
    await until(() => again.length === 1, 'the one published since');
    expect(got).toEqual([...Array(50).keys()]);
    expect(again).toEqual([50]);
    await bus.close();
  });
});

describe.skipIf(!natsUp)('partition leases', () => {
  const timing = { partitions: 4, leaseMs: 1500, heartbeatMs: 150 };
  function member(kvBus: NatsBus, id: string, log: string[]) {
    const hooks: LeaseHooks = {
      acquire: async (p) => void log.push(`${id}+${p}`),
      release: async (p) => void log.push(`${id}-${p}`),
      lost: async (p) => void log.push(`${id}!${p}`),
      describe: () => ({ id, host: 'test', pid: process.pid, startedMs: 0 }),
    };
    return kvBus.cluster.bucket(`${prefix}-cluster`).then((kv) => new PartitionLeases(kv, id, timing, hooks));
  }

  it('splits partitions between live members, hands them over on leave, and takes them from one that died', async () => {
    const bus = await open(4);
    const log: string[] = [];
    const a = await member(bus, 'a', log);
    const b = await member(bus, 'b', log);
    a.start();
    await until(() => a.holding().length === 4, 'a alone to hold all four');
    b.start();
    await until(() => a.holding().length === 2 && b.holding().length === 2, 'two each');
    expect(new Set([...a.holding(), ...b.holding()]).size).toBe(4);
    // a releases (checkpoints) before b acquires each moved partition.
    for (const p of b.holding()) expect(log.indexOf(`a-${p}`)).toBeLessThan(log.lastIndexOf(`b+${p}`));
    const view = await readClusterView(await bus.cluster.bucket(`${prefix}-cluster`), 4, timing.leaseMs);
    expect(view.leases.map((l) => l.owner).sort()).toEqual(['a', 'a', 'b', 'b']);
    expect(view.members.filter((m) => m.alive).map((m) => m.id)).toEqual(['a', 'b']);

    // b dies: its heartbeats and renewals stop without a word (no release).
    (b as unknown as { stopped: boolean }).stopped = true;
    await until(() => a.holding().length === 4, 'a to take over after the lease time', 10_000);
    expect(log.filter((l) => l.startsWith('b-'))).toEqual([]);
    await a.leave();
    expect(a.holding()).toEqual([]);
    await bus.close();
  });
});
