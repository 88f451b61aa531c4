// One consumer group of one topic in this process: its members, its partition feeds and counters.
// Like the in-process bus it keeps one batch in flight per group (members take turns), so handlers
// never run concurrently for a group; unlike it, a failed batch is redelivered until given up.
import type { JsMsg } from '@nats-io/jetstream';
import type { BatchHandler } from '../bus.js';
import { decodeEnvelope } from './envelope.js';
import type { ResolvedNatsBusOptions } from './nats-bus-options.js';
import { PartitionFeed, type FeedHost } from './partition-feed.js';

const BATCHES_PER_TURN = 8;

/** A group's members and partition feeds in this process. */
export class GroupConsumer implements FeedHost {
  readonly members: BatchHandler<unknown>[] = [];
  readonly feeds = new Map<number, PartitionFeed>();
  delivered = 0;
  dropped = 0;
  failed = 0;
  redelivered = 0;
  stopped = false;
  private busy = false;
  private scheduled = false;
  private memberTurn = 0;
  private feedTurn = 0;

  constructor(
    readonly topic: string,
    readonly name: string,
    readonly maxBatch: number,
    readonly capacity: number,
    readonly overflow: 'block' | 'drop',
    private readonly o: ResolvedNatsBusOptions,
  ) {}

  /** Messages outstanding per partition: twice a batch, so the next batch is local when one finishes. */
  get prefetch(): number {
    return Math.max(16, this.maxBatch * 2);
  }

  /** Creates the feed of a partition (the caller starts it). */
  addFeed(partition: number): PartitionFeed {
    const feed = new PartitionFeed(partition, this, this.o);
    this.feeds.set(partition, feed);
    return feed;
  }

  backlog(): number {
    let n = 0;
    for (const f of this.feeds.values()) n += f.queued;
    return n;
  }

  countDropped(): void {
    this.dropped++;
  }

  /** True when no batch is running and no feed holds a message. */
  get idle(): boolean {
    if (this.busy || this.scheduled) return false;
    for (const f of this.feeds.values()) if (!f.idle) return false;
    return true;
  }

  wake(): void {
    if (this.scheduled || this.busy || this.stopped || this.members.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.dispatch();
    });
  }

  /** Stops every feed; a batch being handled still finishes and is acknowledged. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.feeds.values()].map((f) => f.stop()));
    this.feeds.clear();
  }

  /** Stops the feed of one partition (it moves to another process). */
  async stopFeed(partition: number): Promise<void> {
    const feed = this.feeds.get(partition);
    this.feeds.delete(partition);
    await feed?.stop();
  }

  private nextFeed(): PartitionFeed | undefined {
    const feeds = [...this.feeds.values()];
    for (let i = 0; i < feeds.length; i++) {
      const feed = feeds[(this.feedTurn + i) % feeds.length]!;
      if (feed.ready) {
        this.feedTurn = (this.feedTurn + i + 1) % feeds.length;
        return feed;
      }
    }
    return undefined;
  }

  private async dispatch(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    for (let turn = 0; turn < BATCHES_PER_TURN && !this.stopped; turn++) {
      const feed = this.nextFeed();
      if (!feed || this.members.length === 0) break;
      this.memberTurn = (this.memberTurn + 1) % this.members.length;
      await this.handle(feed, this.members[this.memberTurn]!, feed.take(this.maxBatch));
    }
    this.busy = false;
    for (const f of this.feeds.values()) if (f.ready) return this.wake();
  }

  /**
   * Hands a feed's messages to a member in batches of at most `maxBatch` values: a batch envelope
   * may be split over several calls, and is acknowledged once all its values were handled. After a
   * failure, messages already handled are acknowledged, an envelope handled in part remembers where
   * to resume, and the rest is redelivered; in isolation (one value at a time) a value of an envelope
   * that fails at the last attempt is given up and counted alone, so the good values around it arrive.
   */
  private async handle(feed: PartitionFeed, member: BatchHandler<unknown>, msgs: JsMsg[]): Promise<void> {
    const items = this.decode(msgs, feed);
    let at = 0;
    for (;;) {
      while (at < items.length && items[at]!.from >= items[at]!.values.length) feed.acknowledge([items[at++]!.m]);
      if (at >= items.length) return;
      const first = items[at]!;
      const limit = feed.isolating(first.m) ? 1 : this.maxBatch;
      const chunk: unknown[] = [];
      const spans: Array<[DecodedMessage, number]> = [];
      for (let i = at; i < items.length && chunk.length < limit; i++) {
        const it = items[i]!;
        const to = Math.min(it.values.length, it.from + limit - chunk.length);
        for (let v = it.from; v < to; v++) chunk.push(it.values[v]);
        spans.push([it, to]);
      }
      try {
        await this.call(member, spans.map(([it]) => it.m), chunk);
        this.delivered += chunk.length;
        for (const [it, to] of spans) it.from = to;
      } catch (error) {
        this.o.onHandlerError?.(error, { topic: this.topic, group: this.name, size: chunk.length });
        if (limit === 1 && first.values.length > 1 && first.m.info.deliveryCount >= this.o.maxDeliver) {
          this.failed++; // the last attempt for this one value: give it up and go on with the envelope
          first.from++;
          continue;
        }
        feed.remember(first.m, first.from);
        const tried = items.slice(at, at + spans.length);
        const lastAttempt = tried.filter((it) => it.m.info.deliveryCount >= this.o.maxDeliver);
        const { retried } = feed.fail(tried.map((it) => it.m), items.slice(at + spans.length).map((it) => it.m), chunk.length > 1);
        this.failed += lastAttempt.reduce((n, it) => n + it.values.length - it.from, 0);
        this.redelivered += retried;
        return;
      }
    }
  }

  /** Decodes each message's values; a message that is not JSON is terminated and counted, never retried. */
  private decode(msgs: readonly JsMsg[], feed: PartitionFeed): DecodedMessage[] {
    const items: DecodedMessage[] = [];
    for (const m of msgs) {
      try {
        items.push({ m, values: decodeEnvelope(m.data), from: feed.resumeAt(m) });
      } catch (error) {
        m.term();
        this.failed++;
        this.o.onError?.(error, { topic: this.topic, group: this.name, what: `undecodable message at stream sequence ${m.info.streamSequence}` });
      }
    }
    return items;
  }

  /** Calls the member; a long handler keeps its messages ("working" resets the server's ack-wait timer). */
  private async call(member: BatchHandler<unknown>, msgs: readonly JsMsg[], values: unknown[]): Promise<void> {
    const heartbeat = setInterval(() => msgs.forEach((m) => m.working()), Math.max(1000, this.o.ackWaitMs / 3));
    try {
      const result = member(values);
      if (result !== undefined && typeof (result as Promise<void>).then === 'function') await result;
    } finally {
      clearInterval(heartbeat);
    }
  }
}

/** A message with its values and how many of them were handled. */
interface DecodedMessage {
  m: JsMsg;
  values: unknown[];
  /** Index of the first value not yet handled. */
  from: number;
}
