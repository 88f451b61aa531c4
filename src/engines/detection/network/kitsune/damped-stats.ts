// Damped incremental statistics (Kitsune, NDSS 2018 §IV-B): per stream and per decay rate λ a
// weight w, linear sum and squared sum, each multiplied by 2^(−λ·Δt) before a new value is added,
// so old traffic fades with a half-life of 1/λ seconds. Streams live in one growable Float64Array
// (no object per stream) and pairs of opposite streams keep a damped sum of residual products
// for the 2-D features: magnitude, radius, approximate covariance and correlation coefficient.

/** Decay rates λ (1/s) of the five time windows: half-lives 0.2 s, 0.33 s, 1 s, 10 s, 100 s. */
export const DEFAULT_LAMBDAS: readonly number[] = [5, 3, 1, 0.1, 0.01];

/** Growable table of 1-D damped streams: per λ weight, linear sum, squared sum; then last time. */
export class DampedStreams {
  readonly lambdas: Float64Array;
  /** λ·ln 2 per window, so the decay factor 2^(−λΔt) is exp(−decay·Δt). */
  readonly decay: Float64Array;
  private readonly k: number;
  /** Doubles per stream: 3 per λ + last update time. */
  readonly stride: number;
  data: Float64Array;
  private readonly ids = new Map<string, number>();
  private count = 0;

  constructor(lambdas: readonly number[] = DEFAULT_LAMBDAS, initialStreams = 1024) {
    this.lambdas = Float64Array.from(lambdas);
    this.decay = this.lambdas.map((l) => l * Math.LN2);
    this.k = lambdas.length;
    this.stride = 3 * this.k + 1;
    this.data = new Float64Array(this.stride * initialStreams);
  }

  /** Streams tracked. */
  get size(): number {
    return this.count;
  }

  /** Id of the stream named `key`, created empty when new. */
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.count++;
      if ((id + 1) * this.stride > this.data.length) this.grow();
      this.data.fill(0, id * this.stride, (id + 1) * this.stride);
      this.data[id * this.stride + 3 * this.k] = Number.NaN;
      this.ids.set(key, id);
    }
    return id;
  }

  /** Time of the stream's last update (NaN before the first). */
  lastTime(id: number): number {
    return this.data[id * this.stride + 3 * this.k]!;
  }

  /** Adds value `x` at time `t` (seconds) to every window of stream `id`. */
  update(id: number, t: number, x: number): void {
    const d = this.data;
    const base = id * this.stride;
    const k = this.k;
    const last = d[base + 3 * k]!;
    const dt = last === last && t > last ? t - last : 0;
    for (let i = 0; i < k; i++) {
      const f = dt > 0 ? Math.exp(-this.decay[i]! * dt) : 1;
      d[base + i] = d[base + i]! * f + 1;
      d[base + k + i] = d[base + k + i]! * f + x;
      d[base + 2 * k + i] = d[base + 2 * k + i]! * f + x * x;
    }
    d[base + 3 * k] = t;
  }

  /** Writes weight, mean and standard deviation of every window into `out` from `at` (3 per λ). */
  write1d(id: number, out: Float64Array, at: number): void {
    const d = this.data;
    const base = id * this.stride;
    const k = this.k;
    for (let i = 0; i < k; i++) {
      const w = d[base + i]!;
      const mean = w > 0 ? d[base + k + i]! / w : 0;
      const variance = w > 0 ? Math.abs(d[base + 2 * k + i]! / w - mean * mean) : 0;
      out[at + 3 * i] = w;
      out[at + 3 * i + 1] = mean;
      out[at + 3 * i + 2] = Math.sqrt(variance);
    }
  }

  /** Weight of window `i` of stream `id`. */
  weight(id: number, i: number): number {
    return this.data[id * this.stride + i]!;
  }

  /** Mean and variance of window `i` (into `out[0..1]`). */
  meanVariance(id: number, i: number, out: Float64Array): void {
    const d = this.data;
    const base = id * this.stride;
    const w = d[base + i]!;
    const mean = w > 0 ? d[base + this.k + i]! / w : 0;
    out[0] = mean;
    out[1] = w > 0 ? Math.abs(d[base + 2 * this.k + i]! / w - mean * mean) : 0;
  }

  /** Forgets streams not updated since `beforeT` (seconds); returns old id → new id (−1 when dropped). */
  prune(beforeT: number): Int32Array {
    const remap = new Int32Array(this.count).fill(-1);
    const keep: [string, number][] = [];
    for (const [key, id] of this.ids) if (this.lastTime(id) >= beforeT) keep.push([key, id]);
    const fresh = new Float64Array(this.stride * Math.max(1024, keep.length * 2));
    this.ids.clear();
    keep.forEach(([key, id], i) => {
      fresh.set(this.data.subarray(id * this.stride, (id + 1) * this.stride), i * this.stride);
      this.ids.set(key, i);
      remap[id] = i;
    });
    this.data = fresh;
    this.count = keep.length;
    return remap;
  }

  private grow(): void {
    const bigger = new Float64Array(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
  }
}

