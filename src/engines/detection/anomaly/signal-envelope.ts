// Per-signal model: the range each reading keeps, where it usually sits at this hour of day (when
// learning covered every hour well), how far it moves in one sample, how long it may read flat, and
// how long an on/off state lasts.
import { formatValue, joinWords, stateWords, type RawDeparture } from './departure.js';
import type { FeatureFrame } from './feature-frame.js';
import { column, maxOf, median, minOf, robustScale, std } from './robust-stats.js';
import { ChannelCalibration, type ExplainContext, type LearningSet, type ModelJson, type ScoringModel } from './scoring-model.js';

const RANGE = 0;
const HOUR = 1;
const STEP = 2;
const FLAT = 3;
const RUN = 4;
const NOVEL = 5;
/**
 * Floors of the channel divisors: one robust scale beyond the learned range or step; three hourly
 * scales from the hour's median; a flat reading or an on/off run half as long again as the longest
 * seen; a never-seen state counts five times the calibrated level.
 */
const FLOORS = [1, 3, 1, 0.5, 0.5, 0.2];
/** The hour-of-day model is used only when learning saw each hour at least this often. */
const MIN_SAMPLES_PER_HOUR = 30;
/**
 * Signals that sit at one exact value this often are on/off-like (a pump's flow is 0 whenever it is
 * off): "where it usually sits at this hour" means nothing for them, so they get no hourly model.
 */
const MAX_MODE_SHARE_FOR_HOURLY = 0.1;
/** A signal has a daily pattern when its hourly medians explain at least this share of its variance. */
const MIN_DAILY_SHARE = 0.1;
/** A flat reading is judged only for signals that move on at least this share of learning samples. */
const MIN_MOVING_SHARE = 0.5;

/** Fitted parameters of the per-signal model. */
export interface EnvelopeParams {
  kind: number[]; // 0 constant, 1 continuous, 2 binary
  constantValue: number[];
  scale: number[];
  lo: number[];
  hi: number[];
  /** Per hour (row-major 24 × signals): median and robust scale; null without enough timed samples. */
  hourMedian: number[] | null;
  hourScale: number[] | null;
  stepLo: number[];
  stepHi: number[];
  stepScale: number[];
  maxFlat: number[];
  maxRunOff: number[];
  maxRunOn: number[];
}

/** Learns each signal's range, hourly range (unless `hourOfDay` is false), steps, flat runs and on/off run lengths. */
export function fitSignalEnvelope(set: LearningSet, resolution: ArrayLike<number>, hourOfDay = true): SignalEnvelope {
  const n = set.signals.length;
  const p: EnvelopeParams = {
    kind: [], constantValue: [], scale: [], lo: [], hi: [], hourMedian: null, hourScale: null,
    stepLo: [], stepHi: [], stepScale: [], maxFlat: [], maxRunOff: [], maxRunOn: [],
  };
  const hours = Array.from(set.times, (t) => (Number.isFinite(t) ? ((Math.floor(t / 3_600_000) % 24) + 24) % 24 : -1));
  const perHour = new Array<number>(24).fill(0);
  for (const h of hours) if (h >= 0) perHour[h]!++;
  const hourly = hourOfDay && Math.min(...perHour) >= MIN_SAMPLES_PER_HOUR;
  if (hourly) {
    p.hourMedian = new Array<number>(24 * n).fill(0);
    p.hourScale = new Array<number>(24 * n).fill(0);
  }
  for (let j = 0; j < n; j++) {
    const s = set.signals[j]!;
    const x = column(set.rows, j);
    const steps = x.slice(1).map((v, i) => v - x[i]!);
    const floor = Math.max(resolution[j] ?? 0, 1e-9);
    p.kind.push(s.constant ? 0 : s.kind === 'binary' ? 2 : 1);
    p.constantValue.push(x[0] ?? 0);
    p.scale.push(robustScale(x, floor));
    p.lo.push(minOf(x));
    p.hi.push(maxOf(x));
    p.stepLo.push(steps.length ? minOf(steps) : 0);
    p.stepHi.push(steps.length ? maxOf(steps) : 0);
    p.stepScale.push(robustScale(steps, floor));
    const runs = runLengths(x, set.tolerance[j]!);
    p.maxFlat.push(runs.moving >= MIN_MOVING_SHARE && !s.idle ? runs.flat : -1);
    p.maxRunOff.push(runs.off);
    p.maxRunOn.push(runs.on);
    if (hourly && !s.constant && s.kind === 'continuous' && s.modeShare < MAX_MODE_SHARE_FOR_HOURLY) fitHourly(p, n, x, hours, j, floor);
  }
  return new SignalEnvelope(p);
}

