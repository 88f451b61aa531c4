// A worker process (`cityguard worker --config <file>`): one of many sharing the scale-out work. Its
// roles: `detect` — hold leases on a share of the partitions and run the rules on them from their
// snapshots (worker-detection.ts); `ingest` — take device messages from the external broker's shared
// subscription (and syslog, if configured) onto the bus, persisting events as the store group's
// member. Every worker serves health, readiness, metrics and status. Stopping hands its partitions
// over with a checkpoint; dying hands them over after the lease time, and the next owner replays
// from the last checkpoint (alert ids derive from their inputs, so nothing doubles).
import { hostname } from 'node:os';
import type { RuntimeConfig } from '../../domain/index.js';
import { registerIngestMetrics, type IngestService } from '../../engines/ingest/index.js';
import { NatsBus, TOPICS } from '../../platform/bus/index.js';
import { SystemClock } from '../../platform/clock/index.js';
import { loadCityFile } from '../../platform/content/index.js';
import { createLogger, type Logger } from '../../platform/log/index.js';
import { startConfiguredIngest } from './ingest-stage.js';
import { openBus } from './open-bus.js';
import { openStore } from './open-store.js';
import { startDetectionRole, type DetectionRole } from './worker-detection.js';
import { workerNeedsNats } from './worker-errors.js';
import { startWorkerHttp } from './worker-http.js';
import { latencyQuantile } from './worker-latency.js';
import { createWorkerRegistry, registerDetectionMetrics } from './worker-metrics.js';
import { clusterSettings, DETECTION_GROUP, type ClusterSettings } from './worker-settings.js';

/** What a worker does. */
export type WorkerRole = 'detect' | 'ingest';

/** Options of `startWorker`. */
export interface WorkerOptions {
  /** Member id in the cluster (default `<hostname>-<pid>`); must be unique among running workers. */
  id?: string;
  /** Default `['detect']`. */
  roles?: readonly WorkerRole[];
  /** Port of the health/metrics listener, overriding `cluster.worker.port` (0 picks a free one). */
  port?: number;
  logger?: Logger;
  pretty?: boolean;
}

/** A running worker. */
export interface Worker {
  readonly id: string;
  readonly roles: readonly WorkerRole[];
  /** Base URL of its health, readiness, metrics and status endpoints. */
  readonly url: string;
  readonly settings: ClusterSettings;
  /** Partitions it runs now (detect role). */
  partitions(): number[];
  /** Hands every partition over (checkpointed), stops ingest, and exits the cluster. */
  stop(): Promise<void>;
}

/** Starts a worker; on failure stops what had started and rethrows. */
export async function startWorker(config: RuntimeConfig, options: WorkerOptions = {}): Promise<Worker> {
  const settings = clusterSettings(config);
  const roles = options.roles ?? ['detect'];
  const id = options.id ?? `${hostname()}-${process.pid}`;
  const log = (options.logger ?? createLogger({ pretty: options.pretty ?? false, name: 'cityguard-worker' })).child({ worker: id });
  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const city = loadCityFile(config.city);
    const store = await openStore(config);
    stops.push(() => store.close());
    const bus = await openBus(config, log);
    stops.push(() => bus.close());
    if (!(bus instanceof NatsBus)) throw workerNeedsNats(config.bus.kind);
    await declareDetectionGroups(bus, settings.capacity);

    const parts: { detection?: DetectionRole; ingest?: IngestService } = {};
    const metrics = createWorkerRegistry();
    const http = await startWorkerHttp(settings.http.host, options.port ?? settings.http.port, {
      health: () => health(parts, settings),
      ready: () => ready(parts),
      status: () => status(id, roles, parts),
      metrics,
    });
    stops.push(() => http.close());
    if (roles.includes('detect')) {
      const detection = await startDetectionRole({ id, config, settings, city, store, bus, log, url: () => http.url });
      parts.detection = detection;
      stops.push(() => detection.stop());
      registerDetectionMetrics(metrics, bus, detection.partitions, detection.sink);
    }
    if (roles.includes('ingest')) {
      const ingest = await startConfiguredIngest(config, { city, bus, store, clock: new SystemClock(), log });
      parts.ingest = ingest;
      stops.push(() => ingest.stop());
      registerIngestMetrics(metrics, ingest.counters);
    }
    log.info({ url: http.url, roles }, 'worker started');
    return {
      id,
      roles,
      url: http.url,
      settings,
      partitions: () => [...(parts.detection?.partitions.owned.keys() ?? [])].sort((a, b) => a - b),
      stop: stopAll,
    };
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

type Parts = { detection?: DetectionRole; ingest?: IngestService };

function health(parts: Parts, settings: ClusterSettings): { ok: boolean; detail: string } {
  if (!parts.detection) return { ok: true, detail: 'running' };
  const ok = Date.now() - parts.detection.lastRoundMs() < settings.leaseMs;
  return { ok, detail: ok ? 'in touch with the cluster' : 'no lease round completed within the lease time (NATS unreachable?)' };
}

function ready(parts: Parts): { ok: boolean; detail: string } {
  const details: string[] = [];
  let ok = true;
  if (parts.detection) {
    const held = parts.detection.held();
    const running = held.filter((p) => parts.detection!.partitions.owned.has(p));
    ok &&= parts.detection.lastRoundMs() > 0 && running.length === held.length;
    details.push(`${running.length} of ${held.length} held partitions running`);
  }
  if (parts.ingest) details.push('ingest subscribed');
  return { ok, detail: details.join('; ') };
}

function status(id: string, roles: readonly WorkerRole[], parts: Parts): Record<string, unknown> {
  const d = parts.detection;
  return {
    id,
    roles,
    alerts: d?.sink.counts ?? { stored: 0, repeated: 0 },
    restarts: d?.partitions.restarts ?? 0,
    partitions: [...(d?.partitions.owned ?? [])].map(([p, stages]) => ({
      partition: p,
      stages: stages.map((s) => ({ topic: s.topic, restoredFrom: s.restoredFrom, counts: s.counts, ...s.position, snapshotBytes: s.checkpointBytes })),
    })),
    latency: d
      ? { events: d.latency.total, p50Ms: latencyQuantile(d.latency.counts, 0.5), p99Ms: latencyQuantile(d.latency.counts, 0.99), counts: d.latency.counts }
      : { events: 0, counts: [] },
    ...(parts.ingest ? { ingest: parts.ingest.counters.snapshot() } : {}),
  };
}
