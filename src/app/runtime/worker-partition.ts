// One partition of one detection stage in a worker: reads it from its checkpoint, runs the rule
// engine over each batch in stream order (ticking time-based rules as event time passes), forwards
// what rules elsewhere need, stores and publishes alerts, and checkpoints — snapshot first, then the
// acknowledgement — so a partition that moves resumes exactly where the snapshot says.
// Work on a partition is serial (batches, idle ticks); a checkpoint is captured between batches and
// written while the next ones are handled, one write at a time.
import type { Alert, Event } from '../../domain/index.js';
import type { RuleEngine } from '../../engines/detection/index.js';
import type { NatsBus, PartitionBatch, PartitionReader } from '../../platform/bus/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { StateStore } from '../../platform/store/index.js';
import { workerLeaseLost } from './worker-errors.js';
import { readPartitionSnapshot, type PartitionCounts, type PartitionSnapshot } from './worker-snapshot.js';
import { DETECTION_GROUP, SNAPSHOT_NAMESPACE, snapshotKey } from './worker-settings.js';
import type { LatencyHistogram } from './worker-latency.js';
import type { WorkerTime } from './worker-time.js';

/** What one partition stage needs. */
export interface PartitionStageOptions {
  bus: NatsBus;
  state: StateStore;
  topic: string;
  partition: number;
  /** A fresh engine with this stage's rules. */
  createEngine(): RuleEngine;
  /** Stores and publishes alerts; resolves when they are safe. */
  raise(alerts: readonly Alert[]): Promise<void>;
  /** Forwards events to the stage where rules spanning assets run; resolves with how many went. */
  forward?: (events: readonly Event[]) => Promise<number>;
  time: WorkerTime;
  /** True while this worker's lease on the partition is fresh. */
  leaseValid(): boolean;
  /** Where ingest-to-detection latency is recorded (the event stage only). */
  latency?: LatencyHistogram;
  checkpointMs: number;
  checkpointEvents: number;
  capacity: number;
  tickMs: number;
  owner: string;
  log: Logger;
  /** The reader stopped on its own (handler failure, or its consumer replaced by another owner). */
  onStopped(reason: unknown, cause: 'handler-failed' | 'consumer-gone'): void;
}

const MAX_BATCH = 1024;

function isEventLike(v: unknown): v is Event {
  const e = v as Partial<Event> | null;
  return typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.ts === 'number' && typeof e.type === 'string';
}

/** A partition of one stage, owned by this worker. */
export class PartitionStage {
  counts: PartitionCounts = { events: 0, malformed: 0, alerts: 0, forwarded: 0 };
  /** Stream sequence the engine's state covers (batches handled). */
  processedSeq = 0;
  checkpointedSeq = 0;
  checkpointBytes = 0;
  restoredFrom: 'snapshot' | 'empty' | 'invalid-snapshot' = 'empty';
  private engine!: RuleEngine;
  private reader: PartitionReader<unknown> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private tickedTo = 0;
  private sinceCheckpoint = 0;
  private lastCheckpointMs = Date.now();
  private tickedSinceCheckpoint = false;
  private writing: Promise<void> | undefined;
  private checkpoints = 0;

  constructor(private readonly o: PartitionStageOptions) {}

  /** The topic this stage reads. */
  get topic(): string {
    return this.o.topic;
  }

  /** Restores the snapshot (if any) and starts reading after the position it covers. */
  async start(): Promise<void> {
    const o = this.o;
    this.engine = o.createEngine();
    const saved = await o.state.get<unknown>(SNAPSHOT_NAMESPACE, snapshotKey(o.topic, o.partition));
    let startAfter: number | undefined;
    if (saved !== undefined) {
      const restored = this.restore(saved);
      startAfter = restored?.seq;
    }
    this.processedSeq = this.checkpointedSeq = startAfter ?? 0;
    this.reader = await o.bus.cluster.readPartition<unknown>(o.topic, DETECTION_GROUP, o.partition, {
      startAfter,
      maxBatch: MAX_BATCH,
      capacity: o.capacity,
      handler: (batch) => this.serial(() => this.handle(batch)),
      onStopped: (reason, cause) => o.onStopped(reason, cause),
    });
    if (startAfter === undefined) this.processedSeq = this.checkpointedSeq = this.reader.handledSeq;
  }

  /** Every tick: moves time-based rules on when caught up, and checkpoints when due. */
  idle(): Promise<void> {
    return this.serial(async () => {
      const reader = this.reader;
      if (!reader) return;
      if (reader.caughtUp) {
        const now = this.o.time.now();
        if (now > this.tickedTo) {
          const alerts = this.engine.tick(now);
          this.tickedTo = now;
          this.tickedSinceCheckpoint ||= alerts.length > 0;
          await this.raise(alerts);
        }
      }
      if ((this.sinceCheckpoint > 0 || this.tickedSinceCheckpoint) && Date.now() - this.lastCheckpointMs >= this.o.checkpointMs) this.checkpointSoon();
    });
  }

  /** Stops reading; with `checkpoint`, first snapshots what was handled (a graceful hand-over). */
  async stop(checkpoint: boolean): Promise<void> {
    const reader = this.reader;
    this.reader = undefined;
    await reader?.stop();
    await this.chain.catch(() => undefined);
    await this.writing;
    if (checkpoint) await this.checkpoint();
  }