/**
 * Hourly median and scale of signal j (of n), stored row-major 24 × n as `rawOf` reads them; scale 0
 * (model off) when the hours explain little of its variance.
 */
function fitHourly(p: EnvelopeParams, n: number, x: Float64Array, hours: readonly number[], j: number, floor: number): void {
  const medians: number[] = [];
  for (let h = 0; h < 24; h++) {
    const at = x.filter((_, i) => hours[i] === h);
    medians.push(median(at));
    p.hourMedian![h * n + j] = medians[h]!;
    p.hourScale![h * n + j] = robustScale(at, Math.max(floor, 0.1 * p.scale[j]!));
  }
  const total = std(x) ** 2;
  if (!(total > 0) || std(medians) ** 2 < MIN_DAILY_SHARE * total) for (let h = 0; h < 24; h++) p.hourScale![h * n + j] = 0;
}

function runLengths(x: Float64Array, tolerance: number): { flat: number; off: number; on: number; moving: number } {
  let flat = 0;
  let flatRun = 0;
  let run = 0;
  let moves = 0;
  const best = { flat: 0, off: 0, on: 0, moving: 0 };
  for (let i = 0; i < x.length; i++) {
    flatRun = i > 0 && Math.abs(x[i]! - x[i - 1]!) <= tolerance ? flatRun + 1 : 0;
    if (i > 0 && flatRun === 0) moves++;
    flat = Math.max(flat, flatRun);
    run = i > 0 && x[i] === x[i - 1] ? run + 1 : 1;
    if (x[i] === 0) best.off = Math.max(best.off, run);
    if (x[i] === 1) best.on = Math.max(best.on, run);
  }
  best.flat = flat;
  best.moving = x.length > 1 ? moves / (x.length - 1) : 0;
  return best;
}

/** Scores each signal on its own: range, step, flat reading, run length, never-seen state. */
export class SignalEnvelope implements ScoringModel {
  readonly name = 'signal-envelope';
  readonly calibration: ChannelCalibration;
  private readonly kind: Int8Array;
  /** Typed copies of the parameters the per-row path reads (same values as `p`). */
  private readonly hot: {
    readonly lo: Float64Array;
    readonly hi: Float64Array;
    readonly scale: Float64Array;
    readonly stepLo: Float64Array;
    readonly stepHi: Float64Array;
    readonly stepScale: Float64Array;
    readonly maxFlat: Float64Array;
    readonly hourMedian: Float64Array | null;
    readonly hourScale: Float64Array | null;
  };

  constructor(
    readonly p: EnvelopeParams,
    divisors?: ArrayLike<number>,
  ) {
    this.calibration = new ChannelCalibration(FLOORS, divisors);
    this.kind = Int8Array.from(p.kind);
    this.hot = {
      lo: Float64Array.from(p.lo),
      hi: Float64Array.from(p.hi),
      scale: Float64Array.from(p.scale),
      stepLo: Float64Array.from(p.stepLo),
      stepHi: Float64Array.from(p.stepHi),
      stepScale: Float64Array.from(p.stepScale),
      maxFlat: Float64Array.from(p.maxFlat),
      hourMedian: p.hourMedian === null ? null : Float64Array.from(p.hourMedian),
      hourScale: p.hourScale === null ? null : Float64Array.from(p.hourScale),
    };
  }

  measure(frame: FeatureFrame, channels: Float64Array): void {
    this.scan(frame, channels, null);
  }

  contribute(frame: FeatureFrame, contrib: Float64Array): void {
    this.scan(frame, this.scratch, contrib);
  }

  private readonly scratch = new Float64Array(FLOORS.length);

