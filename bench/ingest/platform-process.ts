// The measured side of the ingest bench, one child process per run:
//   aedes — the broker alone, no authentication, one in-process subscriber on city/# (the baseline);
//   full  — cityguard's path: embedded broker with credentials and ACL → validation → in-process bus
//           → the rules engine with content/rules → SQLite (WAL) through the event persister.
// Latency is device publish → subscriber (aedes) or → committed to SQLite (full), from the `ts` the
// generator stamps in each message. Commands arrive over IPC from run.ts.
import { Aedes } from 'aedes';
import { createServer } from 'aedes-server-factory';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Event } from '../../src/domain/index.js';
import { loadRules, loadTechniqueTable, RuleEngine } from '../../src/engines/detection/index.js';
import { startIngest } from '../../src/engines/ingest/index.js';
import { InProcessBus, TOPICS } from '../../src/platform/bus/index.js';
import { SystemClock } from '../../src/platform/clock/index.js';
import { SqliteStore, type Store } from '../../src/platform/store/index.js';
import { benchCity, benchDevices } from './bench-city.js';
import { LatencyWindow } from './latency-window.js';

/** One MQTT connection of the load: its login and the devices it speaks for. */
export interface BenchConnection {
  clientId: string;
  username?: string;
  password?: string;
  devices: Array<{ topic: string; kind: string }>;
}

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers };
}
/** Memory before the city, registry, broker and stores exist: the base of the per-device figure. */
const atStart = memory();

const [mode, devicesArg, perConnectionArg, connectionsFile] = process.argv.slice(2) as ['aedes' | 'full', string, string, string];
const n = Number(devicesArg);
const perConnection = Number(perConnectionArg);
const now = () => performance.timeOrigin + performance.now();
const latency = new LatencyWindow();
let measured = 0;
let windowStart = now();
let windowCpu = process.cpuUsage();
let windowElu = performance.eventLoopUtilization();
const extras: Record<string, number> = {};
/** Messages waiting per bus consumer group (full mode), for the report. */
let queued: () => Record<string, number> = () => ({});

function record(tsMs: number): void {
  measured++;
  latency.add(now() - tsMs);
}

const devices = benchDevices(n);
const connections: BenchConnection[] = [];
for (let i = 0; i < n; i += perConnection) {
  const group = devices.slice(i, i + perConnection);
  const clientId = perConnection === 1 ? group[0]!.id : `gateway:gw-${i / perConnection}`;
  connections.push({ clientId, devices: group.map((d) => ({ topic: d.topic, kind: d.kind })) });
}

let stop: () => Promise<void>;
let port: number;

if (mode === 'aedes') {
  const aedes = await Aedes.createBroker();
  aedes.subscribe(
    'city/#',
    (packet, done) => {
      // The generator writes `{"ts":<ms>,` first: read it without parsing the whole body.
      const p = packet.payload as Buffer;
      record(Number(p.toString('latin1', 6, p.indexOf(44))));
      done();
    },
    () => undefined,
  );
  const server: Server = createServer(aedes);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
  stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
  };
} else {
  const city = benchCity(devices);
  const dir = mkdtempSync(join(tmpdir(), 'cityguard-bench-'));
  const sqlite = await SqliteStore.open({ path: join(dir, 'bench.db') });
  // Measure at the store: an event counts once its batch is committed.
  const insertMany = sqlite.events.insertMany.bind(sqlite.events);
  sqlite.events.insertMany = async (events: readonly Event[]) => {
    await insertMany(events);
    for (const e of events) record(e.ts);
  };
  const store: Store = sqlite;
  const bus = new InProcessBus();
  const clock = new SystemClock();
  const ingest = await startIngest({ city, bus, store, clock }, { mqtt: { port: 0 }, persist: { maxBatch: 2000 } });
  const started = now();
  if (perConnection === 1) {
    const passwords = await ingest.registry.issueAll();
    for (const c of connections) Object.assign(c, { username: c.clientId, password: passwords.get(c.clientId) });
  } else {
    for (const [k, c] of connections.entries()) {
      const cred = await ingest.registry.issueGateway(`gw-${k}`, devices.slice(k * perConnection, (k + 1) * perConnection).map((d) => d.id));
      Object.assign(c, { username: cred.username, password: cred.password });
    }
  }
  extras['credentialsMs'] = now() - started;
  const rules = loadRules(join(import.meta.dirname, '../../content/rules'), loadTechniqueTable());
  extras['rules'] = rules.rules.length;
  let alerts = 0;
  const engine = new RuleEngine({ rules: rules.rules, city, clock, onAlert: (a) => void store.alerts.insert(a).then((isNew) => (alerts += isNew ? 1 : 0)) });
  bus.subscribe<Event>(TOPICS.eventReceived, (batch) => void engine.process(batch), { group: 'detect-rules', maxBatch: 512, capacity: 50_000, overflow: 'block' });
  engine.start();
  queued = () => Object.fromEntries(Object.entries(bus.stats().topics[TOPICS.eventReceived]?.groups ?? {}).map(([g, v]) => [g, v.queued]));
  port = ingest.broker!.port;
  stop = async () => {
    engine.stop();
    extras['alerts'] = alerts;
    extras['quarantined'] = Object.values(ingest.counters.snapshot().quarantinedByReason).reduce((a, b) => a + (b ?? 0), 0);
    await ingest.stop();
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
writeFileSync(connectionsFile, JSON.stringify(connections));


process.on('message', async (msg: { cmd: string }) => {
  switch (msg.cmd) {
    case 'memory':
      return process.send!({ type: 'memory', ...memory() });
    case 'window':
      measured = 0;
      latency.reset();
      windowStart = now();
      windowCpu = process.cpuUsage();
      windowElu = performance.eventLoopUtilization();
      return process.send!({ type: 'window' });
    case 'report': {
      const seconds = (now() - windowStart) / 1000;
      const [p50, p99, max] = latency.percentiles([50, 99, 100]);
      const cpu = process.cpuUsage(windowCpu);
      // CPU of every thread of the process (broker, rules, SQLite writer), per message stored.
      return process.send!({ type: 'report', measured, seconds, p50, p99, max, cpuUsPerMessage: measured > 0 ? (cpu.user + cpu.system) / measured : NaN, queued: queued(), mainThreadBusy: performance.eventLoopUtilization(windowElu).utilization, cpuCores: (cpu.user + cpu.system) / 1e6 / seconds });
    }
    case 'stop':
      await stop();
      process.send!({ type: 'stopped', extras });
      return process.exit(0);
  }
});
process.send!({ type: 'ready', port, extras, atStart });
