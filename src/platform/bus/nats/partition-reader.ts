// Reads one partition of a topic for one group, handing batches to a handler one at a time, and
// acknowledges only when told: the owner (a detection worker) first stores a checkpoint of its
// state covering a stream sequence, then acknowledges through it (one AckAll for the lot). So the
// stream always holds every message after the last checkpoint, and a new owner resumes from there.
// A message the server hands out again (its acknowledgement wait ran out) is recognised by its
// sequence and skipped: this reader is the partition's only one, and it already has it.
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { FifoQueue } from '../bounded-queue.js';
import { decodeEnvelope } from './envelope.js';

/** What the handler gets: values in stream order and the stream position they end at. */
export interface PartitionBatch<T> {
  values: T[];
  /** Stream sequence of the batch's last message; pass it to `acknowledgeThrough` after a checkpoint. */
  lastSeq: number;
  /** Messages on the server not yet delivered to this reader when the batch's last one was. */
  pending: number;
  /** Messages in the batch that were not JSON (skipped, counted). */
  undecodable: number;
}

/** How a reader hands out batches and reports trouble. */
export interface PartitionReaderHooks<T> {
  /** Most values per batch; messages are never split, so a batch envelope may exceed it. */
  maxBatch: number;
  handler(batch: PartitionBatch<T>): void | Promise<void>;
  /**
   * The reader has stopped on its own: the handler failed (`handler-failed`; the partition may be
   * reopened from its checkpoint), or its consumer was removed (`consumer-gone`: another owner took over).
   */
  onStopped?(reason: unknown, cause: 'handler-failed' | 'consumer-gone'): void;
}

/** Reads one partition through its own durable consumer. */
export class PartitionReader<T> {
  /** Last stream sequence handed to the handler (or covered by the start position). */
  handledSeq: number;
  /** Last stream sequence acknowledged. */
  acknowledgedSeq: number;
  /** Messages on the server not yet delivered, as of the last one received. */
  serverPending = 0;
  undecodable = 0;
  private readonly buffer = new FifoQueue<JsMsg>();
  private readonly handledEnds: JsMsg[] = [];
  private receivedSeq: number;
  private messages: ConsumerMessages | undefined;
  private pumping = false;
  private stopped = false;

  constructor(
    readonly partition: number,
    readonly consumerName: string,
    startAfter: number,
    private readonly hooks: PartitionReaderHooks<T>,
  ) {
    this.handledSeq = startAfter;
    this.acknowledgedSeq = startAfter;
    this.receivedSeq = startAfter;
  }

  /** Starts pulling up to `pullBatch` messages at a time. */
  async start(consumer: Consumer, pullBatch: number): Promise<void> {
    this.messages = await consumer.consume({ max_messages: pullBatch, callback: (m) => this.receive(m), abort_on_missing_resource: true });
    void this.watch(this.messages);
    if (this.stopped) await this.messages.close();
  }

  /** True when nothing received waits to be handled and the server had nothing more to deliver. */
  get caughtUp(): boolean {
    return this.buffer.length === 0 && this.serverPending === 0 && !this.pumping;
  }

  /** Messages received but not yet handed to the handler. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Acknowledges every handled message up to `seq` (after the owner's checkpoint covering it). */
  acknowledgeThrough(seq: number): void {
    let last: JsMsg | undefined;
    while (this.handledEnds.length > 0 && this.handledEnds[0]!.seq <= seq) last = this.handledEnds.shift();
    if (!last || this.stopped) return;
    last.ack();
    this.acknowledgedSeq = last.seq;
  }

  /** Stops pulling; unacknowledged messages stay for whoever reads the partition next. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.messages?.close().catch(() => undefined);
  }

  private receive(m: JsMsg): void {
    if (this.stopped || m.seq <= this.receivedSeq) return; // handed out again: already here or handled
    this.receivedSeq = m.seq;
    this.serverPending = m.info.pending;
    this.buffer.push(m);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.buffer.length > 0 && !this.stopped) {
        const batch = this.take();
        await this.hooks.handler(batch);
        this.handledSeq = batch.lastSeq;
      }
    } catch (error) {
      await this.stop();
      this.hooks.onStopped?.(error, 'handler-failed');
    } finally {
      this.pumping = false;
    }
  }

  private take(): PartitionBatch<T> {
    const values: T[] = [];
    let undecodable = 0;
    let last: JsMsg | undefined;
    while (this.buffer.length > 0 && values.length < this.hooks.maxBatch) {
      const [m] = this.buffer.take(1);
      last = m!;
      try {
        for (const v of decodeEnvelope(m!.data)) values.push(v as T);
      } catch {
        undecodable++; // a foreign publisher's message: no retry can fix it; it is skipped and counted
      }
    }
    this.undecodable += undecodable;
    this.handledEnds.push(last!);
    return { values, lastSeq: last!.seq, pending: last!.info.pending, undecodable };
  }

  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const s of messages.status()) {
      if (s.type === 'consumer_deleted' || s.type === 'consumer_not_found' || s.type === 'stream_not_found') {
        await this.stop();
        this.hooks.onStopped?.(new Error(`the consumer of partition ${this.partition} is gone (${s.type}): another owner took it over`), 'consumer-gone');
        return;
      }
    }
  }
}
