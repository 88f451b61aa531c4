// Checks a rule's field paths against the event and asset schemas at load time, so a typo such as
// `metrics.level_mm` is a located error instead of a detection that silently never fires.
import type { TSchema } from 'typebox';
import {
  Asset,
  AssetNetwork,
  AssetSecurity,
  AuthEvent,
  CommandEvent,
  LogEvent,
  NetworkEvent,
  TELEMETRY_SCHEMAS,
  TelemetryEvent,
  type AssetKind,
  type EventType,
} from '../../../domain/index.js';
import { FORBIDDEN_KEYS, splitPath } from './field-path.js';

const keysOf = (schema: TSchema): string[] => Object.keys((schema as unknown as { properties: Record<string, unknown> }).properties);

const EVENT_FIELDS: Readonly<Record<EventType, readonly string[]>> = {
  telemetry: keysOf(TelemetryEvent),
  network: keysOf(NetworkEvent),
  command: keysOf(CommandEvent),
  auth: keysOf(AuthEvent),
  log: keysOf(LogEvent),
};
/** Event fields that are open maps: any key below them is allowed. */
const MAP_FIELDS = new Set(['metrics', 'attrs', 'args']);
const ACTOR_FIELDS = ['user', 'host', 'ip'];
const ASSET_FIELDS = keysOf(Asset);
const ASSET_NESTED: Readonly<Record<string, readonly string[] | 'any'>> = {
  params: 'any',
  network: keysOf(AssetNetwork),
  security: keysOf(AssetSecurity),
};

const list = (names: readonly string[]) => names.join(', ');

/** Problem with a path read from events of `type` (on assets of `kinds`, when known), or undefined. */
export function checkPath(text: string, type: EventType, kinds?: readonly AssetKind[]): string | undefined {
  const parts = text.split('.');
  if (parts.some((p) => p === '')) return `"${text}" is not a field path (empty part)`;
  const bad = parts.find((p) => FORBIDDEN_KEYS.has(p));
  if (bad) return `"${bad}" cannot be used in a field path`;
  const { root, keys } = splitPath(text);
  return root === 'event' ? checkEventPath(text, keys, type, kinds) : checkAssetPath(text, keys);
}

function checkAssetPath(text: string, keys: readonly string[]): string | undefined {
  const [field, sub, ...rest] = keys as [string, string | undefined, ...string[]];
  if (!ASSET_FIELDS.includes(field)) return `"${text}": assets have no field "${field}" (known: ${list(ASSET_FIELDS)})`;
  const nested = ASSET_NESTED[field];
  if (!nested) return sub === undefined ? undefined : `"${text}": asset ${field} has no sub-fields`;
  if (sub === undefined) return `"${text}" needs a name below ${field}, e.g. ${field}.${nested === 'any' ? 'heightM' : nested[0]}`;
  if (nested !== 'any' && !nested.includes(sub)) return `"${text}": asset ${field} has no "${sub}" (known: ${list(nested)})`;
  return rest.length > 0 && field !== 'security' ? `"${text}" goes deeper than asset fields do` : undefined;
}

function checkEventPath(text: string, keys: readonly string[], type: EventType, kinds?: readonly AssetKind[]): string | undefined {
  const [field, sub, ...rest] = keys as [string, string | undefined, ...string[]];
  const fields = EVENT_FIELDS[type];
  if (!fields.includes(field)) return `"${text}": ${type} events have no field "${field}" (known: ${list(fields)}; or asset.…, actorAsset.…)`;
  if (MAP_FIELDS.has(field) || field === 'actor') {
    if (sub === undefined || rest.length > 0) return `"${text}" must name one entry of ${field}, e.g. ${field}.${field === 'actor' ? 'host' : 'name'}`;
    if (field === 'actor' && !ACTOR_FIELDS.includes(sub)) return `"${text}": actor has no "${sub}" (known: ${list(ACTOR_FIELDS)})`;
    if (field === 'metrics' && kinds && kinds.length > 0) return checkMetric(text, sub, kinds);
    return undefined;
  }
  return sub === undefined ? undefined : `"${text}": ${type} event field ${field} has no sub-fields`;
}

function checkMetric(text: string, metric: string, kinds: readonly AssetKind[]): string | undefined {
  const known = new Set(kinds.flatMap((k) => keysOf(TELEMETRY_SCHEMAS[k])));
  return known.has(metric) ? undefined : `"${text}": ${kinds.join('/')} telemetry has no metric "${metric}" (known: ${list([...known])})`;
}
