// Main-thread cost of each stage of the ingest path, one process, same messages: normalize and
// validate; the same through the pipeline onto the in-process bus; the rules engine with
// content/rules; SQLite inserts (worker thread vs calling thread). No sockets: this separates our
// stages from the broker's and from the load generator on a shared machine.
//   npx tsx bench/ingest/stages.ts [--messages 200000] [--devices 10000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Event } from '../../src/domain/index.js';
import { loadRules, loadTechniqueTable, RuleEngine } from '../../src/engines/detection/index.js';
import { DeviceMessageNormalizer, DeviceRegistry, EventIdGenerator, IngestCounters, IngestPipeline, Quarantine } from '../../src/engines/ingest/index.js';
import { InProcessBus, TOPICS } from '../../src/platform/bus/index.js';
import { SystemClock } from '../../src/platform/clock/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';
import { benchCity, benchDevices, metricsJson } from './bench-city.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const total = opt('messages', 200_000);
const devices = benchDevices(opt('devices', 10_000));
const city = benchCity(devices);
const clock = new SystemClock();
const dir = mkdtempSync(join(tmpdir(), 'cityguard-stages-'));
const store = await SqliteStore.open({ path: join(dir, 'stages.db') });
const registry = await DeviceRegistry.open(city, store.state);
const ids = new EventIdGenerator();
const normalizer = new DeviceMessageNormalizer(registry, clock, ids);
const messages = Array.from({ length: total }, (_, i) => {
  const d = devices[i % devices.length]!;
  return { topic: d.topic, payload: Buffer.from(`{"ts":${Date.now()},"seq":${i},"metrics":${metricsJson(d.kind, i)}}`) };
});

/**
 * Per message while `work` runs: CPU time of the whole process (all threads; what a busy machine
 * cannot inflate much) and main-thread busy wall time (event-loop utilisation; inflated when the
 * machine is overloaded, but it shows what the SQLite worker thread takes off the main thread).
 */
async function busyPerMessage(work: () => Promise<void> | void): Promise<[number, number]> {
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  await work();
  const cpu = process.cpuUsage(cpu0);
  return [(cpu.user + cpu.system) / total, (performance.eventLoopUtilization(elu0).active * 1000) / total];
}

const results: Array<[string, [number, number]]> = [];
results.push(['topic + JSON + schema checks → Event (normalizer)', await busyPerMessage(() => {
  for (const m of messages) normalizer.normalize(m.topic, m.payload);
})]);

const bus = new InProcessBus();
const counters = new IngestCounters();
const quarantine = new Quarantine({ store: store.quarantine, counters, clock, ids });
const pipeline = new IngestPipeline({ bus, normalizer, quarantine, counters });
const events: Event[] = [];
bus.subscribe<Event>(TOPICS.eventReceived, (batch) => void events.push(...batch), { group: 'collect', maxBatch: 2000, capacity: 100_000 });
results.push(['pipeline: normalizer + bus publish + batch delivery', await busyPerMessage(async () => {
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    await pipeline.acceptDeviceMessage(m.topic, m.payload, 'bench');
  }
  await bus.drain();
})]);

const rules = loadRules(join(import.meta.dirname, '../../content/rules'), loadTechniqueTable());
const engine = new RuleEngine({ rules: rules.rules, city, clock });
results.push([`rules engine (${rules.rules.length} rules from content/rules)`, await busyPerMessage(() => {
  for (let i = 0; i < events.length; i += 512) engine.process(events.slice(i, i + 512));
})]);

results.push(['SQLite insert, worker thread (main-thread share)', await busyPerMessage(async () => {
  for (let i = 0; i < events.length; i += 2000) await store.events.insertMany(events.slice(i, i + 2000));
})]);
const inline = await SqliteStore.open({ path: join(dir, 'inline.db'), eventWriter: 'inline' });
results.push(['SQLite insert, calling thread', await busyPerMessage(async () => {
  for (let i = 0; i < events.length; i += 2000) await inline.events.insertMany(events.slice(i, i + 2000));
})]);

await inline.close();
await bus.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(`${total} messages over ${devices.length} devices, per message:`);
console.log('| stage | CPU, all threads | main thread busy |');
for (const [name, [cpu, busy]] of results) console.log(`| ${name} | ${cpu.toFixed(2)} µs | ${busy.toFixed(2)} µs |`);
