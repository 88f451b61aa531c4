// Classic libpcap file format (draft-ietf-opsawg-pcap §4–5): a 24-byte file header, then records of
// a 16-byte header plus the captured bytes. Parses incrementally; the caller keeps unread bytes.
import type { CapturedPacket } from './captured-packet.js';

const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
/** Wireshark's largest accepted packet; a record claiming more is damage, not data. */
const MAX_RECORD_BYTES = 262_144;

const MAGIC_MICROS = 0xa1b2c3d4;
const MAGIC_NANOS = 0xa1b23c4d;

/** True when the first four bytes are a classic pcap magic number in either byte order. */
export function isPcapMagic(b: Uint8Array): boolean {
  const be = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const le = ((b[3]! << 24) | (b[2]! << 16) | (b[1]! << 8) | b[0]!) >>> 0;
  return be === MAGIC_MICROS || be === MAGIC_NANOS || le === MAGIC_MICROS || le === MAGIC_NANOS;
}

/** Incremental pcap parser: feed it the unread bytes, it returns how many it consumed. */
export class PcapParser {
  /** Packets emitted so far. */
  packets = 0;
  /** Set when a record is malformed; parsing stops there. */
  corruption: { offsetInBuffer: number; message: string } | undefined;
  private headerRead = false;
  private littleEndian = true;
  private fractionsPerMs = 1000;
  private linkType = 1;
  private maxRecordBytes = MAX_RECORD_BYTES;

  /** Parses every complete record in `buf`; returns the number of bytes consumed. */
  parse(buf: Uint8Array, emit: (packet: CapturedPacket) => void): number {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let off = 0;
    if (!this.headerRead) {
      if (buf.length < FILE_HEADER_BYTES) return 0;
      this.readFileHeader(view);
      off = FILE_HEADER_BYTES;
    }
    const le = this.littleEndian;
    while (off + RECORD_HEADER_BYTES <= buf.length) {
      const captured = view.getUint32(off + 8, le);
      if (captured > this.maxRecordBytes) {
        this.corruption = {
          offsetInBuffer: off,
          message: `record header claims ${captured} captured bytes, more than the ${this.maxRecordBytes} a packet may have`,
        };
        return off;
      }
      const end = off + RECORD_HEADER_BYTES + captured;
      if (end > buf.length) break;
      emit({
        number: ++this.packets,
        tsMs: view.getUint32(off, le) * 1000 + view.getUint32(off + 4, le) / this.fractionsPerMs,
        linkType: this.linkType,
        data: buf.subarray(off + RECORD_HEADER_BYTES, end),
        originalLength: view.getUint32(off + 12, le),
        interfaceId: 0,
      });
      off = end;
    }
    return off;
  }

  /** Describes what an unfinished tail of `leftBytes` bytes was in the middle of. */
  describeTail(tail: Uint8Array): string {
    if (!this.headerRead) return `the 24-byte file header is cut short (${tail.length} bytes)`;
    if (tail.length < RECORD_HEADER_BYTES) return `a record header is cut short (${tail.length} of 16 bytes)`;
    const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
    const captured = view.getUint32(8, this.littleEndian);
    return `its record announces ${captured} bytes but only ${tail.length - RECORD_HEADER_BYTES} remain`;
  }

  private readFileHeader(view: DataView): void {
    const magicBe = view.getUint32(0, false);
    this.littleEndian = !(magicBe === MAGIC_MICROS || magicBe === MAGIC_NANOS);
    const magic = view.getUint32(0, this.littleEndian);
    this.fractionsPerMs = magic === MAGIC_NANOS ? 1_000_000 : 1000;
    const snapLen = view.getUint32(16, this.littleEndian);
    this.maxRecordBytes = Math.max(MAX_RECORD_BYTES, snapLen > 0x1000000 ? 0 : snapLen);
    // The upper bits of the link-type field carry FCS information (draft-ietf-opsawg-pcap §4).
    this.linkType = view.getUint32(20, this.littleEndian) & 0x0fffffff;
    this.headerRead = true;
  }
}
