// The detection role of a worker: partitions leased from the cluster's KV bucket (rebalanced as
// workers join, leave or die), each run from its last snapshot, ticked for time-based rules and
// checkpoints. Leaving hands every partition over with a checkpoint.
import { hostname } from 'node:os';
import type { CityModel, RuntimeConfig } from '../../domain/index.js';
import { loadRules, loadTechniqueTable, RuleRouter, splitByLocality } from '../../engines/detection/index.js';
import { PartitionLeases, type NatsBus } from '../../platform/bus/index.js';
import { SystemClock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';
import { contentPath } from './paths.js';
import { AlertSink } from './worker-alerts.js';
import { LatencyHistogram } from './worker-latency.js';
import { WorkerPartitions } from './worker-partitions.js';
import { EventForwarder } from './worker-routing.js';
import type { ClusterSettings } from './worker-settings.js';
import { WorkerTime } from './worker-time.js';

/** A running detection role. */
export interface DetectionRole {
  readonly partitions: WorkerPartitions;
  readonly sink: AlertSink;
  readonly latency: LatencyHistogram;
  /** Partitions whose lease this worker holds (running or starting). */
  held(): number[];
  /** When the last lease round completed (ms since epoch; 0 before the first). */
  lastRoundMs(): number;
  /** Hands every partition over with a checkpoint and leaves the cluster. */
  stop(): Promise<void>;
}

/** What the detection role is built from. */
export interface DetectionRoleDeps {
  id: string;
  config: RuntimeConfig;
  settings: ClusterSettings;
  city: CityModel;
  store: Store;
  bus: NatsBus;
  log: Logger;
  /** The worker's health and metrics URL, published with its heartbeat. */
  url: () => string;
}

/** Joins the cluster and starts taking partitions. */
export async function startDetectionRole(d: DetectionRoleDeps): Promise<DetectionRole> {
  const { local, global } = splitByLocality(loadRules(d.config.rules ?? contentPath('rules'), loadTechniqueTable()).rules);
  const clock = new SystemClock();
  const sink = new AlertSink(d.store.alerts, d.bus);
  const latency = new LatencyHistogram();
  const lease: { current?: PartitionLeases } = {};
  const partitions = new WorkerPartitions({
    id: d.id, bus: d.bus, store: d.store, city: d.city, clock, local, global, sink, settings: d.settings, log: d.log,
    forwarder: new EventForwarder(d.bus, new RuleRouter(global, d.city)),
    time: new WorkerTime(d.settings.time, clock),
    latency,
    leaseValid: (p) => lease.current?.holds(p) ?? false,
  });
  let lastRoundMs = 0;
  const startedMs = Date.now();
  const kv = await d.bus.cluster.bucket(d.settings.bucket);
  const leases = new PartitionLeases(kv, d.id, { partitions: d.settings.partitions, leaseMs: d.settings.leaseMs, heartbeatMs: d.settings.heartbeatMs }, {
    acquire: (p) => partitions.start(p).then(() => d.log.info({ partition: p }, 'partition acquired')),
    release: (p) => partitions.stop(p, true).then(() => d.log.info({ partition: p }, 'partition handed over')),
    lost: (p) => partitions.stop(p, false).then(() => d.log.warn({ partition: p }, 'partition lease lost')),
    describe: () => ({ id: d.id, host: hostname(), pid: process.pid, startedMs, url: d.url(), lag: partitions.lag() }),
    onRound: () => void (lastRoundMs = Date.now()),
    onError: (err) => d.log.warn({ err }, 'lease round failed; retrying'),
  });
  lease.current = leases;
  leases.start();
  let ticking = false;
  const timer = setInterval(() => {
    if (ticking) return; // a slow tick (store, NATS) is not stacked upon
    ticking = true;
    void partitions.tick(leases.holding()).finally(() => (ticking = false));
  }, partitions.tickMs);
  d.log.info({ partitions: d.settings.partitions, localRules: local.length, spanningRules: global.length }, 'detection role started');
  return {
    partitions,
    sink,
    latency,
    held: () => leases.holding(),
    lastRoundMs: () => lastRoundMs,
    stop: async () => {
      clearInterval(timer);
      await leases.leave();
    },
  };
}
