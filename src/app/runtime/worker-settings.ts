// The `cluster` section of the configuration with its defaults filled in, in milliseconds, plus
// the names workers and `cityguard serve` must agree on: groups, the KV bucket, snapshot keys.
import type { RuntimeConfig } from '../../domain/index.js';
import { workerBadTiming, workerNeedsNats } from './worker-errors.js';

/** Consumer group of the detection workers on the event and routed-event topics. */
export const DETECTION_GROUP = 'detect';
/** State-store namespace of partition snapshots. */
export const SNAPSHOT_NAMESPACE = 'cityguard.worker.snapshot';

/** Cluster settings, resolved. */
export interface ClusterSettings {
  detection: 'in-process' | 'workers';
  bucket: string;
  leaseMs: number;
  heartbeatMs: number;
  checkpointMs: number;
  checkpointEvents: number;
  capacity: number;
  time: 'clock' | 'events';
  http: { host: string; port: number };
  partitions: number;
}

/** Settings from the configuration; throws CG_WORKER_NEEDS_NATS when the bus is not NATS. */
export function clusterSettings(config: RuntimeConfig): ClusterSettings {
  const bus = config.bus;
  if (bus.kind !== 'nats') throw workerNeedsNats(bus.kind);
  const c = config.cluster;
  const heartbeatMs = (c?.heartbeatS ?? 2) * 1000;
  const leaseMs = (c?.leaseS ?? 10) * 1000;
  if (heartbeatMs * 2 > leaseMs) throw workerBadTiming(heartbeatMs, leaseMs);
  return {
    detection: c?.detection ?? 'in-process',
    bucket: c?.bucket ?? `${bus.streamPrefix}-cluster`,
    leaseMs,
    heartbeatMs,
    checkpointMs: (c?.checkpointS ?? 2) * 1000,
    checkpointEvents: c?.checkpointEvents ?? 20_000,
    capacity: c?.capacity ?? 1_000_000,
    time: c?.time ?? 'clock',
    http: { host: c?.worker.host ?? '127.0.0.1', port: c?.worker.port ?? 9464 },
    partitions: bus.partitions,
  };
}

/** The state-store key of one partition's snapshot on one topic. */
export function snapshotKey(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}
