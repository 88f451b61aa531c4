// What `cityguard cluster status` shows: the detection workers (alive or not, last heartbeat, the
// partitions each holds, where its endpoints are), and per partition its lease and its lag on both
// detection topics, from the server's own consumer counts.
import type { RuntimeConfig } from '../../domain/index.js';
import { NatsBus, readClusterView, TOPICS, type LeaseView, type MemberView, type PartitionLag } from '../../platform/bus/index.js';
import { silentLogger } from '../../platform/log/index.js';
import { openBus } from './open-bus.js';
import { workerNeedsNats } from './worker-errors.js';
import { clusterSettings, DETECTION_GROUP } from './worker-settings.js';

/** The cluster as one document. */
export interface ClusterStatus {
  bucket: string;
  leaseMs: number;
  members: MemberView[];
  partitions: Array<{
    partition: number;
    lease: LeaseView;
    /** Lag per topic (absent when no detection group was declared there yet). */
    lag: Record<string, Omit<PartitionLag, 'partition'> | undefined>;
  }>;
  /** Sums over partitions, per topic. */
  totals: Record<string, { pending: number; ackPending: number }>;
}

/** Reads the cluster's state from NATS (the configuration names server, prefix and bucket). */
export async function readClusterStatus(config: RuntimeConfig): Promise<ClusterStatus> {
  const settings = clusterSettings(config);
  const bus = await openBus(config, silentLogger());
  try {
    if (!(bus instanceof NatsBus)) throw workerNeedsNats(config.bus.kind);
    const view = await readClusterView(await bus.cluster.bucket(settings.bucket), settings.partitions, settings.leaseMs);
    const topics = [TOPICS.eventReceived, TOPICS.eventRouted];
    const lags = new Map<string, PartitionLag[]>();
    for (const t of topics) lags.set(t, await bus.cluster.lag(t, DETECTION_GROUP));
    const totals: ClusterStatus['totals'] = {};
    for (const t of topics) {
      const l = lags.get(t)!;
      totals[t] = { pending: l.reduce((n, x) => n + x.pending, 0), ackPending: l.reduce((n, x) => n + x.ackPending, 0) };
    }
    return {
      bucket: settings.bucket,
      leaseMs: settings.leaseMs,
      members: view.members,
      partitions: view.leases.map((lease) => ({
        partition: lease.partition,
        lease,
        lag: Object.fromEntries(
          topics.map((t) => {
            const l = lags.get(t)!.find((x) => x.partition === lease.partition);
            return [t, l ? { pending: l.pending, ackPending: l.ackPending, handledSeq: l.handledSeq } : undefined];
          }),
        ),
      })),
      totals,
    };
  } finally {
    await bus.close();
  }
}
