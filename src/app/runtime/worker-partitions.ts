// The partitions a worker owns right now, each as two stages: the asset-local rules on the event
// partition, and the rules spanning assets on the routed-event partition with the same number.
// Starts them when a lease is won, stops them with a checkpoint when one is handed over, without
// one when it was lost, and restarts a partition whose stage failed (after a pause) from its
// checkpoint while the lease is still held.
import type { CityModel } from '../../domain/index.js';
import { RuleEngine, type CompiledRule } from '../../engines/detection/index.js';
import { TOPICS, type NatsBus } from '../../platform/bus/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';
import type { AlertSink } from './worker-alerts.js';
import type { LatencyHistogram } from './worker-latency.js';
import { PartitionStage } from './worker-partition.js';
import { rulesOfRoutedPartition, type EventForwarder } from './worker-routing.js';
import type { ClusterSettings } from './worker-settings.js';
import type { WorkerTime } from './worker-time.js';

/** What the partitions share. */
export interface WorkerPartitionsOptions {
  id: string;
  bus: NatsBus;
  store: Store;
  city: CityModel;
  clock: Clock;
  local: readonly CompiledRule[];
  global: readonly CompiledRule[];
  forwarder: EventForwarder;
  sink: AlertSink;
  time: WorkerTime;
  settings: ClusterSettings;
  leaseValid(partition: number): boolean;
  latency: LatencyHistogram;
  log: Logger;
}

/** Event-time step of time-based rules (a single engine on a clock ticks this often). */
const RULE_TICK_MS = 1000;
const RESTART_AFTER_MS = 2000;
/** Non-telemetry event ids each engine remembers (a partition's engine, not the whole stream's). */
const RECENT_IDS = 8192;

/** A worker's owned partitions. */
export class WorkerPartitions {
  readonly owned = new Map<number, PartitionStage[]>();
  private readonly starting = new Set<number>();
  private readonly failedAtMs = new Map<number, number>();
  restarts = 0;

  constructor(private readonly o: WorkerPartitionsOptions) {}

  /** Starts both stages of a partition from their checkpoints; rejects (nothing left running) on failure. */
  async start(partition: number): Promise<void> {
    if (this.owned.has(partition) || this.starting.has(partition)) return;
    this.starting.add(partition);
    const stages = [this.stage(TOPICS.eventReceived, partition, this.o.local, true), this.stage(TOPICS.eventRouted, partition, rulesOfRoutedPartition(this.o.global, this.o.bus, partition), false)];
    try {
      await Promise.all(stages.map((s) => s.start()));
      this.owned.set(partition, stages);
      this.failedAtMs.delete(partition);
    } catch (error) {
      await Promise.all(stages.map((s) => s.stop(false).catch(() => undefined)));
      throw error;
    } finally {
      this.starting.delete(partition);
    }
  }

  /** Stops a partition; with `checkpoint` its state is saved first (hand-over), without it the next owner replays. */
  async stop(partition: number, checkpoint: boolean): Promise<void> {
    const stages = this.owned.get(partition);
    this.owned.delete(partition);
    if (stages) await Promise.all(stages.map((s) => s.stop(checkpoint)));
  }

  /** Once per tick: time-based rules and due checkpoints; restarts held partitions that failed. */
  async tick(held: readonly number[]): Promise<void> {
    const work: Promise<void>[] = [];
    for (const [p, stages] of this.owned) for (const s of stages) work.push(s.idle().catch((err: unknown) => this.o.log.warn({ err, partition: p }, 'partition tick failed')));
    for (const p of held) {
      if (this.owned.has(p) || this.starting.has(p) || Date.now() - (this.failedAtMs.get(p) ?? 0) < RESTART_AFTER_MS) continue;
      this.restarts++;
      work.push(this.start(p).catch((err: unknown) => {
        this.failedAtMs.set(p, Date.now());
        this.o.log.error({ err, partition: p }, 'could not restart partition');
      }));
    }
    await Promise.all(work);
  }

  /** Per topic and partition: messages received but not handled, plus those the server has not delivered yet. */
  lag(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = { [TOPICS.eventReceived]: {}, [TOPICS.eventRouted]: {} };
    for (const [p, stages] of this.owned) {
      for (const s of stages) out[s.topic]![String(p)] = s.position.serverPending + s.position.buffered;
    }
    return out;
  }

  /** How often `tick` should run, in milliseconds: often enough for due checkpoints and rule ticks. */
  get tickMs(): number {
    return Math.max(20, Math.min(RULE_TICK_MS, this.o.settings.checkpointMs / 2));
  }

  private stage(topic: string, partition: number, rules: readonly CompiledRule[], forwarding: boolean): PartitionStage {
    const o = this.o;
    return new PartitionStage({
      bus: o.bus,
      state: o.store.state,
      topic,
      partition,
      createEngine: () => new RuleEngine({ rules, city: o.city, clock: o.clock, recentEventIds: RECENT_IDS, recentAlertKeys: RECENT_IDS }),
      raise: (alerts) => o.sink.raise(alerts),
      ...(forwarding ? { forward: (events) => o.forwarder.forward(events) } : {}),
      time: o.time,
      leaseValid: () => o.leaseValid(partition),
      ...(forwarding ? { latency: o.latency } : {}),
      checkpointMs: o.settings.checkpointMs,
      checkpointEvents: o.settings.checkpointEvents,
      capacity: o.settings.capacity,
      tickMs: RULE_TICK_MS,
      owner: o.id,
      log: o.log,
      onStopped: (reason, cause) => {
        o.log.warn({ err: reason, partition, topic, cause }, 'partition stage stopped');
        // The partition restarts from its checkpoint on a later tick if the lease is still ours. A
        // consumer replaced by another owner means the lease is going: wait a lease time for the news.
        this.failedAtMs.set(partition, Date.now() + (cause === 'consumer-gone' ? o.settings.leaseMs : 0));
        void this.stop(partition, false);
      },
    });
  }
}
