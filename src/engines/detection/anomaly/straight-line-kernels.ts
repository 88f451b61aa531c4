// Straight-line scoring kernels: for a fitted model's shape, a function is generated once with every
// loop unrolled and every index a constant, so V8 keeps partial sums in registers instead of
// re-checking loop bounds per weight. Each kernel performs exactly the additions and
// multiplications of the looped code it replaces, in the same order (two accumulators, even and odd
// terms), so scores stay bit-identical. The source holds integers only (shape and indices), never
// weights or data; weights are read from the arrays passed in.

/** Regression residuals: z[t] = (v[column[t]] − even(t) − odd(t)) / scale[t] for every regression t. */
export type ResidualKernel = (v: Float64Array, w: Float64Array, scale: Float64Array, z: Float64Array) => void;

/**
 * Regression channels: for each regression t, |z[t]| / div[base[t]] and each window's
 * |avg| / sustainedScale / div, kept as the channel's maximum (channels must start at 0).
 */
export type RegressionChannelKernel = (z: Float64Array, avg: Float64Array, sustainedScale: Float64Array, div: Float64Array, channels: Float64Array) => void;

/** Autoencoder reconstruction: fills `h` and `error` from `x`, returns the root mean square error. */
export type ReconstructKernel = (
  x: Float64Array,
  w1: Float64Array,
  b1: Float64Array,
  w2: Float64Array,
  b2: Float64Array,
  h: Float64Array,
  error: Float64Array,
) => number;

/** Squared distance of `v` from the principal subspace spanned by k orthonormal rows of `comp`. */
export type SpeKernel = (v: Float64Array, comp: Float64Array) => number;

const MAX_TERMS = 1 << 16;

function checkShape(...sizes: number[]): void {
  for (const s of sizes) if (!Number.isInteger(s) || s < 0 || s > MAX_TERMS) throw new RangeError(`bad kernel shape ${sizes.join('×')}`);
}

/**
 * `first + a[p0]·b[q0] + a[p2]·b[q2] + …` and `0 + a[p1]·b[q1] + …` as source: the even and odd
 * accumulators of the looped dot products (the odd one starts at 0, as the loops' does).
 */
function pairedSums(first: string, terms: ReadonlyArray<readonly [string, string]>): [string, string] {
  const even = [first];
  const odd = ['0'];
  terms.forEach(([a, b], i) => (i % 2 === 0 ? even : odd).push(`${a} * ${b}`));
  return [`(${even.join(' + ')})`, `(${odd.join(' + ')})`];
}

/** The residual kernel of a regression layout: `offset` (t + 1 entries) slices `inputs`; `column[t]` is t's target feature. */
export function residualKernel(offset: Int32Array, inputs: Int32Array, column: Int32Array): ResidualKernel {
  checkShape(offset.length, inputs.length, column.length);
  const lines: string[] = [];
  for (let t = 0; t < column.length; t++) {
    const terms: Array<[string, string]> = [];
    for (let i = offset[t]!; i < offset[t + 1]!; i++) terms.push([`w[${i}]`, `v[${inputs[i]!}]`]);
    const [even, odd] = pairedSums('0', terms);
    lines.push(`z[${t}] = (v[${column[t]!}] - ${even} - ${odd}) / scale[${t}];`);
  }
  return new Function('v', 'w', 'scale', 'z', lines.join('\n')) as ResidualKernel;
}

/** The channel kernel of a regression layout: `base[t]` is t's first channel, `windows` running averages follow it. */
export function regressionChannelKernel(base: Int32Array, windows: number): RegressionChannelKernel {
  checkShape(base.length, windows);
  const lines: string[] = ['let v = 0;'];
  for (let t = 0; t < base.length; t++) {
    const b = base[t]!;
    lines.push(`v = Math.abs(z[${t}]) / div[${b}]; if (v > channels[${b}]) channels[${b}] = v;`);
    for (let s = 0; s < windows; s++) {
      const i = t * windows + s;
      const c = b + 1 + s;
      lines.push(`v = Math.abs(avg[${i}]) / sustainedScale[${i}] / div[${c}]; if (v > channels[${c}]) channels[${c}] = v;`);
    }
  }
  return new Function('z', 'avg', 'sustainedScale', 'div', 'channels', lines.join('\n')) as RegressionChannelKernel;
}

