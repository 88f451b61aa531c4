// HTTP batch ingest, free of any transport: the API mounts it at POST /api/ingest/events.
// Accepted body: a JSON array of at most `maxItems` events, each shaped like the domain Event
// (src/domain/event.ts: type telemetry | network | command | auth | log with that type's fields)
// except that `id`, `receivedTs` and `source` are assigned here (values sent are ignored), `ts` is
// optional (default: time received) and `district` comes from the asset when `assetId` names one.
// An unknown `assetId` is refused; telemetry metrics are checked against the asset kind's schema.
// Each refused item is quarantined and reported with its index; the others are accepted.
import { Event, type QuarantineReason } from '../../domain/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { DeviceRegistry } from './device-registry.js';
import type { EventIdGenerator } from './event-ids.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { compileCheck, deviceMessageChecks, type MessageCheck } from './schema-validators.js';

/** What the caller is told: counts, and why each refused item was refused. */
export interface HttpBatchResult {
  accepted: number;
  rejected: number;
  problems: Array<{ index: number; reason: string; detail: string }>;
}

/** Options of HTTP batch ingest. */
export interface HttpBatchIngestOptions {
  pipeline: IngestPipeline;
  registry: DeviceRegistry;
  clock: Clock;
  ids: EventIdGenerator;
  /** Most events in one request; larger batches are refused whole as `oversized`. Default 10,000. */
  maxItems?: number;
}

let eventCheck: MessageCheck | undefined;

/** Builds the batch handler: `(body, origin) => result`. Never throws for bad input. */
export function createHttpBatchIngest(options: HttpBatchIngestOptions): (body: unknown, origin: string) => Promise<HttpBatchResult> {
  eventCheck ??= compileCheck(Event);
  const check = eventCheck;
  const metrics = deviceMessageChecks().metrics;
  const maxItems = options.maxItems ?? 10_000;
  const { pipeline, registry, clock, ids } = options;

  const refuse = (result: HttpBatchResult, index: number, reason: QuarantineReason, detail: string, item: unknown, origin: string) => {
    result.rejected++;
    result.problems.push({ index, reason, detail });
    pipeline.reject({ source: 'http', reason, detail: index >= 0 ? `item ${index}: ${detail}` : detail, origin, payload: JSON.stringify(item) ?? String(item) });
  };

  return async (body, origin) => {
    const result: HttpBatchResult = { accepted: 0, rejected: 0, problems: [] };
    if (!Array.isArray(body)) {
      refuse(result, -1, 'malformed', 'the body must be a JSON array of events', body, origin);
      return result;
    }
    if (body.length > maxItems) {
      refuse(result, -1, 'oversized', `${body.length} events; at most ${maxItems} per request`, body.slice(0, 3), origin);
      return result;
    }
    const waits: Promise<void>[] = [];
    body.forEach((item: unknown, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        return refuse(result, index, 'malformed', 'an event must be a JSON object', item, origin);
      }
      const raw = item as Record<string, unknown>;
      const assetId = typeof raw['assetId'] === 'string' ? raw['assetId'] : undefined;
      const asset = assetId !== undefined ? registry.asset(assetId) : undefined;
      if (assetId !== undefined && !asset) return refuse(result, index, 'unknown-device', `no asset "${assetId}" in the city model`, item, origin);
      const now = clock.now();
      const event = { ...raw, id: ids.next(), ts: raw['ts'] ?? now, receivedTs: now, source: 'http', ...(asset ? { district: asset.district } : {}) };
      if (!check.check(event)) return refuse(result, index, 'schema', check.describe(event), item, origin);
      const e = event as Event;
      if (e.type === 'telemetry' && asset) {
        const m = metrics.get(asset.kind)!;
        if (!m.check(e.metrics)) return refuse(result, index, 'schema', `metrics of a ${asset.kind}: ${m.describe(e.metrics)}`, item, origin);
      }
      result.accepted++;
      const wait = pipeline.acceptEvent(e);
      if (wait) waits.push(wait);
    });
    await Promise.all(waits);
    return result;
  };
}
