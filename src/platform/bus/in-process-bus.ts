// The embedded Bus: per topic, one bounded FIFO queue per consumer group, drained in batches by a
// dispatcher that keeps one batch in flight per group (so per-key order is total order here).
// Full queues make publishers wait (`block`) or drop and count (`drop`); nothing is lost silently.
import type { BatchHandler, Bus, BusStats, PublishOptions, SubscribeOptions, Subscription } from './bus.js';
import { FifoQueue } from './bounded-queue.js';
import { busClosed } from './errors.js';

/** Options of the in-process bus. */
export interface InProcessBusOptions {
  /** Called when a handler throws or rejects; the batch is counted as failed and not redelivered. */
  onHandlerError?: (error: unknown, where: { topic: string; group: string; size: number }) => void;
  /** Batches one group may handle back to back before yielding to I/O. */
  batchesPerTurn?: number;
}

const DEFAULT_MAX_BATCH = 256;
const DEFAULT_CAPACITY = 10_000;
const RESOLVED: Promise<void> = Promise.resolve();

interface Waiter {
  value: unknown;
  resolve: () => void;
}

/** One consumer group on one topic: its queue, members and counters. */
class Group {
  readonly queue = new FifoQueue<unknown>();
  /** Publishers waiting for room, in publish order (block overflow only). */
  readonly waiters = new FifoQueue<Waiter>();
  readonly members: BatchHandler<unknown>[] = [];
  delivered = 0;
  dropped = 0;
  failed = 0;
  busy = false;
  scheduled = false;
  private turn = 0;

  constructor(
    readonly topic: string,
    readonly name: string,
    readonly maxBatch: number,
    readonly capacity: number,
    readonly overflow: 'block' | 'drop',
  ) {}

  /** The member whose turn it is; members take batches in rotation. */
  nextMember(): BatchHandler<unknown> | undefined {
    if (this.members.length === 0) return undefined;
    this.turn = (this.turn + 1) % this.members.length;
    return this.members[this.turn];
  }

  get idle(): boolean {
    return !this.busy && this.queue.length === 0 && this.waiters.length === 0;
  }
}

/** In-memory implementation of `Bus` for one process. */
export class InProcessBus implements Bus {
  private readonly topics = new Map<string, { published: number; groups: Map<string, Group> }>();
  private readonly idleWaiters: Array<() => void> = [];
  private closed = false;
  private readonly batchesPerTurn: number;

  constructor(private readonly options: InProcessBusOptions = {}) {
    this.batchesPerTurn = options.batchesPerTurn ?? 8;
  }

  publish<T>(topic: string, value: T, _options: PublishOptions): Promise<void> {
    if (this.closed) return Promise.reject(busClosed(topic));
    const entry = this.topicEntry(topic);
    entry.published++;
    let pending: Promise<void>[] | undefined;
    for (const group of entry.groups.values()) {
      const wait = this.offer(group, value);
      if (wait) (pending ??= []).push(wait);
    }
    if (!pending) return RESOLVED;
    return pending.length === 1 ? pending[0]! : Promise.all(pending).then(() => undefined);
  }

  tryPublish<T>(topic: string, value: T, _options: PublishOptions): boolean {
    if (this.closed) return false;
    const entry = this.topicEntry(topic);
    for (const group of entry.groups.values()) {
      if (group.overflow === 'block' && (group.queue.length >= group.capacity || group.waiters.length > 0)) return false;
    }
    entry.published++;
    for (const group of entry.groups.values()) this.offer(group, value);
    return true;
  }

  subscribe<T>(topic: string, handler: BatchHandler<T>, options: SubscribeOptions): Subscription {
    const entry = this.topicEntry(topic);
    let group = entry.groups.get(options.group);
    if (!group) {
      group = new Group(
        topic,
        options.group,
        Math.max(1, options.maxBatch ?? DEFAULT_MAX_BATCH),
        Math.max(1, options.capacity ?? DEFAULT_CAPACITY),
        options.overflow ?? 'block',
      );
      entry.groups.set(options.group, group);
    }
    const member = handler as BatchHandler<unknown>;
    group.members.push(member);
    this.schedule(group);
    const g = group;
    return {
      unsubscribe: async () => {
        const at = g.members.indexOf(member);
        if (at >= 0) g.members.splice(at, 1);
        if (g.members.length === 0) {
          // Nobody is left to take the queued messages: count them as dropped and free the waiters.
          g.dropped += g.queue.clear() + g.waiters.length;
          for (const w of g.waiters.take(g.waiters.length)) w.resolve();
          if (entry.groups.get(g.name) === g) entry.groups.delete(g.name);
          this.checkIdle();
        }
      },
    };
  }

  drain(): Promise<void> {
    if (this.allIdle()) return RESOLVED;
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stats(): BusStats {
    const topics: BusStats['topics'] = {};
    for (const [name, entry] of this.topics) {
      const groups: BusStats['topics'][string]['groups'] = {};
      for (const g of entry.groups.values()) {
        groups[g.name] = { delivered: g.delivered, dropped: g.dropped, failed: g.failed, queued: g.queue.length + g.waiters.length };
      }
      topics[name] = { published: entry.published, groups };
    }
    return { topics };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.drain();
    this.topics.clear();
  }

  private topicEntry(topic: string) {
    let entry = this.topics.get(topic);
    if (!entry) {
      entry = { published: 0, groups: new Map() };
      this.topics.set(topic, entry);
    }
    return entry;
  }

  /** Queues `value` for a group; returns a promise only when the publisher has to wait for room. */
  private offer(group: Group, value: unknown): Promise<void> | undefined {
    if (group.queue.length < group.capacity && group.waiters.length === 0) {
      group.queue.push(value);
      this.schedule(group);
      return undefined;
    }
    if (group.overflow === 'drop') {
      group.dropped++;
      return undefined;
    }
    this.schedule(group);
    return new Promise<void>((resolve) => group.waiters.push({ value, resolve }));
  }

  private schedule(group: Group): void {
    if (group.scheduled || group.busy || group.members.length === 0) return;
    group.scheduled = true;
    setImmediate(() => {
      group.scheduled = false;
      void this.dispatch(group);
    });
  }

  /** Hands queued messages to members one batch at a time, yielding to I/O every few batches. */
  private async dispatch(group: Group): Promise<void> {
    if (group.busy) return;
    group.busy = true;
    for (let turns = 0; turns < this.batchesPerTurn; turns++) {
      this.admitWaiters(group);
      const member = group.nextMember();
      if (!member || group.queue.length === 0) break;
      const batch = group.queue.take(group.maxBatch);
      this.admitWaiters(group);
      try {
        const result = member(batch);
        if (result !== undefined && typeof (result as Promise<void>).then === 'function') await result;
        group.delivered += batch.length;
      } catch (error) {
        group.failed += batch.length;
        this.options.onHandlerError?.(error, { topic: group.topic, group: group.name, size: batch.length });
      }
    }
    group.busy = false;
    this.admitWaiters(group);
    if (group.queue.length > 0) this.schedule(group);
    else this.checkIdle();
  }

  /** Moves waiting publishers into the queue while there is room, releasing them in order. */
  private admitWaiters(group: Group): void {
    while (group.waiters.length > 0 && group.queue.length < group.capacity) {
      const [w] = group.waiters.take(1);
      group.queue.push(w!.value);
      w!.resolve();
    }
  }

  private allIdle(): boolean {
    for (const entry of this.topics.values()) {
      for (const g of entry.groups.values()) if (!g.idle) return false;
    }
    return true;
  }

  private checkIdle(): void {
    if (this.idleWaiters.length === 0 || !this.allIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
