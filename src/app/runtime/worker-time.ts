// What "now" is for a worker's time-based rules when a partition has caught up: the system clock
// (live devices), or the newest event time any of its partitions has seen (a replay, or a twin
// running faster than real time, where the wall clock says nothing about the events' time).
import type { Clock } from '../../platform/clock/index.js';

/** The time idle partitions tick to. */
export class WorkerTime {
  private newestEventMs = 0;

  constructor(
    private readonly mode: 'clock' | 'events',
    private readonly clock: Clock,
  ) {}

  /** Records the newest event time a partition handled. */
  observe(eventMs: number): void {
    if (eventMs > this.newestEventMs) this.newestEventMs = eventMs;
  }

  /** Now, in milliseconds since the epoch; 0 in event mode until an event was seen. */
  now(): number {
    return this.mode === 'clock' ? this.clock.now() : this.newestEventMs;
  }
}
