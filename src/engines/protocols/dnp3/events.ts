// Typed DNP3 messages: one per link frame without user data, one per completed application
// fragment otherwise (the frame that completed it carries the message, as in Wireshark).
import type { MessageMeta } from '../message-meta.js';
import type { Dnp3Operation } from './constants.js';

/** Control relay output block (g12v1) fields. */
export interface Dnp3Crob {
  /** Raw control code octet. */
  code: number;
  /** `pulse_on`, `latch_off`, ... */
  operation: string;
  /** `close`, `trip` or `nul`. */
  tripClose: string;
  queue: boolean;
  clear: boolean;
  count: number;
  onTimeMs: number;
  offTimeMs: number;
  status: number;
}

/** One point of an object header. */
export interface Dnp3Point {
  index: number;
  /** Binary state (0/1), double-bit state (0–3), counter or analog value, or time (ms since epoch) for g50/g51. */
  value?: number;
  /** Flags or status octet where the variation carries one. */
  flags?: number;
  /** Event time (ms since epoch) of time-tagged variations. */
  timeMs?: number;
  crob?: Dnp3Crob;
  /** Octet-string objects: their bytes. */
  octets?: Uint8Array;
}

/** One object header with its points. */
export interface Dnp3Object {
  group: number;
  variation: number;
  /** Catalogue name, or `g<group>v<variation>` when not decoded point by point. */
  name: string;
  /** Qualifier octet (§4.2.2.6.3): prefix code in bits 6–4, range code in bits 3–0. */
  qualifier: number;
  /** Range: first and last index for start-stop qualifiers. */
  start?: number;
  stop?: number;
  /** Number of objects the range says follow (0 for "all objects"). */
  count: number;
  points: Dnp3Point[];
}

/** Application layer of one fragment. */
export interface Dnp3Application {
  /** Application control: first/final fragment, confirm requested, unsolicited, sequence 0–15. */
  fir: boolean;
  fin: boolean;
  con: boolean;
  uns: boolean;
  seq: number;
  functionCode: number;
  functionName: string;
  operation: Dnp3Operation | 'other';
  /** Internal indications (responses): IIN1 high byte, IIN2 low byte; names of the bits set. */
  iin?: number;
  iinFlags?: string[];
  objects: Dnp3Object[];
}

/** One DNP3 message. */
export interface Dnp3Message {
  protocol: 'dnp3';
  meta: MessageMeta;
  /** Link header of the (last) frame. */
  source: number;
  destination: number;
  /** DIR bit: set on frames from the master. */
  fromMaster: boolean;
  /** PRM bit: set on frames from the primary (initiating) station. */
  primary: boolean;
  linkFunction: number;
  linkFunctionName: string;
  /** Transport sequence number of the final segment (user data frames only). */
  transportSeq?: number;
  /** Segments that made up the fragment. */
  segments?: number;
  application?: Dnp3Application;
}
