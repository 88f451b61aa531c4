// One process of the city under watch: its telemetry events sampled once per period on event time,
// each sample scored by the process's ProcessDetector (learning → baseline → detecting), and an Alert
// when an alarm opens. Says where its baseline came from, reports its status for the dashboard and
// snapshots to plain JSON so a restart continues where it stopped.
import type { Alert, CityModel, Process, TelemetryEvent } from '../../../domain/index.js';
import type { TechniqueTable } from '../attack/technique-table.js';
import { LocalCalendar } from '../rules/local-calendar.js';
import { anomalyAlert, type FrozenReading } from './anomaly-alert.js';
import type { SetAsideRule } from './control-rules.js';
import type { ProcessDetectorConfig } from './detector-config.js';
import type { DetectorSnapshot } from './detector-snapshot.js';
import { invalidSnapshot } from './errors.js';
import { ProcessDetector, type DetectorPhase, type Observation } from './process-detector.js';
import { processLayout, type ProcessLayout } from './process-layout.js';
import { ProcessSampler, type ProcessSample, type SamplerCounts } from './process-sampler.js';
import type { SignalInfo } from './signal-catalog.js';

/** Where a detector's notion of normal came from. */
export interface BaselineSource {
  readonly kind: 'live' | 'simulated';
  /** In words, for the dashboard: what was learned from, for how long. */
  readonly description: string;
}

/** A process detector's state for the dashboard and the API. */
export interface ProcessStatus {
  readonly id: string;
  readonly name: string;
  readonly phase: DetectorPhase;
  /** Share of the current phase done, 0 … 1 (1 while detecting). */
  readonly progress: number;
  readonly learningSamples: number;
  readonly baselineSamples: number;
  readonly periodS: number;
  readonly signals: string[];
  readonly baseline: BaselineSource;
  /** Time and score of the last sample scored (score 1 = the alarm threshold); null before any. */
  readonly lastSampleTs: number | null;
  readonly lastScore: number | null;
  readonly alarmOpen: boolean;
  readonly alarms: number;
  /** Where each control rule the detector was given is written, and those learning contradicted (unused). */
  readonly controlRules: { readonly given: string[]; readonly setAside: SetAsideRule[] };
  readonly counts: SamplerCounts & { readonly rejected: number };
}

/** JSON form of a monitor. */
export interface MonitorSnapshot {
  readonly format: typeof MONITOR_FORMAT;
  readonly processId: string;
  readonly signals: readonly string[];
  readonly baseline: BaselineSource;
  readonly detector: DetectorSnapshot;
  readonly lastSampleTs: number | null;
  readonly lastScore: number | null;
}

/** Identifies a monitor snapshot and its layout version. */
export const MONITOR_FORMAT = 'cityguard.process-monitor/1';

/** How to build a monitor. */
export interface ProcessMonitorOptions {
  readonly city: CityModel;
  readonly process: Process;
  readonly techniques: TechniqueTable;
  /** Where the baseline comes from (default: learned live). */
  readonly baseline?: BaselineSource;
  /** Detector settings over the ones the process implies (e.g. models, gate). */
  readonly detector?: Partial<Omit<ProcessDetectorConfig, 'signals' | 'labels'>>;
}

const LIVE: BaselineSource = { kind: 'live', description: 'learned from the process’s own telemetry since monitoring started' };
/** A reading older than this many periods (at least one minute) makes a sample stale. */
const STALE_PERIODS = 3;
/** Identical consecutive samples from which a moving measurement counts as frozen. */
const FROZEN_SAMPLES = 4;
/** Signals at one exact value more often than this in learning (a pump's flow at 0) can repeat honestly. */
const MAX_MODE_SHARE_FOR_FROZEN = 0.1;

/** Watches one process. */
export class ProcessMonitor {
  readonly layout: ProcessLayout;
  private detectorNow: ProcessDetector;
  private readonly sampler: ProcessSampler;
  private readonly calendar: LocalCalendar;
  private readonly eventIds: string[];
  private baselineNow: BaselineSource;
  private lastSampleTs: number | null = null;
  private lastScore: number | null = null;
  private alerts: Alert[] = [];
  /** Per signal: the previous sample's value, and for how many samples in a row it has not changed at all. */
  private readonly previous: Float64Array;
  private readonly repeats: Int32Array;

