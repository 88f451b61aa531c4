// The scale-out Bus on NATS JetStream. Each topic is a stream whose subjects are partitions chosen
// by a stable hash of the key; each group has a durable pull consumer per partition with explicit
// acks. A failed batch is nak'ed and redelivered in order, and given up (terminated, counted) after
// `maxDeliver` attempts. Message ids go out as Nats-Msg-Id, so the stream stores a message published
// twice within the duplicate window once. A process may consume a subset of partitions (`assign`),
// which is how workers share a topic; per-key order holds because a partition has one reader.
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nuid, type NatsConnection } from '@nats-io/transport-node';
import { CityguardError } from '../../../domain/index.js';
import type { BatchHandler, Bus, BusStats, PublishOptions, SubscribeOptions, Subscription } from '../bus.js';
import { busClosed } from '../errors.js';
import { busBadName, busConnectFailed, busPublishFailed, busUnencodable } from './errors.js';
import { GroupConsumer } from './group-consumer.js';
import { ensureConsumer, ensureStream, listGroupBacklogs } from './jetstream-topology.js';
import { resolveNatsBusOptions, type NatsBusOptions, type ResolvedNatsBusOptions } from './nats-bus-options.js';
import { NatsClusterAccess } from './nats-cluster-access.js';
import { isPlainName, isTopicName, partitionOf, TopicNames } from './partitioning.js';
import { PublishBatcher, type Envelope } from './publish-batcher.js';
import { encodeEnvelope } from './envelope.js';
import { PublishGate } from './publish-gate.js';

const DEFAULT_MAX_BATCH = 256;
const DEFAULT_CAPACITY = 10_000;

/** Per topic: names, stream set-up, publish gate and counters. */
interface TopicState {
  names: TopicNames;
  stream: Promise<void>;
  streamSettled: boolean;
  streamError?: unknown;
  gate: PublishGate;
  batcher: PublishBatcher;
  published: number;
  duplicates: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retries transient JetStream API failures; configuration errors (CityguardError) fail at once. */
async function withRetries<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || error instanceof CityguardError) throw error;
      await sleep(100 * 2 ** (i - 1));
    }
  }
}

