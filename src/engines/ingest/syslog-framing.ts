// Splits a TCP syslog byte stream into messages (RFC 6587 §3.4): octet counting ("<length> <message>")
// when a frame starts with a digit, otherwise non-transparent framing ended by LF (CR LF and NUL too).
// Frames above the size limit are skipped and reported, so one huge line cannot stall the stream.

/** What the decoder found in a chunk. */
export type SyslogFrame = { ok: true; message: string } | { ok: false; sizeBytes: number; excerpt: Buffer };

/** Incremental decoder for one TCP connection. */
export class SyslogFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes of an oversized frame still to skip. */
  private skipping = 0;
  /** True while discarding the rest of an oversized LF-framed line. */
  private discardingLine = false;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds bytes; returns the frames completed by them, in order. */
  push(chunk: Buffer): SyslogFrame[] {
    const out: SyslogFrame[] = [];
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (this.skipping > 0) {
        const n = Math.min(this.skipping, buf.length);
        this.skipping -= n;
        buf = buf.subarray(n);
        if (this.skipping > 0) break;
      }
      if (this.discardingLine) {
        const end = buf.findIndex((b) => b === 0x0a || b === 0x00);
        if (end < 0) {
          buf = buf.subarray(buf.length);
          break;
        }
        this.discardingLine = false;
        buf = buf.subarray(end + 1);
      }
      while (buf.length > 0 && (buf[0] === 0x0a || buf[0] === 0x0d || buf[0] === 0x00)) buf = buf.subarray(1);
      if (buf.length === 0) break;
      const frame = buf[0]! >= 0x31 && buf[0]! <= 0x39 ? this.octetCounted(buf, out) : this.lineFramed(buf, out);
      if (frame === null) break;
      buf = buf.subarray(frame);
    }
    this.pending = Buffer.from(buf);
    return out;
  }

  /** Consumes one octet-counted frame; returns bytes used, or null when more bytes are needed. */
  private octetCounted(buf: Buffer, out: SyslogFrame[]): number | null {
    const space = buf.indexOf(0x20);
    if (space < 0) return buf.length > 10 ? this.lineFramed(buf, out) : null;
    const length = Number(buf.subarray(0, space).toString('latin1'));
    if (!Number.isInteger(length) || space > 10) return this.lineFramed(buf, out);
    if (length > this.maxFrameBytes) {
      out.push({ ok: false, sizeBytes: length, excerpt: buf.subarray(space + 1, space + 1 + 256) });
      this.skipping = length;
      return space + 1;
    }
    if (buf.length < space + 1 + length) return null;
    out.push({ ok: true, message: buf.subarray(space + 1, space + 1 + length).toString('utf8') });
    return space + 1 + length;
  }

  /** Consumes one LF-terminated frame; returns bytes used, or null when more bytes are needed. */
  private lineFramed(buf: Buffer, out: SyslogFrame[]): number | null {
    let end = buf.indexOf(0x0a);
    const nul = buf.indexOf(0x00);
    if (nul >= 0 && (end < 0 || nul < end)) end = nul;
    if (end < 0) {
      if (buf.length <= this.maxFrameBytes) return null;
      out.push({ ok: false, sizeBytes: buf.length, excerpt: buf.subarray(0, 256) });
      this.discardingLine = true;
      return buf.length;
    }
    if (end > this.maxFrameBytes) {
      out.push({ ok: false, sizeBytes: end, excerpt: buf.subarray(0, 256) });
      return end + 1;
    }
    const line = buf.subarray(0, end).toString('utf8');
    out.push({ ok: true, message: line.endsWith('\r') ? line.slice(0, -1) : line });
    return end + 1;
  }
}
