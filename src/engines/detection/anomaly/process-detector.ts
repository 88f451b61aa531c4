// ProcessDetector: streaming anomaly detection for one process (a pressure zone's tanks, pumps and
// junctions; or any table of signals). Lifecycle: learning (collect samples, then fit the models) →
// baseline (collect samples, then calibrate every score and the alarm threshold to the false-alarm
// budget) → detecting (score one sample at a time; alarms with explanations). `relearn()` after a
// planned change starts over; `snapshot()` / `ProcessDetector.restore()` move it between workers.
import { AlarmGate } from './alarm-gate.js';
import { ControlRules, type SetAsideRule } from './control-rules.js';
import { strongestDepartures, type Departure } from './departure.js';
import { resolveConfig, type ProcessDetectorConfig, type ResolvedConfig } from './detector-config.js';
import { readSnapshot, SNAPSHOT_FORMAT, type DetectorSnapshot } from './detector-snapshot.js';
import { invalidDetectorConfig } from './errors.js';
import { FeatureFrame } from './feature-frame.js';
import { ModelEnsemble } from './model-ensemble.js';
import { restoreModel } from './model-factory.js';
import { calibrateProcess, fitProcess, type FittedProcess, type TimedSample } from './process-fit.js';
import type { ExplainContext } from './scoring-model.js';
import type { SignalInfo } from './signal-catalog.js';

/** Where a detector is in its lifecycle. */
export type DetectorPhase = 'learning' | 'baseline' | 'detecting';

/** The detector's answer for one sample. */
export interface Observation {
  /** The phase the sample was handled in. */
  readonly phase: DetectorPhase;
  /** False when the sample was rejected (wrong number of values or a non-finite value); see `stats.rejected`. */
  readonly accepted: boolean;
  /** Anomaly score; 1 is the calibrated alarm threshold. NaN outside the detecting phase. */
  readonly score: number;
  /** An alarm is open on this sample. */
  readonly alarm: boolean;
  /** The alarm opened on this sample (raise one alert here). */
  readonly opened: boolean;
  /** The alarm closed on this sample. */
  readonly closed: boolean;
  /** The alarm reopened soon after closing, continuing the last alert (no new alert). */
  readonly resumed: boolean;
  /**
   * On the sample where an alarm opens: the strongest departures, in words, strongest first (what the
   * alert says). Empty on other samples; `explain()` describes any scored sample on demand.
   */
  readonly departures: readonly Departure[];
}

/** Counts since the detector was created or restored. */
export interface DetectorStats {
  learned: number;
  baselined: number;
  scored: number;
  rejected: number;
  alarms: number;
}

const DEPARTURES_KEPT = 5;
/** Shared by every sample that opens no alarm, so scoring a row allocates only its Observation. */
const NO_DEPARTURES: readonly Departure[] = Object.freeze([]);
/** Departures weaker than this share of the alarm threshold are not worth a sentence. */
const MIN_STRENGTH = 0.5;
/** A silence longer than this many typical sample intervals restarts the streaming state (see `restartSeries`). */
const GAP_INTERVALS = 3;

/** Streaming anomaly detector over one process's signals. */
export class ProcessDetector {
  private configNow: ResolvedConfig;
  readonly stats: DetectorStats = { learned: 0, baselined: 0, scored: 0, rejected: 0, alarms: 0 };
  private phaseNow: DetectorPhase = 'learning';
  /** Samples collected in the current learning or baseline phase. */
  private rows: Float64Array[] = [];
  private times: number[] = [];
  /** The last learning sample, which the baseline continues from. */
  private prime: TimedSample | null = null;
  private fitted: FittedProcess | null = null;
  private frame: FeatureFrame | null = null;
  private lastTime = Number.NaN;
  private gate: AlarmGate;
  private readonly contrib: Float64Array;
  private contribFresh = false;
  private readonly context: ExplainContext;

  constructor(config: ProcessDetectorConfig) {
    this.configNow = resolveConfig(config);
    this.gate = new AlarmGate(this.config.gate, 1);
    this.contrib = new Float64Array(this.config.signals.length);
    const fitted = () => this.fitted;
    this.context = {
      get signals() {
        return fitted()?.signals ?? [];
      },
      drivers: (j) => fitted()?.ensemble.drivers(j) ?? [],
    };
  }

  /** The current lifecycle phase. */
  get phase(): DetectorPhase {
    return this.phaseNow;
  }

  /** Samples collected so far in the current learning or baseline phase (0 while detecting). */
  get collected(): number {
    return this.rows.length;
  }

