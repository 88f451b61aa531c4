// pcapng (draft-ietf-opsawg-pcapng): blocks of type, length, body, length. Reads section headers,
// interface descriptions (link type, timestamp resolution) and enhanced, simple and obsolete
// packet blocks; every other block is skipped. Parses incrementally like PcapParser.
import type { CapturedPacket } from './captured-packet.js';

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const OBSOLETE_PB = 0x00000002;
const SPB = 0x00000003;
const EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const MAX_BLOCK_BYTES = 16 * 1024 * 1024;
const OPT_IF_TSRESOL = 9;

interface InterfaceInfo {
  linkType: number;
  snapLen: number;
  /** Timestamp units per millisecond (1000 for the default microseconds). */
  unitsPerMs: number;
}

/** True when the first four bytes are a pcapng section header block type. */
export function isPcapngMagic(b: Uint8Array): boolean {
  return b[0] === 0x0a && b[1] === 0x0d && b[2] === 0x0d && b[3] === 0x0a;
}

/** Incremental pcapng parser: feed it the unread bytes, it returns how many it consumed. */
export class PcapngParser {
  packets = 0;
  corruption: { offsetInBuffer: number; message: string } | undefined;
  private littleEndian = true;
  private interfaces: InterfaceInfo[] = [];

  /** Parses every complete block in `buf`; returns the number of bytes consumed. */
  parse(buf: Uint8Array, emit: (packet: CapturedPacket) => void): number {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let off = 0;
    while (off + 12 <= buf.length) {
      const type = view.getUint32(off, this.littleEndian);
      if (type === SHB) this.littleEndian = view.getUint32(off + 8, true) === BYTE_ORDER_MAGIC;
      const le = this.littleEndian;
      const length = view.getUint32(off + 4, le);
      const problem = blockLengthProblem(length);
      if (problem) return this.corrupt(off, problem);
      if (off + length > buf.length) break;
      if (view.getUint32(off + length - 4, le) !== length) {
        return this.corrupt(off, `block of type 0x${type.toString(16)} ends with a different length than it starts with`);
      }
      const bad = this.readBlock(view, off, type, length, buf, emit);
      if (bad) return this.corrupt(off, bad);
      off += length;
    }
    return off;
  }

  /** Describes what an unfinished tail was in the middle of. */
  describeTail(tail: Uint8Array): string {
    if (tail.length < 12) return `a block header is cut short (${tail.length} bytes)`;
    const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
    const length = view.getUint32(4, this.littleEndian);
    return `its block announces ${length} bytes but only ${tail.length} remain`;
  }

  private corrupt(off: number, message: string): number {
    this.corruption = { offsetInBuffer: off, message };
    return off;
  }

  private readBlock(
    view: DataView,
    off: number,
    type: number,
    length: number,
    buf: Uint8Array,
    emit: (packet: CapturedPacket) => void,
  ): string | undefined {
    const le = this.littleEndian;
    if (type === SHB) {
      this.interfaces = [];
      return undefined;
    }
    if (type === IDB) {
      if (length < 20) return 'interface description block too short';
      this.interfaces.push({
        linkType: view.getUint16(off + 8, le),
        snapLen: view.getUint32(off + 12, le),
        unitsPerMs: readTsUnitsPerMs(view, off + 16, off + length - 4, le),
      });
      return undefined;
    }
    if (type === EPB || type === OBSOLETE_PB) {
      if (length < 32) return 'packet block too short';
      const ifId = type === EPB ? view.getUint32(off + 8, le) : view.getUint16(off + 8, le);
      const iface = this.interfaces[ifId];
      if (!iface) return `packet block names interface ${ifId}, which no interface description block declared`;
      const captured = view.getUint32(off + 20, le);
      if (28 + captured + 4 > length) return `packet block claims ${captured} captured bytes but holds ${length - 32}`;
      const ts = view.getUint32(off + 12, le) * (4294967296 / iface.unitsPerMs) + view.getUint32(off + 16, le) / iface.unitsPerMs;
      emit({
        number: ++this.packets,
        tsMs: ts,
        linkType: iface.linkType,
        data: buf.subarray(off + 28, off + 28 + captured),
        originalLength: view.getUint32(off + 24, le),
        interfaceId: ifId,
      });
      return undefined;
    }
    if (type === SPB) {
      const iface = this.interfaces[0];
      if (!iface) return 'simple packet block before any interface description block';
      const original = view.getUint32(off + 8, le);
      const captured = Math.min(original, iface.snapLen || original, length - 16);
      emit({
        number: ++this.packets,
        tsMs: 0,
        linkType: iface.linkType,
        data: buf.subarray(off + 12, off + 12 + captured),
        originalLength: original,
        interfaceId: 0,
      });
    }
    return undefined;
  }
}

function blockLengthProblem(length: number): string | undefined {
  if (length < 12 || length % 4 !== 0) return `block length ${length} is not a multiple of 4 of at least 12`;
  if (length > MAX_BLOCK_BYTES) return `block length ${length} exceeds ${MAX_BLOCK_BYTES} bytes`;
  return undefined;
}

/** Reads the if_tsresol option (pcapng §4.2): 10^-n or 2^-n seconds; default microseconds. */
function readTsUnitsPerMs(view: DataView, start: number, end: number, le: boolean): number {
  let off = start;
  while (off + 4 <= end) {
    const code = view.getUint16(off, le);
    const len = view.getUint16(off + 2, le);
    if (code === 0) break;
    if (code === OPT_IF_TSRESOL && len >= 1) {
      const r = view.getUint8(off + 4);
      const unitsPerSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
      return unitsPerSecond / 1000;
    }
    off += 4 + ((len + 3) & ~3);
  }
  return 1000;
}
