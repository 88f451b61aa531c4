// What detection workers and `cityguard cluster status` need from a NATS bus beyond the Bus
// interface: partition readers with acknowledgements at the owner's checkpoints, the group's
// consumers declared ahead of any owner (so an interest stream keeps what is published meanwhile),
// lag per partition from the server's consumer counts, and the cluster's KV bucket for leases.
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { busBadName } from './errors.js';
import { ensureConsumer } from './jetstream-topology.js';
import type { ResolvedNatsBusOptions } from './nats-bus-options.js';
import { isPlainName, type TopicNames } from './partitioning.js';
import { openClusterBucket } from './partition-leases.js';
import { PartitionReader, type PartitionReaderHooks } from './partition-reader.js';
import { handledThrough, partitionConsumers, replaceReaderConsumer } from './reader-topology.js';

/** How to open a partition reader. */
export interface PartitionReadOptions<T> extends PartitionReaderHooks<T> {
  /** The stream sequence the caller's checkpoint covers; reading starts after it. Without it, after the group's position. */
  startAfter?: number | undefined;
  /** Messages delivered but not yet acknowledged, at most (default 20,000): the span between checkpoints. */
  maxAckPending?: number;
  /** Declared for publishers' backpressure: they wait while the group has this many messages unhandled (default 1,000,000). */
  capacity?: number;
}

/** Lag of one partition for one group, from the server's consumer counts. */
export interface PartitionLag {
  partition: number;
  /** Messages not yet delivered. */
  pending: number;
  /** Delivered, not yet acknowledged (handled since the last checkpoint, or in hand). */
  ackPending: number;
  /** Last stream sequence the group is done with. */
  handledSeq: number;
}

const DEFAULT_CAPACITY = 1_000_000;
const DEFAULT_MAX_ACK_PENDING = 20_000;

/** Partition-level access to a NatsBus's streams; get it from `NatsBus.cluster`. */
export class NatsClusterAccess {
  private readonly readers = new Set<PartitionReader<unknown>>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly o: ResolvedNatsBusOptions,
    /** The topic's names once its stream exists. */
    private readonly streamOf: (topic: string) => Promise<TopicNames>,
  ) {}

  /** Partitions per topic. */
  get partitions(): number {
    return this.o.partitions;
  }

  /** Makes sure the group has a consumer on every partition, so nothing published waits for an owner in vain. */
  async declareGroup(topic: string, group: string, capacity = DEFAULT_CAPACITY): Promise<void> {
    if (!isPlainName(group)) throw busBadName('group', group);
    const names = await this.streamOf(topic);
    for (let p = 0; p < this.o.partitions; p++) {
      if ((await partitionConsumers(this.jsm, names, group, p)).length > 0) continue;
      await ensureConsumer(this.jsm, names, { group, partition: p, capacity, overflow: 'block' }, DEFAULT_MAX_ACK_PENDING, this.o);
    }
  }

  /** Opens a reader of one partition through a consumer of its own (older ones of the group there are removed). */
  async readPartition<T>(topic: string, group: string, partition: number, options: PartitionReadOptions<T>): Promise<PartitionReader<T>> {
    if (!isPlainName(group)) throw busBadName('group', group);
    if (!Number.isInteger(partition) || partition < 0 || partition >= this.o.partitions) throw new RangeError(`no partition ${partition} among ${this.o.partitions}`);
    const names = await this.streamOf(topic);
    const maxAckPending = options.maxAckPending ?? DEFAULT_MAX_ACK_PENDING;
    const declaration = { group, partition, capacity: options.capacity ?? DEFAULT_CAPACITY, overflow: 'block' as const };
    const made = await replaceReaderConsumer(this.jsm, names, declaration, { startAfter: options.startAfter, maxAckPending, ackWaitMs: this.o.ackWaitMs });
    const reader = new PartitionReader<T>(partition, made.name, made.startAfter, {
      maxBatch: options.maxBatch,
      handler: options.handler,
      onStopped: (reason, cause) => {
        this.readers.delete(reader as PartitionReader<unknown>);
        options.onStopped?.(reason, cause);
      },
    });
    this.readers.add(reader as PartitionReader<unknown>);
    const consumer = await this.js.consumers.get(names.stream, made.name);
    await reader.start(consumer, Math.min(maxAckPending, Math.max(256, options.maxBatch * 2)));
    return reader;
  }

  /** Lag per partition of a group (partitions without a consumer are left out). */
  async lag(topic: string, group: string): Promise<PartitionLag[]> {
    const names = await this.streamOf(topic);
    const out: PartitionLag[] = [];
    for (let p = 0; p < this.o.partitions; p++) {
      const infos = await partitionConsumers(this.jsm, names, group, p);
      if (infos.length === 0) continue;
      // While a reader is being replaced two consumers exist; the one further along is the new owner's.
      const info = infos.reduce((a, b) => (handledThrough(b) > handledThrough(a) ? b : a));
      out.push({ partition: p, pending: info.num_pending, ackPending: info.num_ack_pending, handledSeq: handledThrough(info) });
    }
    return out;
  }

  /** Opens (creating when missing) the KV bucket for leases and heartbeats. */
  bucket(name: string): Promise<KV> {
    return openClusterBucket(this.nc, name);
  }

  /** Stops every open reader (on close). */
  async stopReaders(): Promise<void> {
    await Promise.all([...this.readers].map((r) => r.stop()));
    this.readers.clear();
  }
}