  private scan(frame: FeatureFrame, channels: Float64Array, contrib: Float64Array | null): void {
    channels.fill(0);
    const div = this.calibration.divisors;
    const kind = this.kind;
    for (let j = 0; j < frame.width; j++) {
      if (contrib === null) {
        if (kind[j] === 1) this.continuousInto(frame, j, channels, div);
        else this.discreteInto(frame, j, channels, div);
        continue;
      }
      const r = this.rawOf(frame, j);
      for (let c = 0; c < FLOORS.length; c++) {
        const v = r[c]! / div[c]!;
        if (v > channels[c]!) channels[c] = v;
        if (contrib !== null && v > contrib[j]!) contrib[j] = v;
      }
    }
  }

  /** The hot path of `rawOf` for a constant or on/off signal: never-seen value, or a run longer than any learned. */
  private discreteInto(frame: FeatureFrame, j: number, channels: Float64Array, div: Float64Array): void {
    const p = this.p;
    const x = frame.x[j]!;
    if (this.kind[j] === 0) {
      if (x !== p.constantValue[j] && 1 / div[NOVEL]! > channels[NOVEL]!) channels[NOVEL] = 1 / div[NOVEL]!;
      return;
    }
    const max = x === 1 ? p.maxRunOn[j]! : x === 0 ? p.maxRunOff[j]! : 0;
    if (max === 0) {
      if (1 / div[NOVEL]! > channels[NOVEL]!) channels[NOVEL] = 1 / div[NOVEL]!;
      return;
    }
    const run = Math.max(0, frame.run[j]! - max) / max / div[RUN]!;
    if (run > channels[RUN]!) channels[RUN] = run;
  }

  /** The hot path of `rawOf` for a continuous signal: the same four values, written straight into `channels`. */
  private continuousInto(frame: FeatureFrame, j: number, channels: Float64Array, div: Float64Array): void {
    const p = this.hot;
    const x = frame.x[j]!;
    const range = Math.max(0, x - p.hi[j]!, p.lo[j]! - x) / p.scale[j]! / div[RANGE]!;
    if (range > channels[RANGE]!) channels[RANGE] = range;
    if (frame.hour >= 0 && p.hourScale !== null && p.hourMedian !== null) {
      const k = frame.hour * this.kind.length + j;
      const scale = p.hourScale[k]!;
      const hour = scale > 0 ? Math.abs(x - p.hourMedian[k]!) / scale / div[HOUR]! : 0;
      if (hour > channels[HOUR]!) channels[HOUR] = hour;
    }
    if (frame.rows > 1) {
      const d = frame.dx[j]!;
      const step = Math.max(0, d - p.stepHi[j]!, p.stepLo[j]! - d) / p.stepScale[j]! / div[STEP]!;
      if (step > channels[STEP]!) channels[STEP] = step;
    }
    const maxFlat = p.maxFlat[j]!;
    if (maxFlat >= 0) {
      const flat = Math.max(0, frame.flatRun[j]! - maxFlat) / Math.max(1, maxFlat) / div[FLAT]!;
      if (flat > channels[FLAT]!) channels[FLAT] = flat;
    }
  }

  private readonly raw = new Float64Array(FLOORS.length);

  /** Raw channel values of signal j at the current frame (reused buffer). */
  private rawOf(frame: FeatureFrame, j: number): Float64Array {
    const p = this.p;
    const r = this.raw;
    r.fill(0);
    const x = frame.x[j]!;
    const kind = p.kind[j]!;
    if (kind === 0) {
      if (x !== p.constantValue[j]) r[NOVEL] = 1;
      return r;
    }
    if (kind === 2) {
      const max = x === 1 ? p.maxRunOn[j]! : x === 0 ? p.maxRunOff[j]! : 0;
      if (max === 0) r[NOVEL] = 1;
      else r[RUN] = Math.max(0, frame.run[j]! - max) / max;
      return r;
    }
    r[RANGE] = Math.max(0, x - p.hi[j]!, p.lo[j]! - x) / p.scale[j]!;
    if (frame.hour >= 0 && p.hourMedian !== null && p.hourScale !== null) {
      const k = frame.hour * p.kind.length + j;
      if (p.hourScale[k]! > 0) r[HOUR] = Math.abs(x - p.hourMedian[k]!) / p.hourScale[k]!;
    }
    if (frame.rows > 1) r[STEP] = Math.max(0, frame.dx[j]! - p.stepHi[j]!, p.stepLo[j]! - frame.dx[j]!) / p.stepScale[j]!;
    if (p.maxFlat[j]! >= 0) r[FLAT] = Math.max(0, frame.flatRun[j]! - p.maxFlat[j]!) / Math.max(1, p.maxFlat[j]!);
    return r;
  }

