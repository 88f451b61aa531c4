// IEC 60870-5-104 APCI (§5): start 0x68, APDU length, four control octets that say I, S or U
// format and carry the 15-bit send and receive sequence numbers.
import { IEC104_MAX_LENGTH, IEC104_MIN_LENGTH, IEC104_START, IEC104_U_FUNCTIONS } from './constants.js';

/** Stream framing: APDU length at `off`, 0 when more bytes are needed, -1 when no APDU starts there. */
export function iec104Length(b: Uint8Array, off: number, available: number): number {
  if (b[off] !== IEC104_START) return -1;
  if (available < 2) return 0;
  const len = b[off + 1]!;
  if (len < IEC104_MIN_LENGTH || len > IEC104_MAX_LENGTH) return -1;
  return available >= 2 + len ? 2 + len : 0;
}

/** Next start octet at or after `from`, or -1. */
export function iec104Resync(b: Uint8Array, from: number): number {
  return b.indexOf(IEC104_START, from);
}

/** Control field of one APDU. */
export interface Apci {
  format: 'I' | 'S' | 'U';
  sendSeq?: number;
  recvSeq?: number;
  uFunction?: string;
}

/** Reads the control field of an APDU cut by iec104Length; a string names what is wrong. */
export function parseApci(b: Uint8Array): Apci | string {
  const c1 = b[2]!;
  if ((c1 & 0x01) === 0) {
    return { format: 'I', sendSeq: (c1 | (b[3]! << 8)) >> 1, recvSeq: (b[4]! | (b[5]! << 8)) >> 1 };
  }
  if ((c1 & 0x03) === 0x01) {
    if (b.length !== 6) return 'S-format APDU with an ASDU';
    return { format: 'S', recvSeq: (b[4]! | (b[5]! << 8)) >> 1 };
  }
  const uFunction = IEC104_U_FUNCTIONS[c1];
  if (!uFunction) return `U-format control octet 0x${c1.toString(16)} names no single function`;
  if (b.length !== 6) return 'U-format APDU with an ASDU';
  return { format: 'U', uFunction };
}
