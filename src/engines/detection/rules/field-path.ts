// Field paths in rules: `metrics.level_m` and `actor.host` read the event, `asset.params.heightM`
// the event's asset, `actorAsset.tags` the asset that acted. Compiled once into getters.
import type { EventContext } from './event-context.js';

/** Where a path starts reading. */
export type PathRoot = 'event' | 'asset' | 'actorAsset';

/** A compiled field path. */
export interface FieldPath {
  readonly text: string;
  readonly root: PathRoot;
  /** Keys below the root. */
  readonly keys: readonly string[];
  get(ctx: EventContext): unknown;
}

type Getter = (o: unknown) => unknown;

/** Keys that would reach into JavaScript internals instead of data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

function getter(keys: readonly string[]): Getter {
  const step = (v: unknown, k: string): unknown => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined);
  if (keys.length === 1) {
    const [a] = keys as [string];
    return (o) => step(o, a);
  }
  if (keys.length === 2) {
    const [a, b] = keys as [string, string];
    return (o) => step(step(o, a), b);
  }
  return (o) => keys.reduce<unknown>(step, o);
}

/** Splits a path into its root and keys (no validation: see path-checks.ts). */
export function splitPath(text: string): { root: PathRoot; keys: string[] } {
  const parts = text.split('.');
  const first = parts[0];
  if ((first === 'asset' || first === 'actorAsset') && parts.length > 1) return { root: first, keys: parts.slice(1) };
  return { root: 'event', keys: parts };
}

/** Compiles a path into a getter over an EventContext. */
export function compilePath(text: string): FieldPath {
  const { root, keys } = splitPath(text);
  const read = getter(keys);
  const get =
    root === 'event'
      ? (ctx: EventContext) => read(ctx.event)
      : root === 'asset'
        ? (ctx: EventContext) => read(ctx.asset())
        : (ctx: EventContext) => read(ctx.actorAsset());
  return Object.freeze({ text, root, keys: Object.freeze(keys), get });
}

/** Reads several paths and joins them into one key; undefined when any part is missing. */
export function keyOf(paths: readonly FieldPath[], ctx: EventContext): string | undefined {
  if (paths.length === 0) return '';
  let key = '';
  for (let i = 0; i < paths.length; i++) {
    const v = paths[i]!.get(ctx);
    if (v === undefined || v === null) return undefined;
    key += (i === 0 ? '' : '\u001f') + String(v);
  }
  return key;
}
