// Turns the current FeatureFrame into a standardised numeric vector for the cross-signal models:
// chosen signals' current values, previous values or one-step changes, plus hour-of-day harmonics.
import type { FeatureFrame } from './feature-frame.js';
import { mean, std } from './robust-stats.js';
import type { LearningSet } from './scoring-model.js';

/** Which view of a signal a feature takes. */
export const VALUE = 0;
export const PREVIOUS = 1;
export const CHANGE = 2;

/** Serialisable parameters of a FeatureMap. */
export interface FeatureMapParams {
  signal: number[];
  mode: number[];
  center: number[];
  scale: number[];
  /** Appends sin/cos of the hour of day at periods 24 h and 12 h (zeros when time is unknown). */
  harmonics: boolean;
  /** Appends a constant 1. */
  intercept: boolean;
}

/** Standardised feature vector builder. */
export class FeatureMap {
  readonly width: number;
  private readonly signal: Int32Array;
  private readonly mode: Int32Array;
  private readonly center: Float64Array;
  private readonly scale: Float64Array;

  constructor(readonly p: FeatureMapParams) {
    this.width = p.signal.length + (p.harmonics ? 4 : 0) + (p.intercept ? 1 : 0);
    this.signal = Int32Array.from(p.signal);
    this.mode = Int32Array.from(p.mode);
    this.center = Float64Array.from(p.center);
    this.scale = Float64Array.from(p.scale);
  }

  /** Fits centres and scales for the requested (signal, mode) features on the learning rows. */
  static fit(set: LearningSet, features: ReadonlyArray<readonly [number, number]>, resolution: ArrayLike<number>, options: { harmonics: boolean; intercept: boolean }): FeatureMap {
    const p: FeatureMapParams = { signal: [], mode: [], center: [], scale: [], ...options };
    for (const [j, mode] of features) {
      const x = Float64Array.from(set.rows, (r) => r[j]!);
      const v = mode === CHANGE ? x.map((value, i) => (i === 0 ? 0 : value - x[i - 1]!)) : x;
      p.signal.push(j);
      p.mode.push(mode);
      p.center.push(mode === CHANGE ? 0 : mean(v));
      p.scale.push(Math.max(std(v), resolution[j] ?? 0, 1e-9));
    }
    return new FeatureMap(p);
  }

  /** Writes the features of the current frame into `out` (length ≥ width). */
  fill(frame: FeatureFrame, out: Float64Array): void {
    const { signal, mode, center, scale, p } = this;
    const n = signal.length;
    for (let k = 0; k < n; k++) {
      const j = signal[k]!;
      const m = mode[k]!;
      const v = m === VALUE ? frame.x[j]! : m === PREVIOUS ? frame.prev[j]! : frame.dx[j]!;
      out[k] = (v - center[k]!) / scale[k]!;
    }
    let k = n;
    if (p.harmonics) {
      const known = frame.hour >= 0;
      const angle = (2 * Math.PI * frame.hour) / 24;
      out[k++] = known ? Math.sin(angle) : 0;
      out[k++] = known ? Math.cos(angle) : 0;
      out[k++] = known ? Math.sin(2 * angle) : 0;
      out[k++] = known ? Math.cos(2 * angle) : 0;
    }
    if (p.intercept) out[k] = 1;
  }
}
