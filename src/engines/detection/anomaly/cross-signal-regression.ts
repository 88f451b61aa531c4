// Cross-signal model: each continuous signal predicted by sparse ridge regressions on the others,
// in two families. "Dynamic" may use the signal's own previous value, so for a tank it is a learned
// mass balance (level change from pump flows). "Static" may not, so it pins the reading itself to
// the rest of the process (a tank's level to the pressures it sets) and sees a constant offset the
// dynamic one forgets after one step. Each residual is scored now ("instant") and as running
// averages ("sustained"), which catch a replay or offset that is small every hour but never cancels.
import { formatValue, joinWords, type RawDeparture } from './departure.js';
import type { FeatureFrame } from './feature-frame.js';
import { invalidSnapshot } from './errors.js';
import { FeatureMap, PREVIOUS, VALUE, type FeatureMapParams } from './feature-map.js';
import { rms } from './robust-stats.js';
import { ChannelCalibration, forEachFrame, type ExplainContext, type LearningSet, type ModelJson, type ScoringModel } from './scoring-model.js';
import { fitSparseRidge, meanSquaredResidual } from './sparse-ridge.js';
import { cachedRegressionChannelKernel, cachedResidualKernel, type RegressionChannelKernel, type ResidualKernel } from './straight-line-kernels.js';

/** Windows, in samples, of the moving averages of each residual (boxcar: the evidence ends W samples after the cause). */
const SUSTAINED_SAMPLES: readonly number[] = [6, 24];
const LONGEST = Math.max(...SUSTAINED_SAMPLES);
const WINDOWS = Int32Array.from(SUSTAINED_SAMPLES);
const INVERSE_WINDOWS = Float64Array.from(SUSTAINED_SAMPLES, (w) => 1 / w);
const FAMILIES = ['dynamic', 'static'] as const;
/** Channels per family: instant, then one per running average. */
const PER_FAMILY = 1 + SUSTAINED_SAMPLES.length;
const FLOORS = new Array<number>(FAMILIES.length * PER_FAMILY).fill(1);
/** Moving averages longer than this many samples are lagging evidence (see ChannelCalibration). */
const LAGGING_FROM = 12;
const LAGGING = FAMILIES.flatMap(() => [false, ...SUSTAINED_SAMPLES.map((w) => w >= LAGGING_FROM)]);
/** Ridge penalty per learning row, on standardised inputs. */
const RIDGE_PER_ROW = 1e-2;
/** Inputs kept per regression after the first fit. */
const INPUTS_KEPT = 16;
const DRIVERS_KEPT = 3;
/** The static regression is kept only when its residual is this many times the dynamic one's (else it adds nothing). */
const STATIC_WORSE = 1.1;

/** Fitted parameters: the shared feature map, then one entry per (target, family). */
export interface RegressionParams {
  map: FeatureMapParams;
  signal: number[];
  family: number[];
  column: number[];
  input: number[][];
  weight: number[][];
  residualScale: number[];
  sustainedScale: number[][];
  drivers: number[][];
}

/** Fits the dynamic and static regressions of every continuous, non-constant signal. */
export function fitCrossSignalRegression(set: LearningSet, resolution: ArrayLike<number>): CrossSignalRegression {
  const varying = set.signals.flatMap((s, j) => (s.constant ? [] : [j]));
  const features = [...varying.map((j) => [j, VALUE] as const), ...varying.map((j) => [j, PREVIOUS] as const)];
  const map = FeatureMap.fit(set, features, resolution, { harmonics: true, intercept: true });
  const gram = gramMatrix(set, map);
  const d = map.width;
  const intercept = d - 1;
  const p: RegressionParams = { map: map.p, signal: [], family: [], column: [], input: [], weight: [], residualScale: [], sustainedScale: [], drivers: [] };
  const n = set.rows.length;
  varying.forEach((j, k) => {
    if (set.signals[j]!.kind !== 'continuous' || set.signals[j]!.idle) return;
    const own = k + varying.length;
    const all = Array.from({ length: d }, (_, c) => c).filter((c) => c !== k);
    const dynamic = fitSparseRidge(gram, d, k, all, INPUTS_KEPT, RIDGE_PER_ROW * n, [intercept]);
    const fixed = fitSparseRidge(gram, d, k, all.filter((c) => c !== own), INPUTS_KEPT, RIDGE_PER_ROW * n, [intercept]);
    const fits = [dynamic];
    // A signal without memory (a flow, a pressure) is predicted as well without its own past: one model suffices.
    if (meanSquaredResidual(gram, d, k, fixed, n) > STATIC_WORSE ** 2 * meanSquaredResidual(gram, d, k, dynamic, n)) fits.push(fixed);
    fits.forEach((fit, f) => {
      p.signal.push(j);
      p.family.push(f);
      p.column.push(k);
      p.input.push(fit.input);
      p.weight.push(fit.weight);
      p.drivers.push(strongestDrivers(fit.input, fit.weight, map.p, j));
    });
  });
  const floors = p.column.map((k) => (resolution[map.p.signal[k]!] ?? 0) / map.p.scale[k]!);
  const model = new CrossSignalRegression(p);
  model.fitScales(set, floors);
  return model;
}

