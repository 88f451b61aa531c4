// The process's own control logic, as its owner wrote it down (an EPANET model's [CONTROLS], the
// start and stop levels of a PLC in the city model): "pump PU1 runs while tank T1 is below 4 m". A
// device in the wrong state while its reading has been past the rule's threshold for two samples means
// a changed setpoint, an overridden command or a false reading. Nothing statistical is learned; rules
// the learning data contradicts are set aside, since the document they came from is then out of date.
import { formatValue, stateWords, type RawDeparture } from './departure.js';
import type { FeatureFrame } from './feature-frame.js';
import { ChannelCalibration, forEachFrame, type ExplainContext, type LearningSet, type ModelJson, type ScoringModel } from './scoring-model.js';

/** One control rule, by signal name: `status` must be in `state` while `reading` is `when` `threshold`. */
export interface ControlRule {
  /** The on/off signal the rule switches (1 = running or open). */
  readonly status: string;
  readonly state: 0 | 1;
  readonly reading: string;
  readonly when: 'below' | 'above';
  readonly threshold: number;
  /** Where the rule was written, for explanations ("CTOWN.INP line 1089"). */
  readonly source: string;
}

/** A broken rule counts ten times the calibrated level (a hard contradiction, like a pump off with flow). */
const FLOORS = [0.1];
/** A rule is set aside when learning contradicts it on more than this share of the rows it applied to. */
const MAX_CONTRADICTED = 0.01;

/** A rule learning contradicted: on how many learning rows it applied, and on how many its device was in the other state. */
export interface SetAsideRule {
  source: string;
  applied: number;
  contradicted: number;
}

/** Fitted parameters: the rules kept, by signal index, and the ones set aside with their counts. */
export interface ControlRuleParams {
  status: number[];
  state: number[];
  reading: number[];
  below: boolean[];
  threshold: number[];
  /** Margin past the threshold before a reading counts as past it: the reading's resolution, or its smallest meaningful change. */
  margin: number[];
  source: string[];
  setAside: SetAsideRule[];
}

/** Resolves rules against the signals and keeps those the learning rows do not contradict. */
export function fitControlRules(set: LearningSet, rules: readonly ControlRule[], resolution: ArrayLike<number>): ControlRules {
  const index = new Map(set.signals.map((s, j) => [s.name, j]));
  const all: ControlRuleParams = { status: [], state: [], reading: [], below: [], threshold: [], margin: [], source: [], setAside: [] };
  for (const r of rules) {
    const reading = index.get(r.reading)!;
    all.status.push(index.get(r.status)!);
    all.state.push(r.state);
    all.reading.push(reading);
    all.below.push(r.when === 'below');
    all.threshold.push(r.threshold);
    // A reading a hair past the threshold (2.999 m against a 3 m start level) may be one the PLC has not yet acted on.
    all.margin.push(Math.max(resolution[reading] ?? 0, set.tolerance[reading] ?? 0));
    all.source.push(r.source);
  }
  const candidate = new ControlRules(all);
  const applied = new Int32Array(rules.length);
  const contradicted = new Int32Array(rules.length);
  forEachFrame(set, (frame) => {
    for (let k = 0; k < rules.length; k++) {
      if (!candidate.applies(k, frame)) continue;
      applied[k]!++;
      if (candidate.broken(k, frame)) contradicted[k]!++;
    }
  });
  const kept: ControlRuleParams = { status: [], state: [], reading: [], below: [], threshold: [], margin: [], source: [], setAside: [] };
  for (let k = 0; k < rules.length; k++) {
    if (contradicted[k]! > MAX_CONTRADICTED * applied[k]!) {
      kept.setAside.push({ source: all.source[k]!, applied: applied[k]!, contradicted: contradicted[k]! });
      continue;
    }
    for (const key of ['status', 'state', 'reading', 'below', 'threshold', 'margin', 'source'] as const) (kept[key] as unknown[]).push(all[key][k]);
  }
  return new ControlRules(kept);
}

