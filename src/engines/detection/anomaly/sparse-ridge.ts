// Sparse ridge regressions that share one Gram matrix: fit on all allowed columns, keep the
// strongest inputs, refit on those. Fewer inputs score faster and name clearer drivers.
import { solveSpd } from './linear-solve.js';

/** A fitted sparse linear predictor: ŷ = Σ weight[k] · v[input[k]] (the intercept is one of the inputs). */
export interface SparseLinear {
  input: number[];
  weight: number[];
}

/**
 * Ridge-regresses column `target` of the d×d Gram matrix on the `allowed` columns, then keeps the
 * `keep` inputs with the largest |weight| (plus `always`, e.g. the intercept) and refits on them.
 * `lambda` penalises every input but those in `always`.
 */
export function fitSparseRidge(gram: Float64Array, d: number, target: number, allowed: readonly number[], keep: number, lambda: number, always: readonly number[]): SparseLinear {
  const full = ridge(gram, d, target, allowed, lambda, always);
  const ranked = allowed.filter((c) => !always.includes(c)).sort((a, b) => Math.abs(full.get(b)!) - Math.abs(full.get(a)!));
  const chosen = [...ranked.slice(0, keep), ...always.filter((c) => allowed.includes(c))].sort((a, b) => a - b);
  const refit = ridge(gram, d, target, chosen, lambda, always);
  return { input: chosen, weight: chosen.map((c) => refit.get(c)!) };
}

function ridge(gram: Float64Array, d: number, target: number, cols: readonly number[], lambda: number, always: readonly number[]): Map<number, number> {
  const m = cols.length;
  const a = new Float64Array(m * m);
  const b = new Float64Array(m);
  cols.forEach((ci, i) => {
    b[i] = gram[ci * d + target]!;
    cols.forEach((cj, j) => (a[i * m + j] = gram[ci * d + cj]!));
    if (!always.includes(ci)) a[i * m + i]! += lambda;
  });
  const w = solveSpd(a, b, m);
  return new Map(cols.map((c, i) => [c, w[i]!]));
}

/** Mean squared residual of `fit` over the n rows summarised by the Gram matrix (target column `target`). */
export function meanSquaredResidual(gram: Float64Array, d: number, target: number, fit: SparseLinear, n: number): number {
  let rss = gram[target * d + target]!;
  fit.input.forEach((a, i) => {
    rss -= 2 * fit.weight[i]! * gram[a * d + target]!;
    fit.input.forEach((b, j) => (rss += fit.weight[i]! * fit.weight[j]! * gram[a * d + b]!));
  });
  return Math.max(rss, 0) / Math.max(n, 1);
}
