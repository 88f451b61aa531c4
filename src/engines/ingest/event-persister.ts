// Persists every event on the bus to the store in batches: the bus hands over up to `maxBatch`
// events, written in one transaction. A failed write is retried once, then counted by the bus.
import type { Event } from '../../domain/index.js';
import { TOPICS, type Bus, type Subscription } from '../../platform/bus/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { EventStore } from '../../platform/store/index.js';

/** Options of the event persister. */
export interface EventPersisterOptions {
  /** Consumer group name on the bus; default `store`. */
  group?: string;
  /** Events per write; default 2000. */
  maxBatch?: number;
  /** Events queued before ingest waits (backpressure); default 100,000. */
  capacity?: number;
  /** Wait before the one retry of a failed write, in milliseconds; default 200. */
  retryAfterMs?: number;
  log?: Logger;
}

/** Subscribes the store to `ingest.event.received`. */
export class EventPersister {
  private subscription: Subscription | undefined;
  /** Events written so far. */
  written = 0;

  constructor(
    private readonly bus: Bus,
    private readonly events: EventStore,
    private readonly options: EventPersisterOptions = {},
  ) {}

  start(): void {
    this.subscription ??= this.bus.subscribe<Event>(TOPICS.eventReceived, (batch) => this.write(batch), {
      group: this.options.group ?? 'store',
      maxBatch: this.options.maxBatch ?? 2000,
      capacity: this.options.capacity ?? 100_000,
      overflow: 'block',
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private async write(batch: readonly Event[]): Promise<void> {
    try {
      await this.events.insertMany(batch);
    } catch (first) {
      this.options.log?.warn({ err: first, count: batch.length }, 'event write failed; retrying once');
      await new Promise((resolve) => setTimeout(resolve, this.options.retryAfterMs ?? 200));
      await this.events.insertMany(batch);
    }
    this.written += batch.length;
  }
}
