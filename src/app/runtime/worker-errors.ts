// Error factories of detection workers and cluster operations, one per code (docs/errors.md).
import { CityguardError } from '../../domain/index.js';

/** Workers and cluster commands were started on a deployment whose bus is not NATS. */
export function workerNeedsNats(kind: string): CityguardError {
  return new CityguardError('CG_WORKER_NEEDS_NATS', 'detection workers need the NATS bus: set `bus: { kind: nats, url: … }` in the configuration', { bus: kind });
}

/** Heartbeats too slow for the lease time: a live worker could lose its leases between two. */
export function workerBadTiming(heartbeatMs: number, leaseMs: number): CityguardError {
  return new CityguardError('CG_WORKER_BAD_TIMING', `cluster.heartbeatS (${heartbeatMs / 1000}) must be at most half of cluster.leaseS (${leaseMs / 1000})`, { heartbeatMs, leaseMs });
}

/** A partition's lease ran out before its snapshot was written; the snapshot is not written. */
export function workerLeaseLost(partition: number): CityguardError {
  return new CityguardError('CG_WORKER_LEASE_LOST', `the lease of partition ${partition} ran out before its snapshot was written; another worker resumes it`, { partition });
}
