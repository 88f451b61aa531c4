// Reading detector snapshots back: snapshots are plain JSON kept in the store, so restoring one
// checks each value's shape and says where it does not fit instead of trusting it.
import type { Event } from '../../../domain/index.js';

/** A snapshot value that does not have the shape its detector wrote. */
export class SnapshotShapeError extends TypeError {}

function fail(where: string, expected: string): never {
  throw new SnapshotShapeError(`${where}: expected ${expected}`);
}

/** An object with string keys. */
export function objectAt(v: unknown, where: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(where, 'an object');
  return v as Record<string, unknown>;
}

/** An array. */
export function arrayAt(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) fail(where, 'an array');
  return v;
}

/** A finite number. */
export function numberAt(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, 'a finite number');
  return v;
}

/** A string. */
export function stringAt(v: unknown, where: string): string {
  if (typeof v !== 'string') fail(where, 'a string');
  return v;
}

/** An array of fixed-length tuples, each checked by `read`. */
export function tuplesAt<T>(v: unknown, where: string, length: number, read: (t: unknown[], at: string) => T): T[] {
  return arrayAt(v, where).map((t, i) => {
    const at = `${where}[${i}]`;
    const tuple = arrayAt(t, at);
    if (tuple.length !== length) fail(at, `${length} entries`);
    return read(tuple, at);
  });
}

/**
 * An event the detector kept: checked for the fields rules key and order by (id, ts, type). The
 * rest is what the engine itself stored, so it is not validated field by field again.
 */
export function eventAt(v: unknown, where: string): Event {
  const o = objectAt(v, where);
  stringAt(o['id'], `${where}.id`);
  numberAt(o['ts'], `${where}.ts`);
  stringAt(o['type'], `${where}.type`);
  return o as unknown as Event;
}