/** The reconstruction kernel of an autoencoder with `n` inputs and `m` hidden units (weights row-major as in Autoencoder). */
export function reconstructKernel(n: number, m: number): ReconstructKernel {
  checkShape(n, m);
  const lines: string[] = [];
  for (let i = 0; i < m; i++) {
    const terms = Array.from({ length: n }, (_, k) => [`w1[${i * n + k}]`, `x[${k}]`] as const);
    const [even, odd] = pairedSums(`b1[${i}]`, terms);
    lines.push(`const h${i} = 1 / (1 + Math.exp(-(${even} + ${odd}))); h[${i}] = h${i};`);
  }
  lines.push('let e = 0; let ss = 0;');
  for (let k = 0; k < n; k++) {
    const terms = Array.from({ length: m }, (_, i) => [`w2[${k * m + i}]`, `h${i}`] as const);
    const [even, odd] = pairedSums(`b2[${k}]`, terms);
    lines.push(`e = ${even} + ${odd} - x[${k}]; error[${k}] = e; ss += e * e;`);
  }
  lines.push(`return Math.sqrt(ss / ${n});`);
  return new Function('x', 'w1', 'b1', 'w2', 'b2', 'h', 'error', lines.join('\n')) as ReconstructKernel;
}

/** The squared-prediction-error kernel for `d` features and `k` kept components. */
export function speKernel(d: number, k: number): SpeKernel {
  checkShape(d, k);
  const lines: string[] = [];
  for (let a = 0; a < d; a++) lines.push(`const v${a} = v[${a}];`);
  lines.push(`let total = ${['0', ...Array.from({ length: d }, (_, a) => `v${a} * v${a}`)].join(' + ')};`);
  for (let c = 0; c < k; c++) {
    const terms = Array.from({ length: d }, (_, a) => [`comp[${c * d + a}]`, `v${a}`] as const);
    const [even, odd] = pairedSums('0', terms);
    lines.push(`{ const p = ${even} + ${odd}; total -= p * p; }`);
  }
  lines.push('return total;');
  return new Function('v', 'comp', lines.join('\n')) as SpeKernel;
}

const reconstructCache = new Map<string, ReconstructKernel>();
const speCache = new Map<string, SpeKernel>();

/** The reconstruction kernel for a shape, generated once per process. */
export function cachedReconstructKernel(n: number, m: number): ReconstructKernel {
  const key = `${n}x${m}`;
  let kernel = reconstructCache.get(key);
  if (kernel === undefined) reconstructCache.set(key, (kernel = reconstructKernel(n, m)));
  return kernel;
}

/** The SPE kernel for a shape, generated once per process. */
export function cachedSpeKernel(d: number, k: number): SpeKernel {
  const key = `${d}x${k}`;
  let kernel = speCache.get(key);
  if (kernel === undefined) speCache.set(key, (kernel = speKernel(d, k)));
  return kernel;
}

const residualCache = new Map<string, ResidualKernel>();
const channelCache = new Map<string, RegressionChannelKernel>();
/** Layouts kept per process; a detector restored again and again (a worker moving partitions) reuses its compiled kernels. */
const LAYOUT_CACHE_LIMIT = 256;

function cached<K>(cache: Map<string, K>, key: string, make: () => K): K {
  let kernel = cache.get(key);
  if (kernel === undefined) {
    if (cache.size >= LAYOUT_CACHE_LIMIT) cache.clear();
    cache.set(key, (kernel = make()));
  }
  return kernel;
}

/** The residual kernel for a regression layout, generated once per layout. */
export function cachedResidualKernel(offset: Int32Array, inputs: Int32Array, column: Int32Array): ResidualKernel {
  return cached(residualCache, `${offset.join(',')}|${inputs.join(',')}|${column.join(',')}`, () => residualKernel(offset, inputs, column));
}

/** The channel kernel for a regression layout, generated once per layout. */
export function cachedRegressionChannelKernel(base: Int32Array, windows: number): RegressionChannelKernel {
  return cached(channelCache, `${base.join(',')}|${windows}`, () => regressionChannelKernel(base, windows));
}