function gramMatrix(set: LearningSet, map: FeatureMap): Float64Array {
  const d = map.width;
  const gram = new Float64Array(d * d);
  const v = new Float64Array(d);
  forEachFrame(set, (frame) => {
    map.fill(frame, v);
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) gram[a * d + b]! += v[a]! * v[b]!;
  });
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) gram[a * d + b] = gram[b * d + a]!;
  return gram;
}

function strongestDrivers(input: number[], weight: number[], map: FeatureMapParams, self: number): number[] {
  const strength = new Map<number, number>();
  input.forEach((c, i) => {
    const j = map.signal[c];
    if (j !== undefined && j !== self) strength.set(j, (strength.get(j) ?? 0) + Math.abs(weight[i]!));
  });
  return [...strength.entries()].sort((a, b) => b[1] - a[1]).slice(0, DRIVERS_KEPT).map(([j]) => j);
}

/** Scores how far each signal is from what the rest of the process predicts for it. */
export class CrossSignalRegression implements ScoringModel {
  readonly name = 'cross-signal-regression';
  readonly calibration: ChannelCalibration;
  private readonly map: FeatureMap;
  private readonly v: Float64Array;
  /** Hot-path copies of the parameters, flat: regression t uses inputs[offset[t] .. offset[t+1]). */
  private readonly offset: Int32Array;
  private readonly inputs: Int32Array;
  private readonly weights: Float64Array;
  private readonly column: Int32Array;
  private readonly base: Int32Array;
  private readonly signal: Int32Array;
  private readonly residualScale: Float64Array;
  /** Per regression and window: scale of the moving average, and the moving average itself. */
  private readonly sustainedScale: Float64Array;
  private readonly avg: Float64Array;
  /** The last LONGEST residuals of each regression, a ring indexed by `rows % LONGEST`. */
  private readonly ring: Float64Array;
  private rows = 0;
  private readonly z: Float64Array;
  /** Ring slot leaving each window at this row (−1 while the window is still filling). */
  private readonly leaving = new Int32Array(SUSTAINED_SAMPLES.length);
  /** Computes every standardised residual into `z` (the dot products of `update`, unrolled). */
  private readonly residuals: ResidualKernel;
  /** Writes every channel's largest normalised value (the loop of `measure`, unrolled). */
  private readonly channelMax: RegressionChannelKernel;

  constructor(
    readonly p: RegressionParams,
    divisors?: ArrayLike<number>,
  ) {
    this.calibration = new ChannelCalibration(FLOORS, divisors, LAGGING);
    this.map = new FeatureMap(p.map);
    this.v = new Float64Array(this.map.width);
    const t = p.signal.length;
    this.offset = new Int32Array(t + 1);
    p.input.forEach((i, k) => (this.offset[k + 1] = this.offset[k]! + i.length));
    this.inputs = Int32Array.from(p.input.flat());
    this.weights = Float64Array.from(p.weight.flat());
    this.column = Int32Array.from(p.column);
    this.base = Int32Array.from(p.family, (f) => f * PER_FAMILY);
    this.signal = Int32Array.from(p.signal);
    this.residualScale = Float64Array.from(p.residualScale.length === t ? p.residualScale : p.signal.map(() => 1));
    this.sustainedScale = Float64Array.from(p.sustainedScale.length === t ? p.sustainedScale.flat() : new Array<number>(t * SUSTAINED_SAMPLES.length).fill(1));
    this.avg = new Float64Array(t * SUSTAINED_SAMPLES.length);
    this.ring = new Float64Array(t * LONGEST);
    this.z = new Float64Array(t);
    this.residuals = cachedResidualKernel(this.offset, this.inputs, this.column);
    this.channelMax = cachedRegressionChannelKernel(this.base, SUSTAINED_SAMPLES.length);
  }

  /** Sets residual scales from the learning rows, never below one resolution step (`floors`, standardised). */
  fitScales(set: LearningSet, floors: readonly number[]): void {
    const k = SUSTAINED_SAMPLES.length;
    const res = this.p.signal.map(() => [] as number[]);
    const sus = this.p.signal.map(() => SUSTAINED_SAMPLES.map(() => [] as number[]));
    this.residualScale.fill(1);
    this.sustainedScale.fill(1);
    this.resetState();
    forEachFrame(set, (frame) => {
      this.update(frame);
      for (let t = 0; t < this.z.length; t++) {
        res[t]!.push(this.z[t]!);
        for (let s = 0; s < k; s++) sus[t]![s]!.push(this.avg[t * k + s]!);
      }
    });
    this.p.residualScale = res.map((r, t) => Math.max(rms(r), floors[t]!, 1e-6));
    this.p.sustainedScale = sus.map((per, t) => per.map((r) => Math.max(rms(r) / this.p.residualScale[t]!, 1e-6)));
    this.residualScale.set(this.p.residualScale);
    this.sustainedScale.set(this.p.sustainedScale.flat());
    this.resetState();
  }