/** Pairs of opposite streams (A→B and B→A) with per-window damped residual products. */
export class DampedPairs {
  private readonly k: number;
  /** Doubles per pair: per λ sum of residual products, its weight, last residual of A and of B; then last time. */
  private readonly stride: number;
  private data: Float64Array;
  private ends: Int32Array;
  private readonly ids = new Map<string, number>();
  private count = 0;
  private readonly mv = new Float64Array(2);

  constructor(
    private readonly streams: DampedStreams,
    initialPairs = 1024,
  ) {
    this.k = streams.lambdas.length;
    this.stride = 4 * this.k + 1;
    this.data = new Float64Array(this.stride * initialPairs);
    this.ends = new Int32Array(2 * initialPairs);
  }

  /** Id of the pair of streams `a` and `b` under `key` (the same key from either side). */
  id(key: string, a: number, b: number): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.count++;
      if ((id + 1) * this.stride > this.data.length) this.grow();
      this.data.fill(0, id * this.stride, (id + 1) * this.stride);
      this.data[id * this.stride + 4 * this.k] = Number.NaN;
      this.ends[2 * id] = a;
      this.ends[2 * id + 1] = b;
      this.ids.set(key, id);
    }
    return id;
  }

  /** Records value `x` at `t` sent by stream `own` of pair `id` (own's 1-D stats already updated). */
  update(id: number, own: number, t: number, x: number): void {
    const d = this.data;
    const base = id * this.stride;
    const k = this.k;
    const ownIsA = this.ends[2 * id] === own;
    const last = d[base + 4 * k]!;
    const dt = last === last && t > last ? t - last : 0;
    for (let i = 0; i < k; i++) {
      const f = dt > 0 ? Math.exp(-this.streams.decay[i]! * dt) : 1;
      this.streams.meanVariance(own, i, this.mv);
      const r = x - this.mv[0]!;
      const other = ownIsA ? d[base + 4 * i + 3]! : d[base + 4 * i + 2]!;
      d[base + 4 * i] = d[base + 4 * i]! * f + r * other;
      d[base + 4 * i + 1] = d[base + 4 * i + 1]! * f + 1;
      d[base + 4 * i + (ownIsA ? 2 : 3)] = r;
    }
    d[base + 4 * k] = t;
  }

  /** Writes magnitude, radius, covariance and correlation per window into `out` (4 per λ, from `at`, stride `step`). */
  write2d(id: number, own: number, out: Float64Array, at: number, step: number): void {
    const d = this.data;
    const base = id * this.stride;
    const other = this.ends[2 * id] === own ? this.ends[2 * id + 1]! : this.ends[2 * id]!;
    for (let i = 0; i < this.k; i++) {
      this.streams.meanVariance(own, i, this.mv);
      const meanA = this.mv[0]!;
      const varA = this.mv[1]!;
      this.streams.meanVariance(other, i, this.mv);
      const meanB = this.mv[0]!;
      const varB = this.mv[1]!;
      const w3 = d[base + 4 * i + 1]!;
      const cov = w3 > 0 ? d[base + 4 * i]! / w3 : 0;
      const sd = Math.sqrt(varA * varB);
      const o = at + i * step;
      out[o] = Math.sqrt(meanA * meanA + meanB * meanB);
      out[o + 1] = Math.sqrt(varA + varB);
      out[o + 2] = cov;
      out[o + 3] = sd > 0 ? cov / sd : 0;
    }
  }

  /** Drops pairs with a dropped stream and renumbers the rest after DampedStreams.prune. */
  remap(streamRemap: Int32Array): void {
    const keep: [string, number][] = [];
    for (const [key, id] of this.ids) {
      if (streamRemap[this.ends[2 * id]!]! >= 0 && streamRemap[this.ends[2 * id + 1]!]! >= 0) keep.push([key, id]);
    }
    const n = Math.max(1024, keep.length * 2);
    const data = new Float64Array(this.stride * n);
    const ends = new Int32Array(2 * n);
    this.ids.clear();
    keep.forEach(([key, id], i) => {
      data.set(this.data.subarray(id * this.stride, (id + 1) * this.stride), i * this.stride);
      ends[2 * i] = streamRemap[this.ends[2 * id]!]!;
      ends[2 * i + 1] = streamRemap[this.ends[2 * id + 1]!]!;
      this.ids.set(key, i);
    });
    this.data = data;
    this.ends = ends;
    this.count = keep.length;
  }

  private grow(): void {
    const data = new Float64Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
    const ends = new Int32Array(this.ends.length * 2);
    ends.set(this.ends);
    this.ends = ends;
  }
}
