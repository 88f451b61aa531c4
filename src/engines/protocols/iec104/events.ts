// Typed IEC 60870-5-104 messages: one per APDU.
import type { MessageMeta } from '../message-meta.js';
import type { Iec104Operation } from './constants.js';

/** One information object of an ASDU. */
export interface Iec104Object {
  /** Information object address (3 octets). */
  ioa: number;
  /** Element value: single/double point state, step position, bitstring, normalized (−1..1), scaled or float value, counter, command state, qualifier, or time (ms since epoch) for clock sync. */
  value?: number;
  /** Quality descriptor (QDS/SIQ/DIQ upper bits) or counter sequence octet. */
  quality?: number;
  /** Commands and set-points: select (true) or execute (false) — the S/E bit. */
  select?: boolean;
  /** Command qualifier (QU) or set-point qualifier (QL). */
  qualifier?: number;
  /** CP56Time2a time tag, ms since the epoch (local time as the device wrote it, read as UTC). */
  timeMs?: number;
  /** Element bytes for types not decoded to a value (protection events, file transfer). */
  raw?: Uint8Array;
}

/** Application service data unit of an I-format APDU. */
export interface Iec104Asdu {
  typeId: number;
  /** Type name (`M_ME_NC_1`, `C_SC_NA_1`, ...) or `type_<n>`. */
  typeName: string;
  operation: Iec104Operation | 'other';
  /** SQ bit: objects are a sequence from one address. */
  sequence: boolean;
  /** Number of information objects (VSQ). */
  count: number;
  /** Cause of transmission number and name, negative confirm (P/N), test (T). */
  cause: number;
  causeName: string;
  negative: boolean;
  test: boolean;
  originator: number;
  /** Common address of ASDU (station). */
  commonAddress: number;
  objects: Iec104Object[];
  /** Information object bytes as sent (everything after the data unit identifier). */
  body: Uint8Array;
}

/** One APDU: APCI with its format and sequence numbers, and the ASDU of I-frames. */
export interface Iec104Message {
  protocol: 'iec104';
  meta: MessageMeta;
  format: 'I' | 'S' | 'U';
  /** N(S) of I-frames, N(R) of I- and S-frames (15 bits each). */
  sendSeq?: number;
  recvSeq?: number;
  /** U-frame function (`startdt_act`, `testfr_con`, ...). */
  uFunction?: string;
  asdu?: Iec104Asdu;
}
