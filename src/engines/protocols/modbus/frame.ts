// Modbus/TCP framing: the 7-byte MBAP header (Modbus Messaging on TCP/IP V1.0b §3.1.3) in front
// of each PDU. The length field counts the unit id and the PDU.
import { MBAP_HEADER_BYTES, MBAP_MAX_LENGTH } from './constants.js';

/** One MBAP-framed application data unit. */
export interface ModbusFrame {
  transactionId: number;
  protocolId: number;
  /** Length field: unit id + PDU bytes. */
  length: number;
  unitId: number;
  /** Function code byte as sent (exception bit included). */
  rawFunctionCode: number;
  /** PDU bytes after the function code. */
  data: Uint8Array;
}

/** Stream framing: total ADU length at `off`, 0 when more bytes are needed, -1 when the header is impossible. */
export function mbapLength(b: Uint8Array, off: number, available: number): number {
  if (available < 6) return 0;
  const length = (b[off + 4]! << 8) | b[off + 5]!;
  if (length < 2 || length > MBAP_MAX_LENGTH) return -1;
  return available >= 6 + length ? 6 + length : 0;
}

/** Modbus cannot find a header inside a stream: after damage decoding restarts at the next segment. */
export function mbapResync(_b: Uint8Array, from: number): number {
  return from === 0 ? 0 : -1;
}

/** Splits a whole ADU (as cut by mbapLength) into header fields and PDU. */
export function parseModbusFrame(adu: Uint8Array): ModbusFrame {
  return {
    transactionId: (adu[0]! << 8) | adu[1]!,
    protocolId: (adu[2]! << 8) | adu[3]!,
    length: (adu[4]! << 8) | adu[5]!,
    unitId: adu[6]!,
    rawFunctionCode: adu[MBAP_HEADER_BYTES]!,
    data: adu.subarray(MBAP_HEADER_BYTES + 1),
  };
}