/** Bus on NATS JetStream; create with `NatsBus.open`. */
export class NatsBus implements Bus {
  private readonly topics = new Map<string, TopicState>();
  private readonly groups = new Map<string, GroupConsumer>();
  private readonly setups = new Set<Promise<void>>();
  private inFlight = 0;
  private owned: ReadonlySet<number> | undefined;
  private closed = false;
  /** Partition readers, leases and lag for detection workers and cluster status. */
  readonly cluster: NatsClusterAccess;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly o: ResolvedNatsBusOptions,
  ) {
    this.cluster = new NatsClusterAccess(nc, js, jsm, o, async (topic) => {
      if (this.closed) throw busClosed(topic);
      const t = this.topic(topic);
      await t.stream;
      return t.names;
    });
  }

  /** Connects and checks that JetStream is enabled; throws CG_BUS_CONNECT_FAILED otherwise. */
  static async open(options: NatsBusOptions): Promise<NatsBus> {
    const o = resolveNatsBusOptions(options);
    let nc: NatsConnection | undefined;
    try {
      // noAsyncTraces: nats.js otherwise builds two Error objects (stack traces) per request, a fifth
      // of the client's CPU per publish; failures are wrapped in our own coded errors anyway.
      nc = await connect({ servers: o.url, name: o.name ?? 'cityguard', maxReconnectAttempts: -1, noAsyncTraces: true });
      const jsm = await jetstreamManager(nc);
      return new NatsBus(nc, jetstream(nc), jsm, o);
    } catch (error) {
      await nc?.close().catch(() => undefined);
      throw busConnectFailed(String(o.url), error);
    }
  }

  /** The partition a key's messages go to (stable across processes and restarts). */
  partitionOf(key: string): number {
    return partitionOf(key, this.o.partitions);
  }

  /** The partition count every topic's stream has. */
  get partitions(): number {
    return this.o.partitions;
  }

  publish<T>(topic: string, value: T, options: PublishOptions): Promise<void> {
    if (this.closed) return Promise.reject(busClosed(topic));
    let t: TopicState;
    let json: string;
    try {
      t = this.topic(topic);
    } catch (error) {
      return Promise.reject(error);
    }
    try {
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError(`${typeof value} has no JSON form`);
      json = text;
    } catch (error) {
      return Promise.reject(busUnencodable(topic, error));
    }
    this.inFlight++;
    return t.batcher.add(partitionOf(options.key, this.o.partitions), json, options.id);
  }

  /** Sends a closed envelope through the topic's gate (order, backpressure) and settles its publishes. */
  private send(t: TopicState, topic: string, env: Envelope): void {
    const n = env.jsons.length;
    t.gate.submit(() => {
      const done = () => {
        t.gate.settle();
        this.inFlight -= n;
      };
      if (t.streamError !== undefined) {
        done();
        for (const w of env.waiters) w.reject(busPublishFailed(topic, t.streamError));
        return;
      }
      // A lone value keeps the caller's id; an envelope gets a fresh one, which still makes the client's own retries safe.
      const msgID = n === 1 ? (env.ids[0] ?? nuid.next()) : nuid.next();
      this.js
        .publish(t.names.subject(env.partition), encodeEnvelope(env.jsons), { msgID, retries: 3 })
        .then(
          (ack) => {
            if (ack.duplicate) t.duplicates += n;
            else t.published += n;
            for (const w of env.waiters) w.resolve();
          },
          (error: unknown) => {
            for (const w of env.waiters) w.reject(busPublishFailed(topic, error));
          },
        )
        .finally(done);
    });
  }

  subscribe<T>(topic: string, handler: BatchHandler<T>, options: SubscribeOptions): Subscription {
    if (this.closed) throw busClosed(topic);
    if (!isPlainName(options.group)) throw busBadName('group', options.group);
    const t = this.topic(topic);
    const key = `${topic} ${options.group}`;
    let group = this.groups.get(key);
    if (!group) {
      group = new GroupConsumer(
        topic,
        options.group,
        Math.max(1, options.maxBatch ?? DEFAULT_MAX_BATCH),
        Math.max(1, options.capacity ?? DEFAULT_CAPACITY),
        options.overflow ?? 'block',
        this.o,
      );
      this.groups.set(key, group);
      this.track(this.startFeeds(t, group), topic, options.group);
    }
    const member = handler as BatchHandler<unknown>;
    group.members.push(member);
    group.wake();
    const g = group;
    return {
      unsubscribe: async () => {
        const at = g.members.indexOf(member);
        if (at >= 0) g.members.splice(at, 1);
        if (g.members.length > 0 || this.groups.get(key) !== g) return;
        // The durable consumers stay on the server: the group resumes where it was when it comes back.
        this.groups.delete(key);
        await g.stop();
      },
    };
  }

  /**
   * Consumes only these partitions from now on (`all` by default): feeds of partitions given up are
   * stopped, their unhandled messages nak'ed for the new owner; newly owned ones are started.
   */
  async assign(partitions: readonly number[] | 'all'): Promise<void> {
    if (partitions !== 'all') {
      for (const p of partitions) {
        if (!Number.isInteger(p) || p < 0 || p >= this.o.partitions) throw new RangeError(`no partition ${p} among ${this.o.partitions}`);
      }
    }
    this.owned = partitions === 'all' ? undefined : new Set(partitions);
    const work: Promise<void>[] = [];
    for (const g of this.groups.values()) {
      for (const p of [...g.feeds.keys()]) if (!this.owns(p)) work.push(g.stopFeed(p));
      work.push(this.track(this.startFeeds(this.topics.get(g.topic)!, g), g.topic, g.name));
    }
    await Promise.all(work);
  }

  drain(): Promise<void> {
    return this.drainUntil(Number.POSITIVE_INFINITY).then(() => undefined);
  }

  stats(): BusStats {
    const topics: BusStats['topics'] = {};
    for (const [name, t] of this.topics) topics[name] = { published: t.published, duplicates: t.duplicates, groups: {} };
    for (const g of this.groups.values()) {
      topics[g.topic]!.groups[g.name] = { delivered: g.delivered, dropped: g.dropped, failed: g.failed, queued: g.backlog(), redelivered: g.redelivered };
    }
    return { topics };
  }

  /** Waits (up to `closeTimeoutMs`) for queued messages, stops every feed and closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.drainUntil(Date.now() + this.o.closeTimeoutMs);
    await this.cluster.stopReaders();
    await Promise.all([...this.groups.values()].map((g) => g.stop()));
    this.groups.clear();
    await this.nc.drain().catch(() => this.nc.close());
  }

  /** Values per envelope: as configured, but at most a sixteenth of the smallest block group's capacity, which counts messages. */
  private envelopeMessages(t: TopicState): number {
    const capacity = t.gate.smallestBlockCapacity();
    if (capacity === undefined) return 1;
    return Math.max(1, Math.min(this.o.batchMaxMessages, Math.floor(capacity / 16)));
  }

  private owns(partition: number): boolean {
    return this.owned === undefined || this.owned.has(partition);
  }

  private topic(topic: string): TopicState {
    const known = this.topics.get(topic);
    if (known) return known;
    if (!isTopicName(topic)) throw busBadName('topic', topic);
    const names = new TopicNames(this.o.streamPrefix, topic);
    const state: TopicState = {
      names,
      stream: withRetries(() => ensureStream(this.jsm, names, this.o)),
      streamSettled: false,
      gate: new PublishGate(
        () => listGroupBacklogs(this.jsm, names),
        () => this.readyToPublish(state),
        (error) => this.o.onError?.(error, { topic, what: 'polling consumer backlogs for backpressure' }),
      ),
      batcher: new PublishBatcher(
        () => ({ maxMessages: this.envelopeMessages(state), maxBytes: this.o.batchMaxBytes }),
        (env) => this.send(state, topic, env),
      ),
      published: 0,
      duplicates: 0,
    };
    state.stream.then(
      () => void (state.streamSettled = true),
      (error: unknown) => {
        state.streamSettled = true;
        state.streamError = error;
        this.o.onError?.(error, { topic, what: 'creating the stream' });
      },
    );
    this.topics.set(topic, state);
    return state;
  }

  /** Publishing waits for the topic's stream and for consumers being set up, so they see what follows. */
  private readyToPublish(t: TopicState): Promise<void> | undefined {
    if (t.streamSettled && this.setups.size === 0) return undefined;
    return Promise.all([t.stream.catch(() => undefined), ...this.setups]).then(() => undefined);
  }

  private async startFeeds(t: TopicState, g: GroupConsumer): Promise<void> {
    await t.stream;
    const partitions = Array.from({ length: this.o.partitions }, (_, p) => p).filter((p) => this.owns(p) && !g.feeds.has(p));
    await Promise.all(
      partitions.map(async (p) => {
        const declaration = { group: g.name, partition: p, capacity: g.capacity, overflow: g.overflow };
        await withRetries(() => ensureConsumer(this.jsm, t.names, declaration, g.prefetch, this.o));
        const consumer = await withRetries(() => this.js.consumers.get(t.names.stream, t.names.consumer(g.name, p)));
        if (g.stopped || g.feeds.has(p) || !this.owns(p)) return;
        await g.addFeed(p).start(consumer, g.prefetch);
      }),
    );
  }

  /** Keeps a set-up promise until it settles; failures are reported, never thrown at a caller. */
  private track(work: Promise<void>, topic: string, group: string): Promise<void> {
    const tracked = work
      .catch((error: unknown) => this.o.onError?.(error, { topic, group, what: 'setting up the group\'s consumers' }))
      .finally(() => this.setups.delete(tracked));
    this.setups.add(tracked);
    return tracked;
  }

  /** Waits until everything published here is stored and every local group has handled its partitions. */
  private async drainUntil(deadlineMs: number): Promise<boolean> {
    let reported = false;
    for (let waitMs = 1; Date.now() < deadlineMs; waitMs = Math.min(waitMs * 2, 50)) {
      await Promise.all([...this.setups]);
      if (this.inFlight === 0) {
        try {
          if (await this.allHandled()) return true;
        } catch (error) {
          if (!reported) this.o.onError?.(error, { topic: '*', what: 'polling consumer backlogs to drain' });
          reported = true;
        }
      }
      await sleep(Math.min(waitMs, Math.max(0, deadlineMs - Date.now())));
    }
    return false;
  }

  private async allHandled(): Promise<boolean> {
    const groups = [...this.groups.values()];
    if (groups.some((g) => !g.idle)) return false;
    let handled = true;
    for (const topic of new Set(groups.map((g) => g.topic))) {
      const backlogs = await listGroupBacklogs(this.jsm, this.topics.get(topic)!.names);
      for (const g of groups) {
        if (g.topic !== topic) continue;
        const partitions = backlogs.get(g.name)?.partitions;
        for (const [p, feed] of g.feeds) {
          const [pending, ackPending] = partitions?.get(p) ?? [0, 0];
          feed.serverPending = pending;
          if (pending + ackPending > 0) handled = false;
        }
      }
    }
    return handled && groups.every((g) => g.idle);
  }
}
