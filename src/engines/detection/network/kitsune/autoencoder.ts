// A small denoising-free autoencoder with tied weights (Kitsune's dA, NDSS 2018 §IV-D): inputs
// scaled to [0, 1] by the minimum and maximum seen while training, one sigmoid hidden layer,
// trained one sample at a time by stochastic gradient descent; its score is the RMSE of the
// reconstruction. Written on Float64Array with no allocation per sample.

import type { AutoencoderParameters } from './ensemble-scorer-wasm.js';

/** Logistic function 1 / (1 + e^−s). */
export function sigmoid(s: number): number {
  return 1 / (1 + Math.exp(-s));
}

/** Size and learning settings of one autoencoder. */
export interface AutoencoderOptions {
  inputs: number;
  /** Hidden units as a fraction of inputs (rounded up). */
  hiddenRatio: number;
  learningRate: number;
  /** Seed of the weight initialisation, so runs repeat exactly. */
  seed: number;
}

/** One autoencoder of the ensemble or the output layer. */
export class Autoencoder {
  readonly inputs: number;
  readonly hidden: number;
  private readonly w: Float64Array;
  private readonly hBias: Float64Array;
  private readonly vBias: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  /** 1 / (max − min + 1e-16), refreshed when min or max move. */
  private readonly scale: Float64Array;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly z: Float64Array;
  private readonly errV: Float64Array;
  private readonly errH: Float64Array;
  private readonly lr: number;

  constructor(o: AutoencoderOptions) {
    this.inputs = o.inputs;
    this.hidden = Math.max(1, Math.ceil(o.inputs * o.hiddenRatio));
    this.lr = o.learningRate;
    this.w = new Float64Array(this.inputs * this.hidden);
    const rand = mulberry32(o.seed);
    const a = 1 / this.inputs;
    for (let i = 0; i < this.w.length; i++) this.w[i] = (rand() * 2 - 1) * a;
    this.hBias = new Float64Array(this.hidden);
    this.vBias = new Float64Array(this.inputs);
    this.min = new Float64Array(this.inputs).fill(Infinity);
    this.max = new Float64Array(this.inputs).fill(-Infinity);
    this.scale = new Float64Array(this.inputs);
    this.x = new Float64Array(this.inputs);
    this.y = new Float64Array(this.hidden);
    this.z = new Float64Array(this.inputs);
    this.errV = new Float64Array(this.inputs);
    this.errH = new Float64Array(this.hidden);
  }

  /** Shape and learned parameters (live views: training changes them), for the ensemble scorer. */
  get parameters(): AutoencoderParameters {
    return { inputs: this.inputs, hidden: this.hidden, min: this.min, scale: this.scale, w: this.w, hBias: this.hBias, vBias: this.vBias };
  }

  /** Learns from one sample (entries `index[i]` of `source`) and returns its RMSE before the update. */
  train(source: Float64Array, index: Int32Array): number {
    for (let i = 0; i < this.inputs; i++) {
      const v = source[index[i]!]!;
      if (v < this.min[i]! || v > this.max[i]!) {
        if (v < this.min[i]!) this.min[i] = v;
        if (v > this.max[i]!) this.max[i] = v;
        this.scale[i] = 1 / (this.max[i]! - this.min[i]! + 1e-16);
      }
    }
    const rmse = this.forward(source, index);
    this.backward();
    return rmse;
  }

  /** RMSE of reconstructing one sample, without learning (KitNET scores through EnsembleScorer; this is its reference). */
  score(source: Float64Array, index: Int32Array): number {
    return this.forward(source, index);
  }

  private forward(source: Float64Array, index: Int32Array): number {
    const n = this.inputs;
    const h = this.hidden;
    const w = this.w;
    const x = this.x;
    const y = this.y;
    const z = this.z;
    const errV = this.errV;
    const min = this.min;
    const scale = this.scale;
    const hBias = this.hBias;
    const vBias = this.vBias;
    for (let i = 0; i < n; i++) {
      const v = source[index[i]!]!;
      // As in Kitsune: no clipping, so a feature constant in training that now moves scores very high.
      x[i] = (v - min[i]!) * scale[i]!;
    }
    for (let j = 0; j < h; j++) y[j] = hBias[j]!;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const row = i * h;
      for (let j = 0; j < h; j++) y[j]! += xi * w[row + j]!;
    }
    for (let j = 0; j < h; j++) y[j] = sigmoid(y[j]!);
    let sq = 0;
    for (let i = 0; i < n; i++) {
      let s = vBias[i]!;
      const row = i * h;
      for (let j = 0; j < h; j++) s += y[j]! * w[row + j]!;
      const zi = sigmoid(s);
      z[i] = zi;
      const e = x[i]! - zi;
      errV[i] = e;
      sq += e * e;
    }
    return Math.sqrt(sq / n);
  }

  /** Gradient step for tied weights: dW = x ⊗ δh + e ⊗ y (Kitsune's dA.train). */
  private backward(): void {
    const n = this.inputs;
    const h = this.hidden;
    const w = this.w;
    const lr = this.lr;
    for (let j = 0; j < h; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += this.errV[i]! * w[i * h + j]!;
      const yj = this.y[j]!;
      this.errH[j] = s * yj * (1 - yj);
    }
    for (let i = 0; i < n; i++) {
      const xi = this.x[i]!;
      const ei = this.errV[i]!;
      const row = i * h;
      for (let j = 0; j < h; j++) w[row + j]! += lr * (xi * this.errH[j]! + ei * this.y[j]!);
      this.vBias[i]! += lr * ei;
    }
    for (let j = 0; j < h; j++) this.hBias[j]! += lr * this.errH[j]!;
  }
}

/** Small seeded PRNG (mulberry32): repeatable weight initialisation without a dependency. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
