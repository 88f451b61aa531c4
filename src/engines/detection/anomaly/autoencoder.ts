// A small dense autoencoder on Float64Array: sigmoid hidden layer, linear output, trained by plain
// stochastic gradient descent on squared reconstruction error. Deterministic for a given seed.
import { cachedReconstructKernel, type ReconstructKernel } from './straight-line-kernels.js';

/** Serialisable weights of an Autoencoder. */
export interface AutoencoderParams {
  inputs: number;
  hidden: number;
  /** Encoder weights, row-major hidden × inputs, then hidden biases. */
  w1: number[];
  b1: number[];
  /** Decoder weights, row-major inputs × hidden, then output biases. */
  w2: number[];
  b2: number[];
}

/** A seeded pseudo-random generator (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An input → hidden → input network that learns to reproduce normal samples. */
export class Autoencoder {
  readonly inputs: number;
  readonly hidden: number;
  private readonly w1: Float64Array;
  private readonly b1: Float64Array;
  private readonly w2: Float64Array;
  private readonly b2: Float64Array;
  private readonly h: Float64Array;
  /** Reconstruction error per input of the last `reconstruct` call (output − input). */
  readonly error: Float64Array;
  private readonly gradH: Float64Array;
  private kernel: ReconstructKernel | undefined;

  constructor(p: AutoencoderParams) {
    this.inputs = p.inputs;
    this.hidden = p.hidden;
    this.w1 = Float64Array.from(p.w1);
    this.b1 = Float64Array.from(p.b1);
    this.w2 = Float64Array.from(p.w2);
    this.b2 = Float64Array.from(p.b2);
    this.h = new Float64Array(p.hidden);
    this.error = new Float64Array(p.inputs);
    this.gradH = new Float64Array(p.hidden);
  }

  /** A fresh network with small random weights (uniform ±1/√inputs). */
  static create(inputs: number, hidden: number, random: () => number): Autoencoder {
    const r = (n: number, s: number) => Array.from({ length: n }, () => (random() * 2 - 1) * s);
    const s1 = 1 / Math.sqrt(inputs);
    const s2 = 1 / Math.sqrt(hidden);
    return new Autoencoder({ inputs, hidden, w1: r(hidden * inputs, s1), b1: new Array<number>(hidden).fill(0), w2: r(inputs * hidden, s2), b2: new Array<number>(inputs).fill(0) });
  }

  /**
   * Scoring's reconstruct: the same arithmetic as `reconstruct(x)` through a straight-line kernel
   * generated on first use (training keeps the looped code, whose weights change every step).
   */
  score(x: Float64Array): number {
    this.kernel ??= cachedReconstructKernel(this.inputs, this.hidden);
    return this.kernel(x, this.w1, this.b1, this.w2, this.b2, this.h, this.error);
  }

  /** Reconstructs `x` (read at `offset`), fills `error`, returns the root mean square error. */
  reconstruct(x: ArrayLike<number>, offset = 0): number {
    const { inputs: n, hidden: m, w1, b1, w2, b2, h, error } = this;
    for (let i = 0; i < m; i++) {
      const o = i * n;
      let a0 = b1[i]!;
      let a1 = 0;
      let k = 0;
      for (; k + 1 < n; k += 2) {
        a0 += w1[o + k]! * x[offset + k]!;
        a1 += w1[o + k + 1]! * x[offset + k + 1]!;
      }
      if (k < n) a0 += w1[o + k]! * x[offset + k]!;
      h[i] = 1 / (1 + Math.exp(-(a0 + a1)));
    }
    let ss = 0;
    for (let k = 0; k < n; k++) {
      const o = k * m;
      let y0 = b2[k]!;
      let y1 = 0;
      let i = 0;
      for (; i + 1 < m; i += 2) {
        y0 += w2[o + i]! * h[i]!;
        y1 += w2[o + i + 1]! * h[i + 1]!;
      }
      if (i < m) y0 += w2[o + i]! * h[i]!;
      const e = y0 + y1 - x[offset + k]!;
      error[k] = e;
      ss += e * e;
    }
    return Math.sqrt(ss / n);
  }

  /** One gradient step on sample `x` with learning rate `rate`; returns the RMSE before the step. */
  train(x: ArrayLike<number>, rate: number, offset = 0): number {
    const rmse = this.reconstruct(x, offset);
    const { inputs: n, hidden: m, w1, b1, w2, b2, h, error, gradH } = this;
    gradH.fill(0);
    for (let k = 0; k < n; k++) {
      const g = (2 * error[k]!) / n;
      const o = k * m;
      for (let i = 0; i < m; i++) {
        gradH[i]! += g * w2[o + i]!;
        w2[o + i]! -= rate * g * h[i]!;
      }
      b2[k]! -= rate * g;
    }
    for (let i = 0; i < m; i++) {
      const g = gradH[i]! * h[i]! * (1 - h[i]!);
      const o = i * n;
      for (let k = 0; k < n; k++) w1[o + k]! -= rate * g * x[offset + k]!;
      b1[i]! -= rate * g;
    }
    return rmse;
  }

  /** Weights for a snapshot. */
  toJSON(): AutoencoderParams {
    return { inputs: this.inputs, hidden: this.hidden, w1: Array.from(this.w1), b1: Array.from(this.b1), w2: Array.from(this.w2), b2: Array.from(this.b2) };
  }
}
