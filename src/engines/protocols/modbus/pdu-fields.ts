// Field readers shared by the request and response decoders of Modbus PDUs.
import type { ModbusDeviceIdObject, ModbusFileRecord } from './events.js';

/** Big-endian 16-bit value at `i`. */
export function u16(d: Uint8Array, i: number): number {
  return (d[i]! << 8) | d[i + 1]!;
}

/** `count` big-endian registers starting at `i`. */
export function registers(d: Uint8Array, i: number, count: number): number[] {
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) out[k] = (d[i + 2 * k]! << 8) | d[i + 2 * k + 1]!;
  return out;
}

/** `count` bits packed LSB first (§6.1) starting at byte `i`. */
export function bits(d: Uint8Array, i: number, count: number): number[] {
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) out[k] = (d[i + (k >> 3)]! >> (k & 7)) & 1;
  return out;
}

/** Problem text when `d` is not exactly `expected` bytes long, else undefined. */
export function lengthProblem(d: Uint8Array, expected: number, what: string): string | undefined {
  if (d.length === expected) return undefined;
  return `${what}: ${d.length} data bytes where ${expected} are required`;
}

/** File record sub-requests of function 20 (7 bytes each) or 21 (7 bytes + data). */
export function fileRecords(d: Uint8Array, start: number, end: number, withData: boolean): { records: ModbusFileRecord[]; problem?: string } {
  const records: ModbusFileRecord[] = [];
  let i = start;
  while (i < end) {
    if (i + 7 > end) return { records, problem: 'file record sub-request cut short' };
    const record: ModbusFileRecord = { referenceType: d[i]!, fileNumber: u16(d, i + 1), recordNumber: u16(d, i + 3), recordLength: u16(d, i + 5) };
    i += 7;
    if (withData) {
      if (i + 2 * record.recordLength > end) return { records, problem: 'file record data cut short' };
      record.values = registers(d, i, record.recordLength);
      i += 2 * record.recordLength;
    }
    records.push(record);
  }
  return { records };
}

/** Objects of a Read Device Identification response (§6.21): id, length, value. */
export function deviceObjects(d: Uint8Array, start: number, count: number): { objects: ModbusDeviceIdObject[]; problem?: string } {
  const objects: ModbusDeviceIdObject[] = [];
  let i = start;
  for (let k = 0; k < count; k++) {
    if (i + 2 > d.length || i + 2 + d[i + 1]! > d.length) return { objects, problem: 'device identification object cut short' };
    const len = d[i + 1]!;
    objects.push({ id: d[i]!, value: latin1(d.subarray(i + 2, i + 2 + len)) });
    i += 2 + len;
  }
  return { objects };
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}
