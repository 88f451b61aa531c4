// Cuts one direction of a reassembled TCP stream into protocol data units. In-order PDUs that
// sit wholly inside one segment are passed on as views without copying; only a PDU split across
// segments is buffered. After a gap, or bytes that cannot start a PDU, the framer resynchronises.

/** Length of the PDU starting at `off`: > 0 its length, 0 need more bytes, < 0 not a PDU start. */
export type PduLength = (b: Uint8Array, off: number, available: number) => number;
/** Offset of the next plausible PDU start at or after `from`, or -1 (then the rest is dropped). */
export type PduResync = (b: Uint8Array, from: number) => number;

/** Frames one direction of a stream; `onPdu` sees whole PDUs, `onJunk` names dropped bytes. */
export class PduFramer {
  private pending: Uint8Array | undefined;

  constructor(
    private readonly lengthOf: PduLength,
    private readonly resync: PduResync,
    private readonly onPdu: (pdu: Uint8Array) => void,
    private readonly onJunk: (droppedBytes: number, why: string) => void,
  ) {}

  /** Accepts the next in-order bytes; `gapBefore` drops any partial PDU waiting before them. */
  push(data: Uint8Array, gapBefore: boolean): void {
    if (gapBefore && this.pending) {
      this.onJunk(this.pending.length, 'bytes lost in the capture cut a message short');
      this.pending = undefined;
    }
    const buf = this.pending ? concat(this.pending, data) : data;
    this.pending = undefined;
    let off = gapBefore ? this.resync(buf, 0) : 0;
    if (off < 0) return;
    while (off < buf.length) {
      const n = this.lengthOf(buf, off, buf.length - off);
      if (n === 0) {
        this.pending = buf.slice(off);
        return;
      }
      if (n < 0) {
        const next = this.resync(buf, off + 1);
        this.onJunk((next < 0 ? buf.length : next) - off, 'bytes that do not start a message');
        if (next < 0) return;
        off = next;
        continue;
      }
      this.onPdu(buf.subarray(off, off + n));
      off += n;
    }
  }

  /** Bytes of an unfinished PDU held back at the end of the stream. */
  get pendingBytes(): number {
    return this.pending?.length ?? 0;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