/** Scores devices in a state their control rules forbid. */
export class ControlRules implements ScoringModel {
  readonly name = 'control-rules';
  readonly calibration: ChannelCalibration;
  // Typed copies of the parameters for the per-sample loop; `edge` is the threshold moved by the margin.
  private readonly statusAt: Int32Array;
  private readonly readingAt: Int32Array;
  private readonly due: Float64Array;
  private readonly sign: Float64Array;
  private readonly edge: Float64Array;

  constructor(
    readonly p: ControlRuleParams,
    divisors?: ArrayLike<number>,
  ) {
    this.calibration = new ChannelCalibration(FLOORS, divisors);
    this.statusAt = Int32Array.from(p.status);
    this.readingAt = Int32Array.from(p.reading);
    this.due = Float64Array.from(p.state);
    // Readings are compared as sign × value < sign × edge: sign 1 for "below", −1 for "above".
    this.sign = Float64Array.from(p.below, (b) => (b ? 1 : -1));
    this.edge = Float64Array.from(p.threshold, (t, k) => (p.below[k] ? t - p.margin[k]! : t + p.margin[k]!));
  }

  /** Rule k's reading is past its threshold on this sample and the one before. */
  applies(k: number, frame: FeatureFrame): boolean {
    const j = this.readingAt[k]!;
    const s = this.sign[k]!;
    const e = s * this.edge[k]!;
    return frame.rows > 1 && s * frame.x[j]! < e && s * frame.prev[j]! < e;
  }

  /** Rule k applies and its device is in the other state. */
  broken(k: number, frame: FeatureFrame): boolean {
    return frame.x[this.statusAt[k]!] !== this.due[k] && this.applies(k, frame);
  }

  measure(frame: FeatureFrame, channels: Float64Array): void {
    channels[0] = this.anyBroken(frame) ? 1 / this.calibration.divisors[0]! : 0;
  }

  contribute(frame: FeatureFrame, contrib: Float64Array): void {
    const v = 1 / this.calibration.divisors[0]!;
    for (let k = 0; k < this.p.status.length; k++) {
      if (!this.broken(k, frame)) continue;
      for (const j of [this.p.status[k]!, this.p.reading[k]!]) if (v > contrib[j]!) contrib[j] = v;
    }
  }

  explain(frame: FeatureFrame, context: ExplainContext, out: RawDeparture[], minimum: number): void {
    if (!this.calibration.reaches(0, 1, minimum)) return;
    const p = this.p;
    for (let k = 0; k < p.status.length; k++) {
      if (!this.broken(k, frame)) continue;
      const device = context.signals[p.status[k]!]!;
      const reading = context.signals[p.reading[k]!]!;
      const level = frame.x[p.reading[k]!]!;
      const observed = frame.x[p.status[k]!]!;
      const now = stateWords(device, observed === 1);
      const due = stateWords(device, p.state[k] === 1);
      const text =
        `${device.asset} is ${now} while ${reading.label} reads ${formatValue(level, reading.unit)}, ` +
        `${p.below[k] ? 'below' : 'above'} the ${formatValue(p.threshold[k]!, reading.unit)} at which its control keeps it ${due} (${p.source[k]}): ` +
        'the control settings were changed, the device was overridden, or the reading is false';
      // Filed under the device, with its state and the state its rule requires (two pumps of one tank stay two departures).
      out.push({ signal: device.name, kind: 'rule-broken', raw: 1, channel: 0, observed, expected: p.state[k]!, text });
    }
  }

  resetState(): void {}

  state(): null {
    return null;
  }

  restoreState(): void {}

  toJSON(): ModelJson {
    return { name: this.name, divisors: Array.from(this.calibration.divisors), params: { ...this.p } };
  }

  private anyBroken(frame: FeatureFrame): boolean {
    for (let k = 0; k < this.statusAt.length; k++) if (this.broken(k, frame)) return true;
    return false;
  }
}