  explain(frame: FeatureFrame, context: ExplainContext, out: RawDeparture[], minimum: number): void {
    for (let j = 0; j < frame.width; j++) {
      const r = this.rawOf(frame, j);
      for (let c = 0; c < r.length; c++) {
        if (r[c]! > 0 && this.calibration.reaches(c, r[c]!, minimum)) out.push(this.describe(frame, context, j, c, r[c]!));
      }
    }
  }

  private describe(frame: FeatureFrame, context: ExplainContext, j: number, channel: number, raw: number): RawDeparture {
    const s = context.signals[j]!;
    const p = this.p;
    const x = frame.x[j]!;
    const v = formatValue(x, s.unit);
    const base = { signal: s.name, raw, channel, observed: x };
    if (channel === NOVEL) {
      const text = s.kind === 'binary' || s.role === 'status'
        ? `${s.asset} is ${stateWords(s, x === 1)}; it never was during learning`
        : `${s.label} reads ${v}; during learning it always read ${formatValue(p.constantValue[j]!, s.unit)}`;
      return { ...base, kind: 'never-seen', expected: p.constantValue[j]!, text };
    }
    if (channel === RUN) {
      const on = x === 1;
      const max = on ? p.maxRunOn[j]! : p.maxRunOff[j]!;
      const text = `${s.asset} has been ${stateWords(s, on)} for ${frame.run[j]} samples; during learning it never stayed ${stateWords(s, on)} longer than ${max}`;
      return { ...base, kind: 'long-run', expected: max, text };
    }
    if (channel === STEP) {
      const d = frame.dx[j]!;
      const text = `${s.label} ${d > 0 ? 'rose' : 'fell'} by ${formatValue(Math.abs(d), s.unit)} in one sample; normal changes stay between ${formatValue(p.stepLo[j]!, s.unit)} and +${formatValue(p.stepHi[j]!, s.unit)}: the reading may have been offset or the device forced`;
      return { ...base, kind: 'jump', expected: d > 0 ? p.stepHi[j]! : p.stepLo[j]!, text };
    }
    if (channel === FLAT) {
      const active = activeDrivers(frame, context, j);
      const why = active.length > 0 ? ` while ${joinWords(active)} ${active.length > 1 ? 'run' : 'runs'}` : '';
      const text = `${s.label} reads steady at ${v} for ${frame.flatRun[j]} samples${why}: the reading may be frozen or replayed`;
      return { ...base, kind: 'flat', expected: p.maxFlat[j]!, text };
    }
    if (channel === HOUR) {
      const k = frame.hour * p.kind.length + j;
      const med = p.hourMedian![k]!;
      const text = `${s.label} reads ${v} at ${String(frame.hour).padStart(2, '0')}:00, ${x > med ? 'above' : 'below'} where it usually sits at that hour (about ${formatValue(med, s.unit)})`;
      return { ...base, kind: x > med ? 'above-range' : 'below-range', expected: med, text };
    }
    const high = x > p.hi[j]!;
    const edge = high ? p.hi[j]! : p.lo[j]!;
    const text = `${s.label} reads ${v}, ${high ? 'above' : 'below'} anything seen during learning (${high ? 'highest' : 'lowest'} ${formatValue(edge, s.unit)})`;
    return { ...base, kind: high ? 'above-range' : 'below-range', expected: edge, text };
  }

  resetState(): void {}

  state(): null {
    return null;
  }

  restoreState(): void {}

  toJSON(): ModelJson {
    return { name: this.name, divisors: Array.from(this.calibration.divisors), params: { ...this.p } };
  }
}

/** Assets among signal j's learned drivers that are running (status 1 or flow above zero) now. */
function activeDrivers(frame: FeatureFrame, context: ExplainContext, j: number): string[] {
  const names: string[] = [];
  for (const k of context.drivers(j)) {
    const d = context.signals[k]!;
    if ((d.role === 'status' || d.role === 'flow') && frame.x[k]! > 0 && !names.includes(d.asset)) names.push(d.asset);
  }
  return names;
}
