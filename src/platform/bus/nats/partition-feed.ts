// One consumer group's durable consumer on one partition, as this process sees it: messages pulled
// into a buffer (bounded by the consumer's max_ack_pending), taken in order by the group, then
// acknowledged, or nak'ed for redelivery, or terminated when dropped or given up.
// Invariant: the group sees this partition's messages in stream order, across redeliveries too; a
// batch envelope handled in part resumes after the values already handled.
// After a failure every unhandled message is nak'ed in order, and later arrivals are nak'ed until
// the first of them comes back: the server redelivers nak'ed messages first, in nak order.
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { FifoQueue } from '../bounded-queue.js';

/** What a feed needs from the group it belongs to. */
export interface FeedHost {
  readonly capacity: number;
  readonly overflow: 'block' | 'drop';
  /** Messages the group has not handled yet, over all its partitions in this process. */
  backlog(): number;
  countDropped(): void;
  /** A message is ready to be handled. */
  wake(): void;
}

/** Redelivery settings of a feed. */
export interface FeedRetry {
  ackWaitMs: number;
  maxDeliver: number;
  retryBackoffMs: number;
}

/** Messages of one partition for one group, with their acknowledgement. */
export class PartitionFeed {
  /** Messages on the server not yet delivered to this consumer, as last reported. */
  serverPending = 0;
  private readonly buffer = new FifoQueue<JsMsg>();
  /** Failed messages waiting out their backoff before they are nak'ed. */
  private held: JsMsg[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Sequences nak'ed to restore order and not yet back, ascending. While any is out, a message after
   * the first of them is nak'ed too (and joins them): it arrived before its turn.
   */
  private awaiting: number[] = [];
  private rewindUntilMs = 0;
  /** Messages up to this stream sequence are handled one at a time (after a failed batch, to find the bad one). */
  private isolateThrough = 0;
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  /** Batch envelopes handled in part before a failure: stream sequence → index of the first value not yet handled. */
  private readonly progress = new Map<number, number>();

  constructor(
    readonly partition: number,
    private readonly host: FeedHost,
    private readonly retry: FeedRetry,
  ) {}

  /** Starts pulling; at most `prefetch` messages are outstanding (the consumer's max_ack_pending). */
  async start(consumer: Consumer, prefetch: number): Promise<void> {
    this.messages = await consumer.consume({ max_messages: prefetch, callback: (m) => this.receive(m) });
    if (this.stopped) await this.messages.close();
  }

  /** True when a batch can be taken now. */
  get ready(): boolean {
    return this.buffer.length > 0 && this.held.length === 0 && !this.stopped;
  }

  /** True when nothing of this partition waits in this process. */
  get idle(): boolean {
    return this.buffer.length === 0 && this.held.length === 0 && this.retryTimer === undefined;
  }

  /** Messages not yet handled: on the server, buffered here, or held for retry. */
  get queued(): number {
    return this.serverPending + this.buffer.length + this.held.length;
  }

  /** Takes the next batch, oldest first; a single message while isolating a failed batch. */
  take(max: number): JsMsg[] {
    const first = this.buffer.take(1);
    if (max <= 1 || first[0]!.info.streamSequence <= this.isolateThrough) return first;
    return first.concat(this.buffer.take(max - 1));
  }

  /** Acknowledges a handled batch. */
  acknowledge(batch: readonly JsMsg[]): void {
    for (const m of batch) {
      m.ack();
      this.progress.delete(m.info.streamSequence);
    }
  }

  /** True while messages up to a failed batch's last one are handled one value at a time. */
  isolating(m: JsMsg): boolean {
    return m.info.streamSequence <= this.isolateThrough;
  }

  /** Index of the first value of a batch envelope not yet handled (0 for a message seen the first time). */
  resumeAt(m: JsMsg): number {
    return this.progress.get(m.info.streamSequence) ?? 0;
  }

  /** Records how far into a batch envelope handling got before a failure, so its redelivery resumes there. */
  remember(m: JsMsg, nextIndex: number): void {
    if (nextIndex > 0) this.progress.set(m.info.streamSequence, nextIndex);
  }

  /**
   * Handles a failed batch: tried messages at their last attempt are terminated (given up), the rest
   * — with `untried` ones taken but not yet handed over — are held for a backoff and then nak'ed
   * together with everything buffered behind them; with `isolate` they come back one value at a time.
   */
  fail(tried: readonly JsMsg[], untried: readonly JsMsg[] = [], isolate = tried.length > 1): { givenUp: number; retried: number } {
    const again: JsMsg[] = [];
    for (const m of tried) {
      // `term()` without a reason: servers before 2.10 do not recognise `+TERM <reason>` and ignore it.
      if (m.info.deliveryCount >= this.retry.maxDeliver) {
        m.term();
        this.progress.delete(m.info.streamSequence);
      } else again.push(m);
    }
    again.push(...untried);
    const givenUp = tried.length - (again.length - untried.length);
    if (again.length === 0) return { givenUp, retried: 0 };
    if (this.stopped) {
      for (const m of again) m.nak();
      return { givenUp, retried: again.length };
    }
    // Several values failed together: hand them out one at a time until past them, to find the bad one.
    if (isolate || untried.length > 0) this.isolateThrough = Math.max(this.isolateThrough, again[again.length - 1]!.info.streamSequence);
    this.held = again;
    const attempt = Math.min(again[0]!.info.deliveryCount, 6);
    this.retryTimer = setTimeout(() => this.redeliver(), this.retry.retryBackoffMs * 2 ** (attempt - 1));
    return { givenUp, retried: again.length };
  }

  /** Stops pulling; whatever was delivered but not handled is nak'ed so another member gets it at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    for (const m of this.held.splice(0)) m.nak();
    for (const m of this.buffer.take(this.buffer.length)) m.nak();
    await this.messages?.close();
  }

  /** Adds a sequence to those awaited back, keeping them ascending. */
  private await(seq: number): void {
    let i = this.awaiting.length;
    while (i > 0 && this.awaiting[i - 1]! > seq) i--;
    if (this.awaiting[i - 1] !== seq) this.awaiting.splice(i, 0, seq);
  }

  private redeliver(): void {
    this.retryTimer = undefined;
    const naks = this.held.concat(this.buffer.take(this.buffer.length));
    this.held = [];
    for (const m of naks) m.nak();
    if (naks.length > 0) {
      for (const m of naks) this.await(m.info.streamSequence);
      // Should one never return (removed by a stream limit), stop waiting after ack-wait.
      this.rewindUntilMs = Date.now() + this.retry.ackWaitMs;
    }
  }

  private receive(m: JsMsg): void {
    if (this.stopped) {
      m.nak();
      return;
    }
    const seq = m.info.streamSequence;
    if (this.awaiting.length > 0) {
      if (Date.now() >= this.rewindUntilMs) this.awaiting = [];
      else if (seq > this.awaiting[0]!) {
        // Sent before our naks reached the server (or before its predecessors came back): it must come after them.
        m.nak();
        this.await(seq);
        return;
      } else if (seq === this.awaiting[0]) this.awaiting.shift();
    }
    this.serverPending = m.info.pending;
    if (this.host.overflow === 'drop' && this.host.backlog() >= this.host.capacity) {
      m.term();
      this.host.countDropped();
      return;
    }
    this.buffer.push(m);
    this.host.wake();
  }
}
