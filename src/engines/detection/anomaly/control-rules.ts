// The process's own control logic, as its owner wrote it down (an EPANET model's [CONTROLS], the
// start and stop levels of a PLC in the city model): "pump PU1 runs while tank T1 is below 4 m". A
// device in the wrong state while its reading has been past the rule's threshold for two samples means
// a changed setpoint, an overridden command or a false reading. Nothing statistical is learned; rules
// the learning data contradicts are set aside, since the document they came from is then out of date.
import { formatValue, stateWords, type RawDeparture } from './departure.js';
import type { FeatureFrame } from './feature-frame.js';
import { forEachFrame, StatelessModel, type ExplainContext, type LearningSet } from './scoring-model.js';

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

/** One rule resolved to signal indices, with its margin. */
interface ResolvedRule {
  status: number;
  state: number;
  reading: number;
  below: boolean;
  threshold: number;
  margin: number;
  source: string;
}

/** Resolves rules against the signals and keeps those the learning rows do not contradict. */
export function fitControlRules(set: LearningSet, rules: readonly ControlRule[], resolution: ArrayLike<number>): ControlRules {
  const index = new Map(set.signals.map((s, j) => [s.name, j]));
  const resolved = rules.map((r): ResolvedRule => {
    const reading = index.get(r.reading)!;
    // A reading a hair past the threshold (2.999 m against a 3 m start level) may be one the PLC has not yet acted on.
    const margin = Math.max(resolution[reading] ?? 0, set.tolerance[reading] ?? 0);
    return { status: index.get(r.status)!, state: r.state, reading, below: r.when === 'below', threshold: r.threshold, margin, source: r.source };
  });
  const candidate = new ControlRules(paramsOf(resolved, []));
  const applied = new Int32Array(rules.length);
  const contradicted = new Int32Array(rules.length);
  forEachFrame(set, (frame) => {
    for (let k = 0; k < rules.length; k++) {
      if (!candidate.applies(k, frame)) continue;
      applied[k]!++;
      if (candidate.broken(k, frame)) contradicted[k]!++;
    }
  });
  const stale = (k: number) => contradicted[k]! > MAX_CONTRADICTED * applied[k]!;
  const setAside = resolved.flatMap((r, k) => (stale(k) ? [{ source: r.source, applied: applied[k]!, contradicted: contradicted[k]! }] : []));
  return new ControlRules(paramsOf(resolved.filter((_, k) => !stale(k)), setAside));
}

function paramsOf(rules: readonly ResolvedRule[], setAside: SetAsideRule[]): ControlRuleParams {
  return {
    status: rules.map((r) => r.status),
    state: rules.map((r) => r.state),
    reading: rules.map((r) => r.reading),
    below: rules.map((r) => r.below),
    threshold: rules.map((r) => r.threshold),
    margin: rules.map((r) => r.margin),
    source: rules.map((r) => r.source),
    setAside,
  };
}

/** Scores devices in a state their control rules forbid. */
export class ControlRules extends StatelessModel<ControlRuleParams> {
  readonly name = 'control-rules';
  // Typed copies of the parameters for the per-sample loop; `edge` is the threshold moved by the margin.
  private readonly statusAt: Int32Array;
  private readonly readingAt: Int32Array;
  private readonly due: Float64Array;
  private readonly sign: Float64Array;
  private readonly edge: Float64Array;

  constructor(p: ControlRuleParams, divisors?: ArrayLike<number>) {
    super(p, FLOORS, divisors);
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
      if (v > contrib[this.statusAt[k]!]!) contrib[this.statusAt[k]!] = v;
      if (v > contrib[this.readingAt[k]!]!) contrib[this.readingAt[k]!] = v;
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

  private anyBroken(frame: FeatureFrame): boolean {
    for (let k = 0; k < this.statusAt.length; k++) if (this.broken(k, frame)) return true;
    return false;
  }
}
