// Wires process anomaly detection onto the bus: one ProcessMonitor per process of the city file, fed
// the telemetry of its assets; each alarm's alert is stored once (by dedupKey) and published like a
// rule alert, so correlation groups it into incidents. Monitor state is snapshotted to the state
// store periodically and on stop, and restored on start. With `prelearn`, learning monitors are
// first trained on the twin fast-forward (the demo), while live telemetry waits.
// Scale-out note: every asset of a process must reach the same consumer; run one anomaly stage.
import type { Alert, CityModel, Event, TelemetryEvent } from '../../domain/index.js';
import { ProcessMonitor, storeAndPublishAlert, type BaselineSource, type ProcessStatus, type TechniqueTable } from '../../engines/detection/index.js';
import { TOPICS, type Bus, type Subscription } from '../../platform/bus/index.js';
import type { Clock, TimerHandle } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';
import { prelearnOnTwin } from './anomaly-prelearn.js';

/** Where monitor snapshots live in the state store (key: process id). */
export const PROCESS_STATE_NAMESPACE = 'anomaly.processes';

/** How to build the stage. */
export interface AnomalyStageOptions {
  bus: Bus;
  store: Store;
  city: CityModel;
  clock: Clock;
  log: Logger;
  techniques: TechniqueTable;
  /** Pre-learn learning monitors on the twin before going live (the demo cannot wait for days). */
  prelearn?: { seed: number | string; publishIntervalMs: number; tickMs?: number };
  /** Snapshot every this many ms of clock time (default 15 min). */
  snapshotEveryMs?: number;
}

/** Process detectors on the live event stream. */
export class AnomalyStage {
  private readonly monitors: ProcessMonitor[] = [];
  private readonly byAsset = new Map<string, ProcessMonitor[]>();
  private subscription?: Subscription;
  private timer?: TimerHandle;
  private pending: Promise<void> = Promise.resolve();
  private prelearningNow = false;
  private readonly abort = new AbortController();
  /** Live telemetry events dropped while pre-learning ran. */
  droppedWhilePrelearning = 0;
  /** Resolves once pre-learning (if any) is over and live telemetry is scored. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly o: AnomalyStageOptions) {}

  /** Restores or creates the monitors, subscribes, and starts pre-learning in the background. */
  async start(): Promise<void> {
    for (const process of this.o.city.city.processes ?? []) {
      const monitor = await this.restoreOrCreate(process.id);
      this.monitors.push(monitor);
      for (const id of monitor.layout.slots.keys()) this.byAsset.set(id, [...(this.byAsset.get(id) ?? []), monitor]);
    }
    if (this.monitors.length === 0) return;
    this.subscription = this.o.bus.subscribe<Event>(TOPICS.eventReceived, (batch) => this.handle(batch), {
      group: 'detect-anomaly',
      maxBatch: 512,
      capacity: 50_000,
      overflow: 'block',
    });
    this.timer = this.o.clock.every(this.o.snapshotEveryMs ?? 15 * 60_000, () => void this.saveAll());
    if (this.o.prelearn && this.monitors.some((m) => m.detector.phase !== 'detecting')) this.ready = this.prelearn(this.o.prelearn);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.timer?.cancel();
    await this.subscription?.unsubscribe();
    await this.ready.catch(() => undefined);
    await this.pending;
    await this.saveAll();
  }

  /** Every monitor's status, in city-file order. */
  list(): ProcessStatus[] {
    return this.monitors.map((m) => m.status());
  }

  /** True while pre-learning runs. */
  get prelearning(): boolean {
    return this.prelearningNow;
  }

  /** The monitor of a process, if the city has it. */
  monitor(id: string): ProcessMonitor | undefined {
    return this.monitors.find((m) => m.process.id === id);
  }

  /** Starts a process's detector learning again from live telemetry; undefined for an unknown process. */
  async relearn(id: string, by: string): Promise<ProcessStatus | undefined> {
    const monitor = this.monitor(id);
    if (!monitor) return undefined;
    monitor.relearn({ kind: 'live', description: `learning again from live telemetry since ${new Date(this.o.clock.now()).toISOString()} (re-learn asked by ${by})` });
    this.o.log.warn({ process: id, by }, 'process detector re-learning');
    await this.save(monitor);
    return monitor.status();
  }