  /** Whether an alarm is open now. */
  get alarmOpen(): boolean {
    return this.gate.isOpen;
  }

  /** What the detector learned about each signal; null while learning. */
  get signals(): readonly SignalInfo[] | null {
    return this.fitted?.signals ?? null;
  }

  /** Control rules given but not used: the learning data contradicted them (none while learning). */
  get controlRulesSetAside(): readonly SetAsideRule[] {
    const model = this.fitted?.ensemble.models.find((m): m is ControlRules => m instanceof ControlRules);
    return model === undefined ? [] : [...model.p.setAside];
  }

  /** Handles one sample (values in `config.signals` order; time in ms since the epoch, if known). */
  observe(values: ArrayLike<number>, timeMs?: number): Observation {
    const phase = this.phaseNow;
    if (!this.valid(values)) {
      this.stats.rejected++;
      return quiet(phase, false);
    }
    const time = timeMs ?? Number.NaN;
    if (phase === 'detecting') return this.detect(values, time);
    this.rows.push(Float64Array.from(values));
    this.times.push(time);
    if (phase === 'learning') {
      this.stats.learned++;
      if (this.rows.length >= this.config.learningSamples) this.endLearning();
    } else {
      this.stats.baselined++;
      if (this.rows.length >= this.config.baselineSamples) this.endBaseline();
    }
    return quiet(phase, true);
  }

