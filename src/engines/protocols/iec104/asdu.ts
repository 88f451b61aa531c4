// ASDU decoding (IEC 60870-5-101 §7 with the 104 sizes of §7.1: 2-octet cause of transmission,
// 2-octet common address, 3-octet object address): data unit identifier, then information
// objects, each an address (or one address for a sequence) and its information element.
import { IEC104_CAUSES, IEC104_FILE_SEGMENT, IEC104_TYPES, type Iec104Type } from './constants.js';
import type { Iec104Asdu, Iec104Object } from './events.js';

const DUI_BYTES = 6;
const IOA_BYTES = 3;

/** Name of a cause of transmission (inro1–16 and reqco1–4 by number). */
export function causeName(cause: number): string {
  if (cause >= 21 && cause <= 36) return `inro${cause - 20}`;
  if (cause >= 38 && cause <= 41) return `reqco${cause - 37}`;
  return IEC104_CAUSES[cause] ?? `cause_${cause}`;
}

/** Decodes the ASDU bytes of an I-frame. */
export function decodeAsdu(b: Uint8Array): { asdu?: Iec104Asdu; problem?: string } {
  if (b.length < DUI_BYTES) return { problem: `ASDU shorter than its ${DUI_BYTES}-octet data unit identifier` };
  const typeId = b[0]!;
  const type = IEC104_TYPES[typeId];
  const cause = b[2]! & 0x3f;
  const asdu: Iec104Asdu = {
    typeId,
    typeName: type?.name ?? (typeId === IEC104_FILE_SEGMENT ? 'F_SG_NA_1' : `type_${typeId}`),
    operation: type?.operation ?? (typeId === IEC104_FILE_SEGMENT ? 'file' : 'other'),
    sequence: (b[1]! & 0x80) !== 0,
    count: b[1]! & 0x7f,
    cause,
    causeName: causeName(cause),
    negative: (b[2]! & 0x40) !== 0,
    test: (b[2]! & 0x80) !== 0,
    originator: b[3]!,
    commonAddress: b[4]! | (b[5]! << 8),
    objects: [],
    body: b.subarray(DUI_BYTES),
  };
  if (!type) {
    if (typeId === IEC104_FILE_SEGMENT) return fileSegment(b, asdu);
    return { asdu, problem: `type identification ${typeId} is not a defined IEC 60870-5-104 type` };
  }
  const problem = readObjects(b, asdu, type);
  if (problem) return { asdu, problem };
  if (cause === 0) return { asdu, problem: 'cause of transmission 0 is not used' };
  return { asdu };
}

function readObjects(b: Uint8Array, asdu: Iec104Asdu, type: Iec104Type): string | undefined {
  const n = asdu.count;
  const expected = DUI_BYTES + (asdu.sequence ? IOA_BYTES + n * type.bytes : n * (IOA_BYTES + type.bytes));
  if (n === 0) return 'ASDU with no information objects';
  if (b.length !== expected) return `${asdu.typeName} with ${n} objects needs ${expected} octets, has ${b.length}`;
  let off = DUI_BYTES;
  let ioa = 0;
  for (let i = 0; i < n; i++) {
    if (!asdu.sequence || i === 0) {
      ioa = b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16);
      off += IOA_BYTES;
    } else ioa++;
    const object: Iec104Object = { ioa };
    readElement(b, off, type, object);
    asdu.objects.push(object);
    off += type.bytes;
  }
  return undefined;
}

function readElement(b: Uint8Array, off: number, type: Iec104Type, o: Iec104Object): void {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const k = type.kind;
  let q = off;
  if (k === 'siq' || k === 'diq') {
    o.value = b[q]! & (k === 'siq' ? 0x01 : 0x03);
    o.quality = b[q++]! & 0xf0;
  } else if (k === 'vti') {
    o.value = ((b[q++]! & 0x7f) << 25) >> 25;
    o.quality = b[q++]!;
  } else if (k === 'bsi' || k === 'scd' || k === 'bsi_cmd') {
    o.value = view.getUint32(q, true);
    q += 4;
    if (k !== 'bsi_cmd') o.quality = b[q++]!;
  } else if (k === 'nva' || k === 'nva_noq' || k === 'set_nva' || k === 'param_nva') {
    o.value = view.getInt16(q, true) / 32768;
    q += 2;
    if (k !== 'nva_noq') qualityOrQualifier(b[q++]!, k, o);
  } else if (k === 'sva' || k === 'set_sva' || k === 'param_sva') {
    o.value = view.getInt16(q, true);
    q += 2;
    qualityOrQualifier(b[q++]!, k, o);
  } else if (k === 'float' || k === 'set_float' || k === 'param_float') {
    o.value = view.getFloat32(q, true);
    q += 4;
    qualityOrQualifier(b[q++]!, k, o);
  } else if (k === 'bcr') {
    o.value = view.getInt32(q, true);
    o.quality = b[q + 4]!;
    q += 5;
  } else if (k === 'sco' || k === 'dco' || k === 'rco') {
    const c = b[q++]!;
    o.value = c & (k === 'sco' ? 0x01 : 0x03);
    o.qualifier = (c >> 2) & 0x1f;
    o.select = (c & 0x80) !== 0;
  } else if (k === 'qualifier') o.value = b[q++]!;
  else if (k === 'cp56') o.value = cp56TimeMs(b, q);
  else if (k === 'cp16' || k === 'tsc') o.value = view.getUint16(q, true);
  else if (k === 'raw') o.raw = b.subarray(q, off + type.bytes - (type.time ? 7 : 0));
  if (type.time) o.timeMs = cp56TimeMs(b, off + type.bytes - 7);
}

/** Monitor types carry a quality descriptor; set-points a qualifier with the S/E bit; parameters a QPM. */
function qualityOrQualifier(octet: number, kind: string, o: Iec104Object): void {
  if (kind.startsWith('set_')) {
    o.qualifier = octet & 0x7f;
    o.select = (octet & 0x80) !== 0;
  } else if (kind.startsWith('param_')) o.qualifier = octet;
  else o.quality = octet;
}

/** CP56Time2a (IEC 60870-5-4 §6.8): ms, minutes, hours, day, month, year (2000 + 0..99), read as UTC. */
export function cp56TimeMs(b: Uint8Array, off: number): number {
  const ms = b[off]! | (b[off + 1]! << 8);
  const minute = b[off + 2]! & 0x3f;
  const hour = b[off + 3]! & 0x1f;
  const day = b[off + 4]! & 0x1f;
  const month = b[off + 5]! & 0x0f;
  const year = 2000 + (b[off + 6]! & 0x7f);
  return Date.UTC(year, Math.max(0, month - 1), Math.max(1, day), hour, minute) + ms;
}

/** F_SG_NA_1: one object whose element holds a segment length octet and that many octets. */
function fileSegment(b: Uint8Array, asdu: Iec104Asdu): { asdu: Iec104Asdu; problem?: string } {
  const off = DUI_BYTES;
  if (b.length < off + IOA_BYTES + 4) return { asdu, problem: 'F_SG_NA_1 cut short' };
  const los = b[off + IOA_BYTES + 3]!;
  if (b.length !== off + IOA_BYTES + 4 + los) return { asdu, problem: `F_SG_NA_1 segment length ${los} does not match the ASDU` };
  asdu.objects.push({ ioa: b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16), raw: b.subarray(off + IOA_BYTES) });
  return { asdu };
}