  private async restoreOrCreate(id: string): Promise<ProcessMonitor> {
    const process = this.o.city.city.processes!.find((p) => p.id === id)!;
    const options = { city: this.o.city, process, techniques: this.o.techniques };
    const saved = await this.o.store.state.get<unknown>(PROCESS_STATE_NAMESPACE, id);
    if (saved !== undefined) {
      try {
        const monitor = ProcessMonitor.restore(options, saved);
        monitor.restartSeries(); // time has passed since the snapshot
        this.o.log.info({ process: id, phase: monitor.detector.phase }, 'process detector restored');
        return monitor;
      } catch (err) {
        this.o.log.warn({ err, process: id }, 'process detector snapshot unusable; learning afresh');
      }
    }
    return new ProcessMonitor(options);
  }

  private async prelearn(p: NonNullable<AnomalyStageOptions['prelearn']>): Promise<void> {
    this.prelearningNow = true;
    try {
      const report = await prelearnOnTwin({ city: this.o.city, monitors: this.monitors, endMs: this.o.clock.now(), signal: this.abort.signal, ...p });
      if (this.abort.signal.aborted) {
        // Half a simulated baseline is worth nothing labelled as live: start those over.
        for (const m of this.monitors) if (m.detector.phase !== 'detecting') m.relearn({ kind: 'live', description: 'pre-learning on the twin was stopped before it finished; learning from live telemetry' });
      }
      this.o.log.info({ ...report, dropped: this.droppedWhilePrelearning, stopped: this.abort.signal.aborted }, 'process detectors pre-learned on the twin');
    } catch (err) {
      const live: BaselineSource = { kind: 'live', description: 'pre-learning on the twin failed; learning from live telemetry instead' };
      for (const m of this.monitors) if (m.detector.phase !== 'detecting') m.relearn(live);
      this.o.log.error({ err }, 'pre-learning on the twin failed');
    } finally {
      this.prelearningNow = false;
    }
    if (!this.abort.signal.aborted) await this.saveAll();
  }

  private handle(batch: readonly Event[]): Promise<void> {
    for (const event of batch) {
      if (event.type !== 'telemetry') continue;
      const monitors = this.byAsset.get(event.assetId);
      if (!monitors) continue;
      if (this.prelearningNow) {
        this.droppedWhilePrelearning++;
        continue;
      }
      for (const m of monitors) this.ingest(m, event);
    }
    return this.pending;
  }

  private ingest(monitor: ProcessMonitor, event: TelemetryEvent): void {
    const phase = monitor.detector.phase;
    let alerts: Alert[];
    try {
      alerts = monitor.ingest(event);
    } catch (err) {
      this.o.log.error({ err, process: monitor.process.id, eventId: event.id }, 'process detector failed on an event');
      return;
    }
    for (const alert of alerts) this.raise(alert);
    if (monitor.detector.phase !== phase) {
      this.o.log.info({ process: monitor.process.id, phase: monitor.detector.phase }, 'process detector moved on');
      void this.save(monitor);
    }
  }

  /** Stores the alert; publishes it only when it is new, exactly as rule alerts are. */
  private raise(alert: Alert): void {
    this.pending = this.pending.then(async () => {
      try {
        await storeAndPublishAlert(this.o.store.alerts, this.o.bus, alert);
      } catch (err) {
        this.o.log.error({ err, alertId: alert.id }, 'could not store anomaly alert');
      }
    });
  }

  private async saveAll(): Promise<void> {
    if (this.prelearningNow) return; // the monitors are mid-learning on simulated time
    for (const m of this.monitors) await this.save(m);
  }

  private async save(monitor: ProcessMonitor): Promise<void> {
    try {
      await this.o.store.state.put(PROCESS_STATE_NAMESPACE, monitor.process.id, monitor.snapshot());
    } catch (err) {
      this.o.log.error({ err, process: monitor.process.id }, 'could not save the process detector snapshot');
    }
  }
}
