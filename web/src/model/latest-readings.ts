// The latest telemetry of each device, from the newest telemetry events the API returns.
import type { Event, Scalar } from '../../../src/domain/index.js';

/** One device's newest reading. */
export interface Reading {
  ts: number;
  metrics: Record<string, Scalar>;
}

/** Newest reading per asset id; older events of the same asset are ignored. */
export function latestReadings(events: readonly Event[]): Map<string, Reading> {
  const out = new Map<string, Reading>();
  for (const e of events) {
    if (e.type !== 'telemetry') continue;
    const seen = out.get(e.assetId);
    if (!seen || seen.ts < e.ts) out.set(e.assetId, { ts: e.ts, metrics: e.metrics });
  }
  return out;
}
