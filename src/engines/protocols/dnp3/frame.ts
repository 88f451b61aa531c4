// DNP3 data link frames (IEEE 1815-2012 §9.2): 0x05 0x64, length, control, destination,
// source (little-endian), header CRC, then user data in 16-octet blocks each followed by a CRC.
import { DNP3_BLOCK_BYTES, DNP3_HEADER_BYTES, DNP3_START_0, DNP3_START_1 } from './constants.js';
import { dnp3CrcMatches } from './crc.js';

/** A link frame with CRCs checked and user data joined. */
export interface Dnp3LinkFrame {
  length: number;
  control: number;
  destination: number;
  source: number;
  /** User data without CRCs (transport header + application bytes). */
  userData: Uint8Array;
}

/** Total octets on the wire of a frame whose length field is `len` (CRCs included). */
export function dnp3FrameBytes(len: number): number {
  const data = len - 5;
  return DNP3_HEADER_BYTES + data + 2 * Math.ceil(data / DNP3_BLOCK_BYTES);
}

/** Stream framing: frame length at `off`, 0 when more bytes are needed, -1 when no frame starts there. */
export function dnp3Length(b: Uint8Array, off: number, available: number): number {
  if (available < 3) return available >= 1 && b[off] !== DNP3_START_0 ? -1 : 0;
  if (b[off] !== DNP3_START_0 || b[off + 1] !== DNP3_START_1 || b[off + 2]! < 5) return -1;
  const total = dnp3FrameBytes(b[off + 2]!);
  return available >= total ? total : 0;
}

/** Next 0x05 0x64 at or after `from`, or -1. */
export function dnp3Resync(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) if (b[i] === DNP3_START_0 && b[i + 1] === DNP3_START_1) return i;
  return -1;
}

/** Checks the CRCs of a frame cut by dnp3Length and joins its user data; a string names the failed check. */
export function parseDnp3Frame(b: Uint8Array): Dnp3LinkFrame | string {
  if (!dnp3CrcMatches(b, 0, 8)) return 'link header CRC does not match';
  const len = b[2]!;
  const dataBytes = len - 5;
  const userData = new Uint8Array(dataBytes);
  let src = DNP3_HEADER_BYTES;
  for (let done = 0, block = 0; done < dataBytes; block++) {
    const n = Math.min(DNP3_BLOCK_BYTES, dataBytes - done);
    if (!dnp3CrcMatches(b, src, src + n)) return `CRC of user data block ${block + 1} does not match`;
    userData.set(b.subarray(src, src + n), done);
    done += n;
    src += n + 2;
  }
  return {
    length: len,
    control: b[3]!,
    destination: b[4]! | (b[5]! << 8),
    source: b[6]! | (b[7]! << 8),
    userData,
  };
}
