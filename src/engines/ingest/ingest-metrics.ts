// Prometheus metrics of ingest, read from the counters at scrape time so the hot path only adds.
import { Counter, type Registry } from 'prom-client';
import type { IngestCounters } from './ingest-counters.js';

/** Registers ingest's counters on a Prometheus registry (once per registry). */
export function registerIngestMetrics(registry: Registry, counters: IngestCounters): void {
  const fromSnapshot = <L extends string>(name: string, help: string, labelNames: L[], read: (c: Counter<L>) => void) =>
    new Counter<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      collect(this: Counter<L>) {
        this.reset();
        read(this);
      },
    });
  fromSnapshot('cityguard_ingest_accepted_total', 'events accepted by ingest, by source', ['source'], (c) => {
    for (const [source, n] of Object.entries(counters.snapshot().accepted)) c.inc({ source }, n);
  });
  fromSnapshot('cityguard_ingest_quarantined_total', 'messages quarantined by ingest, by reason', ['reason'], (c) => {
    for (const [reason, n] of Object.entries(counters.snapshot().quarantinedByReason)) c.inc({ reason }, n ?? 0);
  });
  fromSnapshot('cityguard_ingest_quarantined_by_source_total', 'messages quarantined by ingest, by source', ['source'], (c) => {
    for (const [source, n] of Object.entries(counters.snapshot().quarantinedBySource)) c.inc({ source }, n);
  });
  fromSnapshot('cityguard_ingest_mqtt_auth_failures_total', 'MQTT logins refused for bad credentials', [], (c) => {
    c.inc(counters.snapshot().authFailures);
  });
  fromSnapshot('cityguard_ingest_quarantine_write_failures_total', 'quarantine records the store could not write', [], (c) => {
    c.inc(counters.snapshot().quarantineWriteFailures);
  });
}