  /** Computes standardised residuals for the frame and advances the moving averages. */
  private update(frame: FeatureFrame): void {
    const { v, residualScale, avg, ring, z, leaving } = this;
    this.map.fill(frame, v);
    this.residuals(v, this.weights, residualScale, z);
    const k = WINDOWS.length;
    const slot = this.rows % LONGEST;
    for (let s = 0; s < k; s++) leaving[s] = this.rows >= WINDOWS[s]! ? (this.rows - WINDOWS[s]!) % LONGEST : -1;
    for (let t = 0; t < z.length; t++) {
      const r = z[t]!;
      const o = t * LONGEST;
      for (let s = 0; s < k; s++) {
        const old = leaving[s]! < 0 ? 0 : ring[o + leaving[s]!]!;
        avg[t * k + s]! += (r - old) * INVERSE_WINDOWS[s]!;
      }
      ring[o + slot] = r;
    }
    this.rows++;
  }

  measure(frame: FeatureFrame, channels: Float64Array): void {
    this.update(frame);
    channels.fill(0);
    this.channelMax(this.z, this.avg, this.sustainedScale, this.calibration.divisors, channels);
  }

  contribute(_frame: FeatureFrame, contrib: Float64Array): void {
    const div = this.calibration.divisors;
    const { z, base, avg, sustainedScale, signal } = this;
    const k = SUSTAINED_SAMPLES.length;
    for (let t = 0; t < z.length; t++) {
      const b = base[t]!;
      let best = Math.abs(z[t]!) / div[b]!;
      for (let s = 0; s < k; s++) best = Math.max(best, Math.abs(avg[t * k + s]!) / sustainedScale[t * k + s]! / div[b + 1 + s]!);
      const j = signal[t]!;
      if (best > contrib[j]!) contrib[j] = best;
    }
  }

  /** Indices of the signals that most drive signal j in its dynamic regression (empty when j has none). */
  drivers(j: number): readonly number[] {
    const t = this.p.signal.findIndex((s, i) => s === j && this.p.family[i] === 0);
    return t < 0 ? [] : this.p.drivers[t]!;
  }

  explain(frame: FeatureFrame, context: ExplainContext, out: RawDeparture[], minimum: number): void {
    const sig = context.signals;
    const k = SUSTAINED_SAMPLES.length;
    for (let t = 0; t < this.z.length; t++) {
      const j = this.p.signal[t]!;
      const s = sig[j]!;
      const base = this.base[t]!;
      const scale = this.residualScale[t]! * this.map.p.scale[this.p.column[t]!]!;
      const who = joinWords(this.p.drivers[t]!.map((d) => sig[d]!.label));
      const x = frame.x[j]!;
      const instant = Math.abs(this.z[t]!);
      if (this.calibration.reaches(base, instant, minimum)) {
        const expected = x - this.z[t]! * scale;
        const text = `${s.label} reads ${formatValue(x, s.unit)} where ${who} predict about ${formatValue(expected, s.unit)}: the reading and the rest of the process disagree`;
        out.push({ signal: s.name, kind: 'mismatch', raw: instant, channel: base, observed: x, expected, text });
      }
      SUSTAINED_SAMPLES.forEach((samples, w) => {
        const avg = this.avg[t * k + w]!;
        const raw = Math.abs(avg) / this.sustainedScale[t * k + w]!;
        if (!this.calibration.reaches(base + 1 + w, raw, minimum)) return;
        const text = `${s.label} has stayed ${avg > 0 ? 'above' : 'below'} what ${who} predict for about ${samples} samples (by ${formatValue(Math.abs(avg * scale), s.unit)} on average): it may be offset, replayed or driven by a changed command`;
        out.push({ signal: s.name, kind: 'drift', raw, channel: base + 1 + w, observed: x, text });
      });
    }
  }

  resetState(): void {
    this.avg.fill(0);
    this.ring.fill(0);
    this.z.fill(0);
    this.rows = 0;
  }

  /** [rows, all moving averages, all residual rings]. */
  state(): number[] {
    return [this.rows, ...this.avg, ...this.ring];
  }

  restoreState(state: number[] | null): void {
    if (state === null) return;
    if (state.length !== 1 + this.avg.length + this.ring.length) throw invalidSnapshot('cross-signal regression state has the wrong length');
    this.rows = state[0]!;
    this.avg.set(state.slice(1, 1 + this.avg.length));
    this.ring.set(state.slice(1 + this.avg.length));
  }

  toJSON(): ModelJson {
    return { name: this.name, divisors: Array.from(this.calibration.divisors), params: { ...this.p } };
  }
}
