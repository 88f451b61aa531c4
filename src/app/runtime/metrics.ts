// The Prometheus registry of the process: Node's defaults plus the bus's own counters.
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Bus } from '../../platform/bus/index.js';

/** Creates the registry, with bus queue and drop gauges read at scrape time. */
export function createMetrics(bus: Bus): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cityguard_process_' });
  const read = (field: 'delivered' | 'dropped' | 'failed' | 'queued') =>
    function collect(this: Gauge<'topic' | 'group'>) {
      this.reset();
      for (const [topic, t] of Object.entries(bus.stats().topics)) {
        for (const [group, g] of Object.entries(t.groups)) this.set({ topic, group }, g[field]);
      }
    };
  for (const field of ['delivered', 'dropped', 'failed', 'queued'] as const) {
    new Gauge({
      name: `cityguard_bus_${field}`,
      help: `bus messages ${field}, by topic and consumer group`,
      labelNames: ['topic', 'group'],
      registers: [registry],
      collect: read(field),
    });
  }
  return registry;
}
