// The embedded path, as `cityguard serve` wires it on one machine: events published on the
// in-process bus, the rule engine in the same process (group `detect-rules`, batches of up to 512,
// capacity 50,000, block), alerts stored in SQLite. Latency is from publish to the end of the
// batch that handled the event.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Event } from '../../src/domain/index.js';
import { latencyQuantile, LatencyHistogram } from '../../src/app/runtime/worker-latency.js';
import { loadRules, loadTechniqueTable, RuleEngine } from '../../src/engines/detection/index.js';
import { InProcessBus, TOPICS } from '../../src/platform/bus/index.js';
import { SystemClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';
import { offer } from './e2e-workload.js';
import type { RunResult } from './e2e-result.js';

/** One run of `events` through the embedded path; `ratePerS` limits the offered rate. */
export async function embeddedRun(events: readonly Event[], runId: string, window: number, ratePerS?: number): Promise<RunResult> {
  const city = loadCityFile('content/cities/sample-city.yaml');
  const rules = loadRules('content/rules', loadTechniqueTable()).rules;
  const dir = mkdtempSync(join(os.tmpdir(), 'cityguard-e2e-'));
  const store = await SqliteStore.open({ path: join(dir, 'bench.db') });
  await store.migrate();
  const bus = new InProcessBus();
  const engine = new RuleEngine({ rules, city, clock: new SystemClock() });
  const latency = new LatencyHistogram();
  let handled = 0;
  let alerts = 0;
  let allHandled: (() => void) | undefined;
  bus.subscribe<Event>(TOPICS.eventReceived, async (batch) => {
    for (const a of engine.process(batch)) {
      alerts++;
      if (await store.alerts.insert(a)) await bus.publish(TOPICS.alertRaised, a, { key: a.assetIds[0] ?? a.id, id: a.id });
    }
    const now = Date.now();
    for (const e of batch) latency.record(now - e.receivedTs);
    handled += batch.length;
    if (handled >= events.length) allHandled?.();
  }, { group: 'detect-rules', maxBatch: 512, capacity: 50_000, overflow: 'block' });
  engine.start();
  const done = new Promise<void>((resolve) => (allHandled = resolve));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await offer(events, runId, window, (e) => bus.publish(TOPICS.eventReceived, e, { key: e.assetId ?? e.source, id: e.id }), ratePerS);
  await done;
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  engine.stop();
  await bus.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    events: events.length,
    seconds,
    rate: events.length / seconds,
    p50Ms: latencyQuantile(latency.counts, 0.5)!,
    p99Ms: latencyQuantile(latency.counts, 0.99)!,
    alerts,
    cpuUsPerEvent: { 'cityguard (one process)': (cpu.user + cpu.system) / events.length },
  };
}
