// DNP3 link-layer CRC (IEEE 1815-2012 §9.2.4.2): polynomial 0x3D65, reflected, initial 0,
// final complement; sent low byte first. Check value of "123456789" is 0xEA82.

const TABLE = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let crc = i;
  for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xa6bc : crc >>> 1;
  TABLE[i] = crc;
}

/** CRC-16/DNP of `b[start, end)`. */
export function dnp3Crc(b: Uint8Array, start = 0, end = b.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ b[i]!) & 0xff]!;
  return ~crc & 0xffff;
}

/** True when the two bytes after `b[start, end)` hold its CRC (low byte first). */
export function dnp3CrcMatches(b: Uint8Array, start: number, end: number): boolean {
  const crc = dnp3Crc(b, start, end);
  return b[end] === (crc & 0xff) && b[end + 1] === crc >> 8;
}
