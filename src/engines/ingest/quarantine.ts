// The quarantine: every message ingest refuses is counted at once and written to the store in
// small batches with its reason, a detail for the operator, its origin and a printable excerpt.
import type { QuarantineItem, QuarantineReason } from '../../domain/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { QuarantineStore } from '../../platform/store/index.js';
import type { EventIdGenerator } from './event-ids.js';
import { payloadBytes, printableExcerpt } from './excerpt.js';
import type { IngestCounters } from './ingest-counters.js';

/** A refused message, before it gets an id and a timestamp. */
export interface Rejection {
  source: string;
  reason: QuarantineReason;
  detail: string;
  origin?: string;
  payload: Buffer | string;
  /** Size of the whole message when `payload` holds only its start. */
  sizeBytes?: number;
}

/** Options of the quarantine writer. */
export interface QuarantineOptions {
  store: QuarantineStore;
  counters: IngestCounters;
  clock: Clock;
  ids: EventIdGenerator;
  log?: Logger;
  /** Records buffered before a write; default 200. */
  batchSize?: number;
  /** Longest a record waits in the buffer, in real milliseconds; default 250. */
  flushAfterMs?: number;
}

/** Counts refused messages and persists them in batches. */
export class Quarantine {
  private buffer: QuarantineItem[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: QuarantineOptions) {}

  /** Counts and queues a refused message for the store. Never throws. */
  reject(r: Rejection): void {
    this.options.counters.countQuarantined(r.source, r.reason);
    this.buffer.push({
      id: `q-${this.options.ids.next()}`,
      ts: this.options.clock.now(),
      source: r.source,
      reason: r.reason,
      detail: r.detail.slice(0, 1000),
      ...(r.origin !== undefined ? { origin: r.origin.slice(0, 300) } : {}),
      sizeBytes: r.sizeBytes ?? payloadBytes(r.payload),
      excerpt: printableExcerpt(r.payload),
    });
    if (this.buffer.length >= (this.options.batchSize ?? 200)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushAfterMs ?? 250).unref();
  }

  /** Writes everything buffered; resolves when the store has it (or the write failed and was counted). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const items = this.buffer;
    this.buffer = [];
    if (items.length > 0) {
      this.writing = this.writing.then(() =>
        this.options.store.insertMany(items).catch((error: unknown) => {
          this.options.counters.quarantineWriteFailures += items.length;
          this.options.log?.error({ err: error, count: items.length }, 'could not write quarantined messages to the store');
        }),
      );
    }
    return this.writing;
  }
}
