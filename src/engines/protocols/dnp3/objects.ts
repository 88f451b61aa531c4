// DNP3 object headers and their points (IEEE 1815-2012 §4.2.2.6–4.2.2.7): group, variation,
// qualifier, range, optional index or size prefixes, then point data laid out as the
// object catalogue says. Reading stops with a problem at the first header that does not fit.
import { DNP3_CROB_OPERATIONS, DNP3_CROB_TRIP_CLOSE } from './constants.js';
import type { Dnp3Object, Dnp3Point } from './events.js';
import { objectLayout, pointBytes, type ObjectLayout } from './object-catalog.js';

const PREFIX_BYTES = [0, 1, 2, 4, 1, 2, 4, 0];
const RANGE_START_STOP_BYTES: Record<number, number> = { 0: 1, 1: 2, 2: 4, 3: 1, 4: 2, 5: 4 };
const RANGE_COUNT_BYTES: Record<number, number> = { 7: 1, 8: 2, 9: 4, 11: 1 };
/** Points decoded per object header; more are skipped (counted in `count`). */
const MAX_POINTS = 4096;

/** Little-endian unsigned integer of `n` octets (1, 2, 4 or 6). */
export function uintLe(b: Uint8Array, off: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b[off + i]!;
  return v;
}

/** Parses all object headers in `b` from `off`; `withData` false for functions whose headers carry none. */
export function parseObjects(b: Uint8Array, off: number, withData: boolean): { objects: Dnp3Object[]; problem?: string } {
  const objects: Dnp3Object[] = [];
  while (off < b.length) {
    const r = parseObject(b, off, withData);
    if (typeof r === 'string') return { objects, problem: r };
    objects.push(r.object);
    off = r.next;
  }
  return { objects };
}

function parseObject(b: Uint8Array, off: number, withData: boolean): { object: Dnp3Object; next: number } | string {
  if (off + 3 > b.length) return 'object header cut short';
  const group = b[off]!;
  const variation = b[off + 1]!;
  const qualifier = b[off + 2]!;
  const prefixCode = (qualifier >> 4) & 0x07;
  const rangeCode = qualifier & 0x0f;
  const layout = objectLayout(group, variation);
  const object: Dnp3Object = { group, variation, name: layout?.name ?? `g${group}v${variation}`, qualifier, count: 0, points: [] };
  let p = off + 3;
  const se = RANGE_START_STOP_BYTES[rangeCode];
  const cn = RANGE_COUNT_BYTES[rangeCode];
  if (se !== undefined) {
    if (p + 2 * se > b.length) return `range of g${group}v${variation} cut short`;
    object.start = uintLe(b, p, se);
    object.stop = uintLe(b, p + se, se);
    if (object.stop < object.start) return `range of g${group}v${variation} stops (${object.stop}) before it starts (${object.start})`;
    object.count = object.stop - object.start + 1;
    p += 2 * se;
  } else if (cn !== undefined) {
    if (p + cn > b.length) return `count of g${group}v${variation} cut short`;
    object.count = uintLe(b, p, cn);
    p += cn;
  } else if (rangeCode !== 6) {
    return `qualifier 0x${qualifier.toString(16).padStart(2, '0')} of g${group}v${variation} has a reserved range code`;
  }
  const noData = !withData || variation === 0 || layout?.kind === 'none' || rangeCode === 6;
  if (noData && PREFIX_BYTES[prefixCode] === 0) return { object, next: p };
  const next = readPoints(b, p, object, layout, prefixCode, noData);
  return typeof next === 'string' ? next : { object, next };
}

function readPoints(b: Uint8Array, p: number, o: Dnp3Object, layout: ObjectLayout | undefined, prefixCode: number, noData: boolean): number | string {
  const prefix = PREFIX_BYTES[prefixCode]!;
  const sized = prefixCode >= 4;
  const first = o.start ?? 0;
  if (!noData && !sized && layout && (layout.kind === 'bits1' || layout.kind === 'bits2')) {
    if (prefix !== 0) return `packed g${o.group}v${o.variation} with an index prefix`;
    const width = layout.kind === 'bits1' ? 1 : 2;
    const bytes = Math.ceil((o.count * width) / 8);
    if (p + bytes > b.length) return `packed data of g${o.group}v${o.variation} cut short`;
    for (let i = 0; i < o.count && i < MAX_POINTS; i++) {
      const bit = i * width;
      o.points.push({ index: first + i, value: (b[p + (bit >> 3)]! >> (bit & 7)) & (width === 1 ? 1 : 3) });
    }
    return p + bytes;
  }
  if (!noData && !sized && !layout) return `g${o.group}v${o.variation} is not decoded and its size is unknown`;
  const size = noData ? 0 : layout ? pointBytes(layout, o.variation) : 0;
  for (let i = 0; i < o.count; i++) {
    if (p + prefix > b.length) return `prefix of g${o.group}v${o.variation} point ${i} cut short`;
    const lead = prefix ? uintLe(b, p, prefix) : first + i;
    p += prefix;
    const n = sized ? lead : size;
    if (p + n > b.length) return `data of g${o.group}v${o.variation} point ${i} cut short`;
    if (i < MAX_POINTS) {
      const point: Dnp3Point = { index: sized ? first + i : lead };
      if (!noData && layout) readPoint(b, p, n, layout, point);
      else if (n > 0) point.octets = b.subarray(p, p + n);
      o.points.push(point);
    }
    p += n;
  }
  return p;
}

function readPoint(b: Uint8Array, p: number, n: number, layout: ObjectLayout, point: Dnp3Point): void {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (layout.kind) {
    case 'flags':
      point.flags = b[p]!;
      point.value = b[p]! >> (layout.doubleBit ? 6 : 7);
      if (layout.time) point.timeMs = uintLe(b, p + 1, 6);
      return;
    case 'crob':
      point.crob = crob(b, p);
      return;
    case 'time48':
    case 'time48+interval':
      point.value = uintLe(b, p, 6);
      return;
    case 'octets':
      point.octets = b.subarray(p, p + n);
      return;
    case 'value': {
      let q = p;
      if (layout.flags) point.flags = b[q++]!;
      const v = layout.value!;
      point.value =
        v === 'i16' ? view.getInt16(q, true) : v === 'u16' ? view.getUint16(q, true) : v === 'i32' ? view.getInt32(q, true) : v === 'u32' ? view.getUint32(q, true) : v === 'f32' ? view.getFloat32(q, true) : view.getFloat64(q, true);
      q += v === 'f64' ? 8 : v === 'i16' || v === 'u16' ? 2 : 4;
      if (layout.time) point.timeMs = uintLe(b, q, 6);
      if (layout.status) point.flags = b[q]!;
      return;
    }
    default:
      return;
  }
}

function crob(b: Uint8Array, p: number): Dnp3Point['crob'] {
  const code = b[p]!;
  return {
    code,
    operation: DNP3_CROB_OPERATIONS[code & 0x0f] ?? `unknown_${code & 0x0f}`,
    tripClose: DNP3_CROB_TRIP_CLOSE[code >> 6]!,
    queue: (code & 0x10) !== 0,
    clear: (code & 0x20) !== 0,
    count: b[p + 1]!,
    onTimeMs: uintLe(b, p + 2, 4),
    offTimeMs: uintLe(b, p + 6, 4),
    status: b[p + 10]!,
  };
}