  /** Handles one sample given as name → value (booleans count as 0/1); a missing signal rejects it. */
  observeRecord(record: Readonly<Record<string, number | boolean>>, timeMs?: number): Observation {
    const values = this.config.signals.map((name) => {
      const v = record[name];
      return typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? Number.NaN);
    });
    return this.observe(values, timeMs);
  }

  /** Names of the k signals that contributed most to the last scored sample, strongest first. */
  topSignals(k: number): string[] {
    this.computeContributions();
    const order = Array.from(this.contrib.keys()).filter((j) => this.contrib[j]! >= MIN_STRENGTH);
    order.sort((a, b) => this.contrib[b]! - this.contrib[a]!);
    return order.slice(0, k).map((j) => this.config.signals[j]!);
  }

  /** The strongest departures of the last scored sample, in words. */
  explain(limit = DEPARTURES_KEPT): Departure[] {
    if (this.frame === null || this.fitted === null) return [];
    return strongestDepartures(this.fitted.ensemble.explain(this.frame, this.context, this.gate.threshold, MIN_STRENGTH), limit);
  }

  /** The configuration in force (replaced by `relearn(config)`). */
  get config(): ResolvedConfig {
    return this.configNow;
  }

  /**
   * Forgets the models and starts learning again (after a planned change to the process), with new
   * settings if given (e.g. new control rules); counts carry on. The signals must stay the same.
   */
  relearn(config?: ProcessDetectorConfig): void {
    if (config !== undefined) {
      const next = resolveConfig(config);
      if (next.signals.join('\n') !== this.configNow.signals.join('\n')) throw invalidDetectorConfig('relearn cannot change the signals; build a new detector');
      this.configNow = next;
    }
    this.phaseNow = 'learning';
    this.rows = [];
    this.times = [];
    this.prime = null;
    this.fitted = null;
    this.frame = null;
    this.lastTime = Number.NaN;
    this.gate = new AlarmGate(this.config.gate, 1);
  }

  /**
   * Starts a new stretch of the series: the next sample is not compared with the previous one and
   * running averages start empty; an open alarm stays open. Called automatically after a gap in time,
   * and by offline scoring before a test series that does not continue the training one.
   */
  restartSeries(): void {
    if (this.frame === null || this.fitted === null) return;
    this.frame = new FeatureFrame(this.config.signals.length, Float64Array.from(this.fitted.tolerance));
    this.fitted.ensemble.resetState();
  }

  private detect(values: ArrayLike<number>, time: number): Observation {
    const fitted = this.fitted!;
    if (time - this.lastTime > GAP_INTERVALS * fitted.intervalMs) this.restartSeries();
    if (Number.isFinite(time)) this.lastTime = time;
    const frame = this.frame!;
    frame.push(values, time);
    this.contribFresh = false;
    const raw = fitted.ensemble.score(frame);
    const step = this.gate.step(raw, fitted.ensemble.holdScore);
    this.stats.scored++;
    if (step.opened) this.stats.alarms++;
    const departures = step.opened ? this.explain() : NO_DEPARTURES;
    return { phase: 'detecting', accepted: true, score: raw / this.gate.threshold, alarm: step.alarm, opened: step.opened, closed: step.closed, resumed: step.resumed, departures };
  }

  /** Fills `contrib` (in units of the alarm threshold) for the last scored sample, once per sample. */
  private computeContributions(): void {
    if (this.contribFresh || this.frame === null || this.fitted === null) return;
    this.contrib.fill(0);
    this.fitted.ensemble.contribute(this.frame, this.contrib);
    for (let j = 0; j < this.contrib.length; j++) this.contrib[j]! /= this.gate.threshold;
    this.contribFresh = true;
  }

  private valid(values: ArrayLike<number>): boolean {
    if (values.length !== this.config.signals.length) return false;
    for (let j = 0; j < values.length; j++) if (!Number.isFinite(values[j])) return false;
    return true;
  }

  /** End of learning: fit every model on the learning samples. */
  private endLearning(): void {
    this.fitted = fitProcess(this.config, this.rows, this.times);
    this.prime = { row: this.rows[this.rows.length - 1]!, time: this.times[this.times.length - 1]! };
    this.rows = [];
    this.times = [];
    this.phaseNow = 'baseline';
  }

  /** End of baseline: calibrate every channel and the alarm threshold on the baseline samples. */
  private endBaseline(): void {
    const { threshold, frame } = calibrateProcess(this.config, this.fitted!, this.prime!, this.rows, this.times);
    this.gate = new AlarmGate(this.config.gate, threshold);
    this.frame = frame;
    this.lastTime = this.times[this.times.length - 1] ?? Number.NaN;
    this.rows = [];
    this.times = [];
    this.phaseNow = 'detecting';
  }

  /** Everything needed to continue this detector elsewhere, as plain JSON. */
  snapshot(): DetectorSnapshot {
    const f = this.fitted;
    const finite = (t: number) => (Number.isFinite(t) ? t : null);
    return {
      format: SNAPSHOT_FORMAT,
      config: this.config,
      phase: this.phaseNow,
      stats: { ...this.stats },
      buffered: { rows: this.rows.map((r) => Array.from(r)), times: this.times.map(finite) },
      prime: this.prime === null ? null : { row: Array.from(this.prime.row), time: finite(this.prime.time) },
      signals: f?.signals ?? null,
      tolerance: f === null ? null : Array.from(f.tolerance),
      models: f?.ensemble.models.map((m) => m.toJSON()) ?? [],
      modelStates: f?.ensemble.models.map((m) => m.state()) ?? [],
      threshold: this.gate.threshold,
      gate: this.gate.state(),
      frame: this.frame === null ? null : this.frame.state(),
      lastTime: finite(this.lastTime),
      intervalMs: f === null ? null : finite(f.intervalMs),
    };
  }

  /** Rebuilds a detector from `snapshot()` output (after JSON round trip); throws CG_ANOMALY_SNAPSHOT_INVALID. */
  static restore(snapshot: unknown): ProcessDetector {
    const s = readSnapshot(snapshot);
    const d = new ProcessDetector(s.config);
    Object.assign(d.stats, s.stats);
    d.phaseNow = s.phase;
    d.rows = s.buffered.rows.map((r) => Float64Array.from(r));
    d.times = s.buffered.times.map((t) => t ?? Number.NaN);
    d.prime = s.prime === null ? null : { row: Float64Array.from(s.prime.row), time: s.prime.time ?? Number.NaN };
    if (s.signals !== null && s.tolerance !== null) {
      const ensemble = new ModelEnsemble(s.models.map(restoreModel));
      ensemble.models.forEach((m, i) => m.restoreState(s.modelStates[i] ?? null));
      d.fitted = { signals: s.signals, tolerance: Float64Array.from(s.tolerance), intervalMs: s.intervalMs ?? Number.NaN, ensemble };
    }
    d.gate = new AlarmGate(d.config.gate, s.threshold);
    d.gate.restore(s.gate);
    d.lastTime = s.lastTime ?? Number.NaN;
    if (s.frame !== null && d.fitted !== null) {
      d.frame = new FeatureFrame(d.config.signals.length, Float64Array.from(d.fitted.tolerance));
      d.frame.restore(s.frame);
    }
    return d;
  }
}

function quiet(phase: DetectorPhase, accepted: boolean): Observation {
  return { phase, accepted, score: Number.NaN, alarm: false, opened: false, closed: false, resumed: false, departures: NO_DEPARTURES };
}
