// What ingest took in and what it refused, per source and per reason. Plain counters read by the
// Prometheus collectors (ingest-metrics.ts), the API and the bench; nothing here does I/O.
import type { QuarantineReason } from '../../domain/index.js';

/** A read-only copy of the counters. */
export interface IngestCountersSnapshot {
  /** Events accepted and published, by source (mqtt, syslog, http, ...). */
  accepted: Record<string, number>;
  /** Messages quarantined, by reason. */
  quarantinedByReason: Partial<Record<QuarantineReason, number>>;
  /** Messages quarantined, by source. */
  quarantinedBySource: Record<string, number>;
  /** MQTT logins refused (bad credentials), which are events rather than quarantined messages. */
  authFailures: number;
  /** Quarantine records that could not be written to the store (they are still counted above). */
  quarantineWriteFailures: number;
}

/** Mutable ingest counters, shared by every source of one pipeline. */
export class IngestCounters {
  private readonly accepted = new Map<string, number>();
  private readonly byReason = new Map<QuarantineReason, number>();
  private readonly bySource = new Map<string, number>();
  authFailures = 0;
  quarantineWriteFailures = 0;

  countAccepted(source: string, n = 1): void {
    this.accepted.set(source, (this.accepted.get(source) ?? 0) + n);
  }

  countQuarantined(source: string, reason: QuarantineReason): void {
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    this.bySource.set(source, (this.bySource.get(source) ?? 0) + 1);
  }

  snapshot(): IngestCountersSnapshot {
    return {
      accepted: Object.fromEntries(this.accepted),
      quarantinedByReason: Object.fromEntries(this.byReason),
      quarantinedBySource: Object.fromEntries(this.bySource),
      authFailures: this.authFailures,
      quarantineWriteFailures: this.quarantineWriteFailures,
    };
  }
}
