// A worker's Prometheus metrics: Node's process metrics, and per owned partition and topic the lag
// the server reports (messages not yet delivered, delivered but not yet checkpointed), the position
// handled and checkpointed, the snapshot size, and the counters that survive moves between workers.
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { NatsBus } from '../../platform/bus/index.js';
import { TOPICS } from '../../platform/bus/index.js';
import type { AlertSink } from './worker-alerts.js';
import type { PartitionStage } from './worker-partition.js';
import type { WorkerPartitions } from './worker-partitions.js';
import { DETECTION_GROUP } from './worker-settings.js';

type Labels = 'topic' | 'partition';

/** A worker's registry with Node's process metrics; roles add theirs. */
export function createWorkerRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cityguard_process_' });
  return registry;
}

/** Adds the detection role's gauges; values are read at scrape time. */
export function registerDetectionMetrics(registry: Registry, bus: NatsBus, partitions: WorkerPartitions, sink: AlertSink): void {
  const gauge = (name: string, help: string, labelNames: Labels[], collect: (g: Gauge<Labels>) => void | Promise<void>) =>
    new Gauge<Labels>({ name, help, labelNames, registers: [registry], collect() { this.reset(); return collect(this); } });

  gauge('cityguard_worker_partitions_owned', 'partitions this worker owns', [], (g) => g.set(partitions.owned.size));
  for (const [field, help] of [
    ['pending', 'messages of the partition not yet delivered to its owner (server count)'],
    ['ack_pending', 'messages delivered to the owner but not yet checkpointed (server count)'],
  ] as const) {
    gauge(`cityguard_partition_lag_${field}`, help, ['topic', 'partition'], async (g) => {
      for (const topic of [TOPICS.eventReceived, TOPICS.eventRouted]) {
        for (const l of await bus.cluster.lag(topic, DETECTION_GROUP)) {
          if (partitions.owned.has(l.partition)) g.set({ topic, partition: String(l.partition) }, field === 'pending' ? l.pending : l.ackPending);
        }
      }
    });
  }
  const stageTopics = [TOPICS.eventReceived, TOPICS.eventRouted];
  const perStage = (name: string, help: string, read: (s: PartitionStage) => number) =>
    gauge(name, help, ['topic', 'partition'], (g) => {
      for (const [p, stages] of partitions.owned) stages.forEach((s, i) => g.set({ topic: stageTopics[i]!, partition: String(p) }, read(s)));
    });
  perStage('cityguard_partition_processed_seq', 'last stream sequence handled', (s) => s.position.processedSeq);
  perStage('cityguard_partition_checkpointed_seq', 'last stream sequence covered by a stored snapshot', (s) => s.position.checkpointedSeq);
  perStage('cityguard_partition_snapshot_bytes', 'size of the last snapshot written', (s) => s.checkpointBytes);
  perStage('cityguard_partition_events', 'events handled over the partition’s life (across owners)', (s) => s.counts.events);
  perStage('cityguard_partition_malformed', 'messages that were not events, skipped (across owners)', (s) => s.counts.malformed);
  gauge('cityguard_worker_alerts_stored', 'alerts this worker stored as new', [], (g) => g.set(sink.counts.stored));
  gauge('cityguard_worker_alerts_repeated', 'alerts this worker raised again that the store already had (replays after a move)', [], (g) => g.set(sink.counts.repeated));
  gauge('cityguard_worker_partition_restarts', 'partitions restarted from their checkpoint after a failure', [], (g) => g.set(partitions.restarts));
}
