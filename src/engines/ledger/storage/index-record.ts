// The index: one fixed 48-byte record per entry, so entry i is found with one read at i × 48.
//   u32 segment number │ u32 entry length │ u64 byte offset of the frame in the segment │ 32-byte leaf hash
import { HASH_BYTES } from '../merkle/tree-hash.js';

/** Bytes per index record. */
export const INDEX_RECORD_BYTES = 16 + HASH_BYTES;
/** Bytes of the length prefix before each entry in a segment. */
export const FRAME_HEADER_BYTES = 4;

/** Where entry i lives and what its leaf hash is. */
export interface IndexRecord {
  segment: number;
  /** Entry length in bytes, without the frame header. */
  length: number;
  /** Offset of the frame header in the segment file. */
  offset: number;
  leafHash: Buffer;
}

/** Writes a record at `at` in `out`. */
export function writeIndexRecord(out: Buffer, at: number, r: IndexRecord): void {
  out.writeUInt32BE(r.segment, at);
  out.writeUInt32BE(r.length, at + 4);
  out.writeUIntBE(Math.floor(r.offset / 2 ** 32), at + 8, 4);
  out.writeUInt32BE(r.offset >>> 0, at + 12);
  r.leafHash.copy(out, at + 16);
}

/** Reads the record at `at` in `buf`; the leaf hash is a view into `buf`. */
export function readIndexRecord(buf: Buffer, at: number): IndexRecord {
  return {
    segment: buf.readUInt32BE(at),
    length: buf.readUInt32BE(at + 4),
    offset: buf.readUInt32BE(at + 8) * 2 ** 32 + buf.readUInt32BE(at + 12),
    leafHash: buf.subarray(at + 16, at + INDEX_RECORD_BYTES),
  };
}

/** File name of segment `n`. */
export function segmentFileName(n: number): string {
  return `${String(n).padStart(10, '0')}.seg`;
}
