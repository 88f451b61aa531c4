import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { IngestCounters } from './ingest-counters.js';
import { registerIngestMetrics } from './ingest-metrics.js';

describe('ingest metrics', () => {
  it('serves the counters as Prometheus counters, read at scrape time', async () => {
    const registry = new Registry();
    const counters = new IngestCounters();
    registerIngestMetrics(registry, counters);
    counters.countAccepted('mqtt', 3);
    counters.countQuarantined('syslog', 'malformed');
    counters.countQuarantined('mqtt', 'schema');
    counters.countQuarantined('mqtt', 'schema');
    counters.authFailures = 2;
    const text = await registry.metrics();
    expect(text).toContain('cityguard_ingest_accepted_total{source="mqtt"} 3');
    expect(text).toContain('cityguard_ingest_quarantined_total{reason="schema"} 2');
    expect(text).toContain('cityguard_ingest_quarantined_by_source_total{source="syslog"} 1');
    expect(text).toContain('cityguard_ingest_mqtt_auth_failures_total 2');
    counters.countAccepted('mqtt');
    expect(await registry.metrics()).toContain('cityguard_ingest_accepted_total{source="mqtt"} 4');
  });
});
