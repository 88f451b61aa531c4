// One consumer group of one topic in this process: its members, its partition feeds and counters.
// Like the in-process bus it keeps one batch in flight per group (members take turns), so handlers
// never run concurrently for a group; unlike it, a failed batch is redelivered until given up.
import type { JsMsg } from '@nats-io/jetstream';
import type { BatchHandler } from '../bus.js';
import type { ResolvedNatsBusOptions } from './nats-bus-options.js';
import { PartitionFeed, type FeedHost } from './partition-feed.js';

const BATCHES_PER_TURN = 8;
const decoder = new TextDecoder();

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

  private async handle(feed: PartitionFeed, member: BatchHandler<unknown>, msgs: JsMsg[]): Promise<void> {
    const good: JsMsg[] = [];
    const values: unknown[] = [];
    for (const m of msgs) {
      try {
        values.push(JSON.parse(decoder.decode(m.data)));
        good.push(m);
      } catch (error) {
        // Not JSON: no retry can fix it. Terminate, count, report; the rest of the batch goes on.
        m.term();
        this.failed++;
        this.o.onError?.(error, { topic: this.topic, group: this.name, what: `undecodable message at stream sequence ${m.info.streamSequence}` });
      }
    }
    if (good.length === 0) return;
    // A long handler keeps its messages: "working" resets the server's ack-wait timer.
    const heartbeat = setInterval(() => good.forEach((m) => m.working()), Math.max(1000, this.o.ackWaitMs / 3));
    try {
      const result = member(values);
      if (result !== undefined && typeof (result as Promise<void>).then === 'function') await result;
      feed.acknowledge(good);
      this.delivered += good.length;
    } catch (error) {
      const { givenUp, retried } = feed.fail(good);
      this.failed += givenUp;
      this.redelivered += retried;
      this.o.onHandlerError?.(error, { topic: this.topic, group: this.name, size: good.length });
    } finally {
      clearInterval(heartbeat);
    }
  }
}
