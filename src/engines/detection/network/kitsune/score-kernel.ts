// Scoring kernels: for each autoencoder shape (inputs × hidden) a straight-line function is
// generated once, with every loop unrolled and every weight index a constant, so V8 keeps the
// activations in registers. Scoring runs for every packet and is the detector's largest cost;
// this makes it about 1.5× faster than the looped code. The source holds numbers only (shape and
// indexes), never data from traffic. Training keeps the looped code in Autoencoder.

/** Computes the reconstruction RMSE of one sample: gathers `source[index[i]]`, scales, encodes, decodes. */
export type ScoreKernel = (
  source: Float64Array,
  index: Int32Array,
  min: Float64Array,
  scale: Float64Array,
  w: Float64Array,
  hBias: Float64Array,
  vBias: Float64Array,
) => number;

const cache = new Map<string, ScoreKernel>();

/** The kernel for `inputs` inputs and `hidden` hidden units (weights row-major, inputs × hidden). */
export function scoreKernel(inputs: number, hidden: number): ScoreKernel {
  const key = `${inputs}x${hidden}`;
  let kernel = cache.get(key);
  if (!kernel) {
    kernel = compile(inputs, hidden);
    cache.set(key, kernel);
  }
  return kernel;
}

function compile(n: number, h: number): ScoreKernel {
  if (!Number.isInteger(n) || !Number.isInteger(h) || n < 1 || h < 1 || n > 4096 || h > 4096) throw new RangeError(`bad autoencoder shape ${n}×${h}`);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`const x${i} = (source[index[${i}]] - min[${i}]) * scale[${i}];`);
  for (let j = 0; j < h; j++) {
    const sum = Array.from({ length: n }, (_, i) => `x${i} * w[${i * h + j}]`).join(' + ');
    lines.push(`const y${j} = 1 / (1 + Math.exp(-(hBias[${j}] + ${sum})));`);
  }
  lines.push('let e = 0, sq = 0;');
  for (let i = 0; i < n; i++) {
    const sum = Array.from({ length: h }, (_, j) => `y${j} * w[${i * h + j}]`).join(' + ');
    lines.push(`e = x${i} - 1 / (1 + Math.exp(-(vBias[${i}] + ${sum}))); sq += e * e;`);
  }
  lines.push(`return Math.sqrt(sq / ${n});`);
  return new Function('source', 'index', 'min', 'scale', 'w', 'hBias', 'vBias', lines.join('\n')) as ScoreKernel;
}
