// Cross-signal model: principal components of the standardised signals (covariance accumulated one
// row at a time, eigen-decomposed once with ml-matrix). The squared residual off the principal
// subspace (SPE, the Q statistic) measures how much the signals stopped moving together.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { formatValue, type RawDeparture } from './departure.js';
import type { FeatureFrame } from './feature-frame.js';
import { CHANGE, FeatureMap, VALUE, type FeatureMapParams } from './feature-map.js';
import { cachedSpeKernel, type SpeKernel } from './straight-line-kernels.js';
import { ChannelCalibration, forEachFrame, type ExplainContext, type LearningSet, type ModelJson, type ScoringModel } from './scoring-model.js';

const FLOORS = [1e-6];

/** How the PCA model is built. */
export interface PcaOptions {
  /** Fraction of the learning variance the kept components explain (0–1). */
  readonly varianceKept: number;
  /** Also model one-step changes of continuous signals, not just values. */
  readonly withChanges: boolean;
}

/** Fitted parameters: the feature map and the kept components (row-major, k × width). */
export interface PcaParams {
  map: FeatureMapParams;
  components: number[];
  k: number;
}

/** Fits the principal subspace of the standardised learning rows. */
export function fitPcaResidual(set: LearningSet, resolution: ArrayLike<number>, options: PcaOptions): PcaResidual {
  const varying = set.signals.flatMap((s, j) => (s.constant || s.idle ? [] : [j]));
  const features: Array<readonly [number, number]> = varying.map((j) => [j, VALUE] as const);
  if (options.withChanges) {
    for (const j of varying) if (set.signals[j]!.kind === 'continuous') features.push([j, CHANGE]);
  }
  const map = FeatureMap.fit(set, features, resolution, { harmonics: false, intercept: false });
  const d = map.width;
  const cov = new Float64Array(d * d);
  const v = new Float64Array(d);
  forEachFrame(set, (frame) => {
    map.fill(frame, v);
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[a * d + b]! += v[a]! * v[b]!;
  });
  const m = new Matrix(d, d);
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) {
    const c = cov[a * d + b]! / Math.max(1, set.rows.length);
    m.set(a, b, c);
    m.set(b, a, c);
  }
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((value, i) => ({ value: Math.max(value, 0), i })).sort((a, b) => b.value - a.value);
  const total = order.reduce((s, e) => s + e.value, 0);
  let kept = 0;
  let k = 0;
  while (k < order.length && (total === 0 || kept / total < options.varianceKept)) kept += order[k++]!.value;
  const components: number[] = [];
  for (let c = 0; c < k; c++) for (let a = 0; a < d; a++) components.push(evd.eigenvectorMatrix.get(a, order[c]!.i));
  return new PcaResidual({ map: map.p, components, k });
}

/** Scores the squared distance of the sample from the learned principal subspace. */
export class PcaResidual implements ScoringModel {
  readonly name = 'pca-residual';
  readonly calibration: ChannelCalibration;
  private readonly map: FeatureMap;
  private readonly v: Float64Array;
  private readonly r: Float64Array;
  private readonly comp: Float64Array;
  private readonly speOf: SpeKernel;

  constructor(
    readonly p: PcaParams,
    divisors?: ArrayLike<number>,
  ) {
    this.calibration = new ChannelCalibration(FLOORS, divisors);
    this.map = new FeatureMap(p.map);
    this.v = new Float64Array(this.map.width);
    this.r = new Float64Array(this.map.width);
    this.comp = Float64Array.from(p.components);
    this.speOf = cachedSpeKernel(this.v.length, p.k);
  }

  /** Squared distance of the current frame from the principal subspace (‖v‖² − ‖projection‖², components orthonormal). */
  private spe(frame: FeatureFrame): number {
    this.map.fill(frame, this.v);
    return Math.max(this.speOf(this.v, this.comp), 0);
  }

  /** Fills `r` with the residual of the current frame off the principal subspace. */
  private residual(frame: FeatureFrame): void {
    const { v, r, comp } = this;
    const d = v.length;
    this.map.fill(frame, v);
    r.set(v);
    for (let c = 0; c < this.p.k; c++) {
      let proj = 0;
      const o = c * d;
      for (let a = 0; a < d; a++) proj += comp[o + a]! * v[a]!;
      for (let a = 0; a < d; a++) r[a]! -= proj * comp[o + a]!;
    }
  }

  measure(frame: FeatureFrame, channels: Float64Array): void {
    channels[0] = this.spe(frame) / this.calibration.divisors[0]!;
  }

  contribute(frame: FeatureFrame, contrib: Float64Array): void {
    this.residual(frame);
    const div = this.calibration.divisors[0]!;
    const sig = this.p.map.signal;
    for (let a = 0; a < sig.length; a++) {
      const c = (this.r[a]! * this.r[a]!) / div;
      if (c > contrib[sig[a]!]!) contrib[sig[a]!] = c;
    }
  }

  explain(frame: FeatureFrame, context: ExplainContext, out: RawDeparture[], minimum: number): void {
    this.residual(frame);
    const { signal, mode, scale } = this.p.map;
    for (let a = 0; a < signal.length; a++) {
      if (mode[a] !== VALUE || !this.calibration.reaches(0, this.r[a]! * this.r[a]!, minimum)) continue;
      const s = context.signals[signal[a]!]!;
      if (s.kind === 'binary') continue; // an on/off state "expected at 0.3" means nothing to a reader
      const x = frame.x[signal[a]!]!;
      const expected = x - this.r[a]! * scale[a]!;
      const text = `${s.label} reads ${formatValue(x, s.unit)}; from how the other signals stand, about ${formatValue(expected, s.unit)} was expected: it no longer moves with them as it did during learning`;
      out.push({ signal: s.name, kind: 'pattern', raw: this.r[a]! * this.r[a]!, channel: 0, observed: x, expected, text });
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
}
