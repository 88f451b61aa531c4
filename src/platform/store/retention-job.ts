// Event retention: a periodic sweep that deletes events older than the configured age.
import type { Clock, TimerHandle } from '../clock/index.js';
import type { EventStore } from './store.js';

/** Options of the retention sweep. */
export interface RetentionOptions {
  /** Events older than this (by event timestamp) are deleted. */
  maxAgeMs: number;
  /** How often to sweep; default hourly. */
  everyMs?: number;
  /** Told how many events each sweep deleted, or why it failed; a failed sweep is retried next period. */
  onSwept?: (result: { deleted: number; cutoffTs: number } | { error: unknown }) => void;
}

/** Deletes events older than `maxAgeMs` now; returns how many went. */
export async function sweepEvents(events: EventStore, clock: Clock, maxAgeMs: number): Promise<{ deleted: number; cutoffTs: number }> {
  const cutoffTs = clock.now() - maxAgeMs;
  return { deleted: await events.deleteOlderThan(cutoffTs), cutoffTs };
}

/** Starts the periodic sweep (the first one after one period); cancel the handle to stop it. */
export function startRetention(events: EventStore, clock: Clock, options: RetentionOptions): TimerHandle {
  let running = false;
  return clock.every(options.everyMs ?? 3_600_000, () => {
    if (running) return;
    running = true;
    sweepEvents(events, clock, options.maxAgeMs)
      .then((r) => options.onSwept?.(r), (error: unknown) => options.onSwept?.({ error }))
      .finally(() => (running = false));
  });
}
