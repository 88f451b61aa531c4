// Bounds-checked reading of binary envelopes: every read either returns a value or marks the
// reader failed, so a truncated or hostile message never throws out of a parser.

/** Sequential reader over untrusted bytes. */
export class ByteReader {
  private at = 0;
  failed = false;

  constructor(private readonly buf: Buffer) {}

  /** Current offset. */
  get offset(): number {
    return this.at;
  }

  /** Bytes left. */
  get remaining(): number {
    return this.buf.length - this.at;
  }

  private take(n: number): Buffer | undefined {
    if (this.failed || n < 0 || this.at + n > this.buf.length) {
      this.failed = true;
      return undefined;
    }
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** One unsigned byte (0 when failed). */
  u8(): number {
    return this.take(1)?.[0] ?? 0;
  }

  /** Big-endian uint32 (0 when failed). */
  u32(): number {
    return this.take(4)?.readUInt32BE(0) ?? 0;
  }

  /** Big-endian uint64 as a safe integer; marks the reader failed above 2^53. */
  u64(): number {
    const b = this.take(8);
    if (!b) return 0;
    const value = b.readUInt32BE(0) * 2 ** 32 + b.readUInt32BE(4);
    if (!Number.isSafeInteger(value)) this.failed = true;
    return value;
  }

  /** `n` raw bytes (a view). */
  bytes(n: number): Buffer {
    return this.take(n) ?? Buffer.alloc(0);
  }

  /** Everything left (a view). */
  rest(): Buffer {
    return this.take(this.remaining) ?? Buffer.alloc(0);
  }
}

/** Writes a uint64 (safe integer) big-endian at `at`. */
export function writeU64(buf: Buffer, value: number, at: number): void {
  buf.writeUInt32BE(Math.floor(value / 2 ** 32), at);
  buf.writeUInt32BE(value >>> 0, at + 4);
}