  constructor(private readonly o: ProcessMonitorOptions) {
    this.layout = processLayout(o.city, o.process);
    this.detectorNow = new ProcessDetector(this.detectorConfig());
    const staleMs = Math.max(60_000, STALE_PERIODS * this.layout.periodMs);
    this.sampler = new ProcessSampler(this.layout.signals.length, this.layout.slots, this.layout.periodMs, staleMs);
    this.calendar = new LocalCalendar(o.city.city.city.timezone);
    this.eventIds = this.layout.signals.map(() => '');
    this.baselineNow = o.baseline ?? LIVE;
    this.previous = new Float64Array(this.layout.signals.length).fill(Number.NaN);
    this.repeats = new Int32Array(this.layout.signals.length);
  }

  /** Continues a monitor from `snapshot()` output; throws CG_ANOMALY_SNAPSHOT_INVALID when it does not fit the process. */
  static restore(options: ProcessMonitorOptions, snapshot: unknown): ProcessMonitor {
    const s = snapshot as Partial<MonitorSnapshot> | null;
    if (typeof s !== 'object' || s === null || s.format !== MONITOR_FORMAT) throw invalidSnapshot(`not a ${MONITOR_FORMAT} snapshot`);
    const m = new ProcessMonitor(options);
    if (s.processId !== options.process.id || JSON.stringify(s.signals) !== JSON.stringify(m.layout.signals)) {
      throw invalidSnapshot(`the snapshot is of process ${String(s.processId)} with other signals than ${options.process.id} has now`);
    }
    m.detectorNow = ProcessDetector.restore(s.detector);
    m.baselineNow = s.baseline ?? LIVE;
    m.lastSampleTs = s.lastSampleTs ?? null;
    m.lastScore = s.lastScore ?? null;
    return m;
  }

  /** The process watched. */
  get process(): Process {
    return this.o.process;
  }

  /** The detector scoring the samples. */
  get detector(): ProcessDetector {
    return this.detectorNow;
  }

  /** Whether telemetry of this asset feeds the process. */
  watches(assetId: string): boolean {
    return this.sampler.watches(assetId);
  }

  /** Takes one telemetry event; returns the alerts raised by the samples it completed (usually none). */
  ingest(event: TelemetryEvent): Alert[] {
    this.alerts = [];
    const slots = this.layout.slots.get(event.assetId);
    if (slots === undefined) return this.alerts;
    this.sampler.push(event.assetId, event.ts, event.metrics, (s) => this.score(s));
    for (const { index } of slots) this.eventIds[index] = event.id;
    return this.alerts;
  }

  /**
   * Starts a new stretch of samples (after a handover from pre-learning, or an outage): readings
   * heard so far are forgotten and the next sample is not compared with the last.
   */
  restartSeries(): void {
    this.sampler.reset();
    this.detectorNow.restartSeries();
    this.previous.fill(Number.NaN);
    this.repeats.fill(0);
  }

  /** Forgets what was learned and learns again, e.g. after a planned change to the process. */
  relearn(baseline: BaselineSource = LIVE): void {
    // With the city file as loaded now, not the snapshot's settings: a planned change to PLC levels changes the rules too.
    this.detectorNow.relearn(this.detectorConfig());
    this.sampler.reset();
    this.baselineNow = baseline;
    this.lastScore = null;
  }

  /** Records where the baseline came from (the pre-learning step sets it). */
  setBaseline(baseline: BaselineSource): void {
    this.baselineNow = baseline;
  }