  /** Lag as this process sees it: messages received but not handled, and handled but not yet checkpointed. */
  get position(): { buffered: number; serverPending: number; processedSeq: number; checkpointedSeq: number } {
    return { buffered: this.reader?.buffered ?? 0, serverPending: this.reader?.serverPending ?? 0, processedSeq: this.processedSeq, checkpointedSeq: this.checkpointedSeq };
  }

  private restore(saved: unknown): PartitionSnapshot | undefined {
    const o = this.o;
    let snap: PartitionSnapshot | undefined;
    try {
      snap = readPartitionSnapshot(saved);
      const report = this.engine.restore(snap.engine);
      this.counts = { ...snap.counts };
      this.tickedTo = snap.engine.nowMs;
      this.restoredFrom = 'snapshot';
      if (report.skipped.length > 0) o.log.warn({ partition: o.partition, topic: o.topic, rules: report.skipped }, 'rules changed since the snapshot start with empty windows');
      return snap;
    } catch (err) {
      // A damaged snapshot: start with empty windows, from its position when that much is readable.
      o.log.error({ err, partition: o.partition, topic: o.topic }, 'partition snapshot unusable; continuing with empty detector state');
      this.engine = o.createEngine();
      this.restoredFrom = 'invalid-snapshot';
      const seq = (saved as { seq?: unknown } | null)?.seq;
      return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? ({ seq } as PartitionSnapshot) : undefined;
    }
  }

  private async handle(batch: PartitionBatch<unknown>): Promise<void> {
    const alerts: Alert[] = [];
    const events: Event[] = [];
    let run: Event[] = [];
    let newest = 0;
    const flush = () => {
      if (run.length > 0) alerts.push(...this.engine.process(run));
      run = [];
    };
    for (const v of batch.values) {
      if (!isEventLike(v)) {
        this.counts.malformed++;
        continue;
      }
      // Time-based rules move on as event time passes, between events as on a single engine's clock.
      if (v.ts - 1 >= this.tickedTo + this.o.tickMs) {
        flush();
        alerts.push(...this.engine.tick(v.ts - 1));
        this.tickedTo = v.ts - 1;
      }
      run.push(v);
      events.push(v);
      if (v.ts > newest) newest = v.ts;
    }
    flush();
    this.counts.malformed += batch.undecodable;
    this.o.time.observe(newest);
    if (this.o.forward && events.length > 0) this.counts.forwarded += await this.o.forward(events);
    await this.raise(alerts);
    const latency = this.o.latency;
    if (latency) {
      const now = Date.now();
      for (const e of events) if (typeof e.receivedTs === 'number') latency.record(now - e.receivedTs);
    }
    this.counts.events += events.length;
    this.processedSeq = batch.lastSeq;
    this.sinceCheckpoint += batch.values.length + batch.undecodable;
    if (this.sinceCheckpoint >= this.o.checkpointEvents || Date.now() - this.lastCheckpointMs >= this.o.checkpointMs) this.checkpointSoon();
  }

  private async raise(alerts: readonly Alert[]): Promise<void> {
    if (alerts.length === 0) return;
    this.counts.alerts += alerts.length;
    await this.o.raise(alerts);
  }

  /** Starts a checkpoint unless one is being written; processing goes on while it is stored. */
  private checkpointSoon(): void {
    if (this.writing) return; // one write at a time: the next due check takes a fresh one
    this.writing = this.checkpoint()
      .catch((err: unknown) => {
        this.o.log.warn({ err, partition: this.o.partition, topic: this.o.topic }, 'partition checkpoint failed; retrying at the next tick');
        this.lastCheckpointMs = 0;
        this.sinceCheckpoint = Math.max(1, this.sinceCheckpoint);
      })
      .finally(() => (this.writing = undefined));
  }

  /**
   * Captures the state at this batch boundary (synchronously: snapshots are copies), stores it, and
   * only then acknowledges the stream through the position it covers.
   */
  private checkpoint(): Promise<void> {
    const o = this.o;
    if (!o.leaseValid()) return Promise.reject(workerLeaseLost(o.partition));
    const seq = this.processedSeq;
    const snapshot: PartitionSnapshot = { version: 1, seq, counts: { ...this.counts }, engine: this.engine.snapshot(), savedMs: Date.now(), owner: o.owner };
    this.sinceCheckpoint = 0;
    this.tickedSinceCheckpoint = false;
    this.lastCheckpointMs = Date.now();
    // Measuring costs a second serialisation: every tenth snapshot is measured.
    if (this.checkpoints++ % 10 === 0) this.checkpointBytes = JSON.stringify(snapshot).length;
    return (async () => {
      await o.state.put(SNAPSHOT_NAMESPACE, snapshotKey(o.topic, o.partition), snapshot);
      // Store writes are not fenced: a lease that ran out meanwhile means another owner may have started.
      if (!o.leaseValid()) throw workerLeaseLost(o.partition);
      this.reader?.acknowledgeThrough(seq);
      this.checkpointedSeq = seq;
    })();
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
