// Streaming capture reader: detects pcap or pcapng from the first bytes, feeds chunks of any size
// to the format parser, and on damage stops with a CaptureStop saying where, keeping all before it.
import { createReadStream } from 'node:fs';
import { isCityguardError } from '../../../domain/index.js';
import { CAPTURE_CORRUPT, CAPTURE_TRUNCATED, captureFormatUnknown, captureUnreadable } from '../errors.js';
import type { CapturedPacket, CaptureStop, CaptureSummary } from './captured-packet.js';
import { PcapParser, isPcapMagic } from './pcap-parser.js';
import { PcapngParser, isPcapngMagic } from './pcapng-parser.js';

type FormatParser = PcapParser | PcapngParser;

/** Push-driven reader of one capture; `origin` names it in messages (a path or "stdin"). */
export class CaptureReader {
  private parser: FormatParser | undefined;
  private pending: Uint8Array | undefined;
  private consumed = 0;
  private stopped: CaptureStop | undefined;

  constructor(
    private readonly onPacket: (packet: CapturedPacket) => void,
    private readonly origin = 'capture',
  ) {}

  /** Feeds the next bytes; returns false once reading has stopped on damage. Throws only when the source is not a capture. */
  push(chunk: Uint8Array): boolean {
    if (this.stopped) return false;
    const buf = this.pending ? concat(this.pending, chunk) : chunk;
    if (!this.parser) {
      if (buf.length < 4) {
        this.pending = buf;
        return true;
      }
      this.parser = chooseParser(buf, this.origin);
    }
    const used = this.parser.parse(buf, this.onPacket);
    this.consumed += used;
    if (this.parser.corruption) {
      this.stopped = {
        code: CAPTURE_CORRUPT,
        atPacket: this.parser.packets + 1,
        offsetBytes: this.consumed,
        message: `${this.origin}: damaged at byte ${this.consumed} (packet ${this.parser.packets + 1}): ${this.parser.corruption.message}; the ${this.parser.packets} packets before it were used`,
      };
      this.pending = undefined;
      return false;
    }
    this.pending = used < buf.length ? buf.slice(used) : undefined;
    return true;
  }

  /** Ends the capture and says how reading went. */
  end(): CaptureSummary {
    const packets = this.parser?.packets ?? 0;
    const format = this.parser instanceof PcapngParser ? 'pcapng' : this.parser ? 'pcap' : 'empty';
    if (!this.parser && this.pending && this.pending.length > 0) throw captureFormatUnknown(this.origin, hex(this.pending));
    if (!this.stopped && this.parser && this.pending && this.pending.length > 0) {
      this.stopped = {
        code: CAPTURE_TRUNCATED,
        atPacket: packets + 1,
        offsetBytes: this.consumed,
        message: `${this.origin}: cut short at byte ${this.consumed} in packet ${packets + 1}: ${this.parser.describeTail(this.pending)}; the ${packets} packets before it were used`,
      };
      this.consumed += this.pending.length;
    }
    const summary: CaptureSummary = { format, packets, bytes: this.consumed };
    if (this.stopped) summary.stop = this.stopped;
    return summary;
  }
}

/** A capture source: a file path, "-" for standard input, or any stream of byte chunks. */
export type CaptureSource = string | AsyncIterable<Uint8Array>;

/** Reads a whole capture, calling `onPacket` for each packet in order; resolves with the summary. */
export async function readCapture(source: CaptureSource, onPacket: (packet: CapturedPacket) => void): Promise<CaptureSummary> {
  const origin = typeof source === 'string' ? (source === '-' ? 'stdin' : source) : 'stream';
  const reader = new CaptureReader(onPacket, origin);
  const stream: AsyncIterable<Uint8Array> =
    typeof source !== 'string' ? source : source === '-' ? process.stdin : createReadStream(source, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      if (!reader.push(chunk)) break;
    }
  } catch (err) {
    if (isCityguardError(err)) throw err;
    throw captureUnreadable(origin, err);
  }
  return reader.end();
}

/** Byte chunks of a capture file, or of standard input for "-"; open and read errors become CG_CAPTURE_UNREADABLE. */
export async function* captureChunks(path: string): AsyncIterable<Uint8Array> {
  const origin = path === '-' ? 'stdin' : path;
  try {
    yield* path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  } catch (err) {
    throw captureUnreadable(origin, err);
  }
}

/** Reads a capture already in memory (benchmarks, tests). */
export function readCaptureBytes(bytes: Uint8Array, onPacket: (packet: CapturedPacket) => void, origin = 'buffer'): CaptureSummary {
  const reader = new CaptureReader(onPacket, origin);
  reader.push(bytes);
  return reader.end();
}

function chooseParser(buf: Uint8Array, origin: string): FormatParser {
  if (isPcapMagic(buf)) return new PcapParser();
  if (isPcapngMagic(buf)) return new PcapngParser();
  throw captureFormatUnknown(origin, hex(buf));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function hex(b: Uint8Array): string {
  return Array.from(b.subarray(0, 4), (x) => x.toString(16).padStart(2, '0')).join(' ');
}