  /** The monitor's state for the dashboard. */
  status(): ProcessStatus {
    const d = this.detectorNow;
    const { learningSamples, baselineSamples } = d.config;
    const progress = d.phase === 'learning' ? d.collected / learningSamples : d.phase === 'baseline' ? d.collected / baselineSamples : 1;
    return {
      id: this.o.process.id,
      name: this.o.process.name,
      phase: d.phase,
      progress: Math.min(1, progress),
      learningSamples,
      baselineSamples,
      periodS: this.o.process.periodS,
      signals: [...this.layout.signals],
      baseline: this.baselineNow,
      lastSampleTs: this.lastSampleTs,
      lastScore: this.lastScore,
      alarmOpen: this.alarmOpen,
      alarms: d.stats.alarms,
      controlRules: { given: d.config.models.includes('control-rules') ? d.config.controls.map((r) => r.source) : [], setAside: [...d.controlRulesSetAside] },
      counts: { ...this.sampler.counts, rejected: d.stats.rejected },
    };
  }

  /** Whether the detector has an alarm open now. */
  get alarmOpen(): boolean {
    return this.detectorNow.alarmOpen;
  }

  /** Everything needed to continue elsewhere, as plain JSON. */
  snapshot(): MonitorSnapshot {
    return {
      format: MONITOR_FORMAT,
      processId: this.o.process.id,
      signals: this.layout.signals,
      baseline: this.baselineNow,
      detector: this.detectorNow.snapshot(),
      lastSampleTs: this.lastSampleTs,
      lastScore: this.lastScore,
    };
  }

  private score(sample: ProcessSample): void {
    this.countRepeats(sample.values);
    const o: Observation = this.detectorNow.observe(sample.values, this.localMs(sample.timeMs));
    this.lastSampleTs = sample.timeMs;
    if (o.phase === 'detecting' && o.accepted) this.lastScore = o.score;
    if (!o.opened) return;
    const signals = this.detectorNow.signals ?? [];
    const departed = new Set(o.departures.map((d) => d.signal));
    this.alerts.push(
      anomalyAlert({
        city: this.o.city,
        process: this.o.process,
        departures: o.departures,
        frozen: this.frozen(departed, signals),
        signals,
        openMs: sample.timeMs,
        windowMs: this.detectorNow.config.gate.window * this.layout.periodMs,
        score: o.score,
        baseline: this.baselineNow.description,
        eventIds: [...new Set(this.layout.signals.flatMap((name, j) => (departed.has(name) && this.eventIds[j] !== '' ? [this.eventIds[j]!] : [])))],
        techniques: this.o.techniques,
      }),
    );
  }

  private countRepeats(values: Float64Array): void {
    for (let j = 0; j < values.length; j++) {
      this.repeats[j] = values[j] === this.previous[j] ? this.repeats[j]! + 1 : 0;
      this.previous[j] = values[j]!;
    }
  }

  /**
   * Departed signals whose reading has shown one exact value for FROZEN_SAMPLES samples although it is a
   * noisy, moving measurement (not an on/off state, not one that sat at a single value in learning):
   * a live sensor never repeats itself exactly that long; a frozen or replayed value does.
   */
  private frozen(departed: ReadonlySet<string>, signals: readonly SignalInfo[]): FrozenReading[] {
    return signals.flatMap((s, j) =>
      departed.has(s.name) && s.kind === 'continuous' && !s.constant && s.modeShare < MAX_MODE_SHARE_FOR_FROZEN && this.repeats[j]! + 1 >= FROZEN_SAMPLES
        ? [{ signal: s.name, value: this.previous[j]!, samples: this.repeats[j]! + 1 }]
        : [],
    );
  }

  /**
   * The sample's time as the city's clocks show it, written as if it were UTC: the detector's
   * hour-of-day models then follow local life (the morning peak at 07:00 local, not UTC).
   */
  private localMs(ms: number): number {
    const local = this.calendar.at(ms).minuteOfDay;
    const utc = Math.floor(ms / 60_000) % 1440;
    const offsetMin = ((local - utc + 720 + 1440) % 1440) - 720;
    return ms + offsetMin * 60_000;
  }

  private detectorConfig(): ProcessDetectorConfig {
    return { ...this.layout.detector, ...this.o.detector, signals: this.layout.detector.signals, labels: this.layout.detector.labels ?? {} };
  }
}
