// One direction of a TCP connection put back in order (RFC 9293 §3.4 sequence arithmetic, mod 2^32).
// In-order data goes straight through without copying; early segments wait in a bounded queue;
// when the queue overflows or the connection ends with a hole, the hole is reported as a gap
// and delivery resumes after it (a capture that missed a packet must not stall a decoder).

/** Receives reassembled bytes of one direction; `gapBefore` means bytes were lost just before `data`. */
export type StreamSink = (data: Uint8Array, gapBefore: boolean) => void;

/** Limits of the out-of-order queue, per direction. */
export const TCP_STREAM_LIMITS = { maxQueuedSegments: 64, maxQueuedBytes: 256 * 1024 } as const;

interface Segment {
  seq: number;
  data: Uint8Array;
}

/** Reassembles one direction of a TCP connection. */
export class TcpStream {
  /** Next expected sequence number; undefined until the first SYN or data segment. */
  private next: number | undefined;
  private queue: Segment[] = [];
  private queuedBytes = 0;
  /** Retransmitted bytes dropped because they were already delivered. */
  retransmittedBytes = 0;
  /** Holes skipped because the missing bytes never arrived. */
  gaps = 0;
  private gapPending = false;

  /** Records the SYN: data starts at seq + 1. */
  syn(seq: number): void {
    this.next = (seq + 1) >>> 0;
  }

  /** Accepts one segment's payload at sequence number `seq`. */
  segment(seq: number, data: Uint8Array, sink: StreamSink): void {
    if (data.length === 0) return;
    if (this.next === undefined) this.next = seq;
    const d = (seq - this.next) | 0;
    if (d > 0) {
      this.enqueue(seq, data, sink);
      return;
    }
    if (d < 0) {
      if (d + data.length <= 0) {
        this.retransmittedBytes += data.length;
        return;
      }
      this.retransmittedBytes += -d;
      data = data.subarray(-d);
    }
    this.deliver(data, sink);
    if (this.queue.length > 0) this.drain(sink);
  }

  /** Delivers whatever is queued, skipping holes (the connection ended or is evicted). */
  flush(sink: StreamSink): void {
    while (this.queue.length > 0) this.skipToQueueHead(sink);
  }

  private deliver(data: Uint8Array, sink: StreamSink): void {
    this.next = (this.next! + data.length) >>> 0;
    const gap = this.gapPending;
    this.gapPending = false;
    sink(data, gap);
  }

  private enqueue(seq: number, data: Uint8Array, sink: StreamSink): void {
    let i = this.queue.length;
    while (i > 0 && ((this.queue[i - 1]!.seq - seq) | 0) > 0) i--;
    if (i > 0 && this.queue[i - 1]!.seq === seq) return;
    this.queue.splice(i, 0, { seq, data });
    this.queuedBytes += data.length;
    if (this.queue.length > TCP_STREAM_LIMITS.maxQueuedSegments || this.queuedBytes > TCP_STREAM_LIMITS.maxQueuedBytes) {
      this.skipToQueueHead(sink);
    }
  }

  /** Gives up on the hole before the first queued segment and delivers from there. */
  private skipToQueueHead(sink: StreamSink): void {
    const head = this.queue[0]!;
    if (((head.seq - this.next!) | 0) > 0) {
      this.gaps++;
      this.gapPending = true;
      this.next = head.seq;
    }
    this.drain(sink);
  }

  private drain(sink: StreamSink): void {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const d = (head.seq - this.next!) | 0;
      if (d > 0) return;
      this.queue.shift();
      this.queuedBytes -= head.data.length;
      if (d + head.data.length <= 0) {
        this.retransmittedBytes += head.data.length;
        continue;
      }
      this.deliver(d < 0 ? head.data.subarray(-d) : head.data, sink);
    }
  }
}
