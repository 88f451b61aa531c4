// A detection worker (`cityguard worker --config <file>`): one process of many sharing detection.
// It holds leases on a share of the partitions (NATS KV, rebalanced as workers join, leave or die),
// runs the rule engine on them from their last snapshot, and serves health, readiness and metrics.
// Stopping hands every partition over with a checkpoint; dying hands them over after the lease time,
// and the next owner replays from the last checkpoint (alert ids derive from inputs, so nothing doubles).
import { hostname } from 'node:os';
import type { RuntimeConfig } from '../../domain/index.js';
import { loadRules, loadTechniqueTable, RuleRouter, splitByLocality } from '../../engines/detection/index.js';
import { NatsBus, PartitionLeases, TOPICS } from '../../platform/bus/index.js';
import { SystemClock } from '../../platform/clock/index.js';
import { loadCityFile } from '../../platform/content/index.js';
import { createLogger, type Logger } from '../../platform/log/index.js';
import { openBus } from './open-bus.js';
import { openStore } from './open-store.js';
import { contentPath } from './paths.js';
import { AlertSink } from './worker-alerts.js';
import { workerNeedsNats } from './worker-errors.js';
import { startWorkerHttp } from './worker-http.js';
import { LatencyHistogram, latencyQuantile } from './worker-latency.js';
import { createWorkerMetrics } from './worker-metrics.js';
import { WorkerPartitions } from './worker-partitions.js';
import { EventForwarder } from './worker-routing.js';
import { clusterSettings, DETECTION_GROUP, type ClusterSettings } from './worker-settings.js';
import { WorkerTime } from './worker-time.js';

/** Options of `startWorker`. */
export interface WorkerOptions {
  /** Member id in the cluster (default `<hostname>-<pid>`); must be unique among running workers. */
  id?: string;
  /** Port of the health/metrics listener, overriding `cluster.worker.port` (0 picks a free one). */
  port?: number;
  logger?: Logger;
  pretty?: boolean;
}

/** A running worker. */
export interface Worker {
  readonly id: string;
  /** Base URL of its health, readiness, metrics and status endpoints. */
  readonly url: string;
  readonly settings: ClusterSettings;
  /** Partitions it runs now. */
  partitions(): number[];
  /** Hands every partition over (checkpointed) and stops. */
  stop(): Promise<void>;
}

/** Starts a worker; on failure stops what had started and rethrows. */
export async function startWorker(config: RuntimeConfig, options: WorkerOptions = {}): Promise<Worker> {
  const settings = clusterSettings(config);
  const id = options.id ?? `${hostname()}-${process.pid}`;
  const log = (options.logger ?? createLogger({ pretty: options.pretty ?? false, name: 'cityguard-worker' })).child({ worker: id });
  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const city = loadCityFile(config.city);
    const { local, global } = splitByLocality(loadRules(config.rules ?? contentPath('rules'), loadTechniqueTable()).rules);
    const store = await openStore(config);
    stops.push(() => store.close());
    const bus = await openBus(config, log);
    stops.push(() => bus.close());
    if (!(bus instanceof NatsBus)) throw workerNeedsNats(config.bus.kind);
    await declareDetectionGroups(bus, settings.capacity);

    const clock = new SystemClock();
    const sink = new AlertSink(store.alerts, bus);
    const latency = new LatencyHistogram();
    const lease: { current?: PartitionLeases } = {};
    const partitions = new WorkerPartitions({
      id, bus, store, city, clock, local, global, sink, settings, log,
      forwarder: new EventForwarder(bus, new RuleRouter(global, city)),
      time: new WorkerTime(settings.time, clock),
      latency,
      leaseValid: (p) => lease.current?.holds(p) ?? false,
    });
    let lastRoundMs = 0;
    const startedMs = Date.now();
    const metrics = createWorkerMetrics(bus, partitions, sink);
    const http = await startWorkerHttp(settings.http.host, options.port ?? settings.http.port, {
      health: () => {
        const ok = Date.now() - lastRoundMs < settings.leaseMs;
        return { ok, detail: ok ? 'in touch with the cluster' : 'no lease round completed within the lease time (NATS unreachable?)' };
      },
      ready: () => {
        const held = lease.current?.holding() ?? [];
        const running = held.filter((p) => partitions.owned.has(p));
        const ok = lastRoundMs > 0 && running.length === held.length;
        return { ok, detail: `${running.length} of ${held.length} held partitions running` };
      },
      status: () => ({ ...workerStatus(id, partitions, sink), latency: { events: latency.total, p50Ms: latencyQuantile(latency.counts, 0.5), p99Ms: latencyQuantile(latency.counts, 0.99), counts: latency.counts } }),
      metrics,
    });
    stops.push(() => http.close());

    const kv = await bus.cluster.bucket(settings.bucket);
    const held = new PartitionLeases(kv, id, { partitions: settings.partitions, leaseMs: settings.leaseMs, heartbeatMs: settings.heartbeatMs }, {
      acquire: (p) => partitions.start(p).then(() => log.info({ partition: p }, 'partition acquired')),
      release: (p) => partitions.stop(p, true).then(() => log.info({ partition: p }, 'partition handed over')),
      lost: (p) => partitions.stop(p, false).then(() => log.warn({ partition: p }, 'partition lease lost')),
      describe: () => ({ id, host: hostname(), pid: process.pid, startedMs, url: http.url, lag: lagOf(partitions) }),
      onRound: () => void (lastRoundMs = Date.now()),
      onError: (err) => log.warn({ err }, 'lease round failed; retrying'),
    });
    lease.current = held;
    held.start();
    stops.push(() => held.leave());
    let ticking = false;
    const timer = setInterval(() => {
      if (ticking) return; // a slow tick (store, NATS) is not stacked upon
      ticking = true;
      void partitions.tick(held.holding()).finally(() => (ticking = false));
    }, partitions.tickMs);
    stops.push(() => clearInterval(timer));
    log.info({ url: http.url, partitions: settings.partitions, localRules: local.length, spanningRules: global.length }, 'worker started');
    return { id, url: http.url, settings, partitions: () => [...partitions.owned.keys()].sort((a, b) => a - b), stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Declares the detection groups on every partition, so events published before a worker owns one wait for it. */
export async function declareDetectionGroups(bus: NatsBus, capacity: number): Promise<void> {
  await bus.cluster.declareGroup(TOPICS.eventReceived, DETECTION_GROUP, capacity);
  await bus.cluster.declareGroup(TOPICS.eventRouted, DETECTION_GROUP, capacity);
}

/** Per topic and partition: messages received but not handled, plus handled but not checkpointed. */
function lagOf(partitions: WorkerPartitions): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = { [TOPICS.eventReceived]: {}, [TOPICS.eventRouted]: {} };
  for (const [p, stages] of partitions.owned) {
    stages.forEach((s, i) => {
      const pos = s.position;
      out[i === 0 ? TOPICS.eventReceived : TOPICS.eventRouted]![String(p)] = pos.serverPending + pos.buffered;
    });
  }
  return out;
}

function workerStatus(id: string, partitions: WorkerPartitions, sink: AlertSink): Record<string, unknown> {
  return {
    id,
    alerts: sink.counts,
    restarts: partitions.restarts,
    partitions: [...partitions.owned].map(([p, stages]) => ({
      partition: p,
      stages: stages.map((s, i) => ({ topic: i === 0 ? TOPICS.eventReceived : TOPICS.eventRouted, restoredFrom: s.restoredFrom, counts: s.counts, ...s.position, snapshotBytes: s.checkpointBytes })),
    })),
  };
}
