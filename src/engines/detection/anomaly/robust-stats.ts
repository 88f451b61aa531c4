// Order statistics and robust scales on Float64Array, used by every model's fit and calibration step.
// All functions copy before sorting: callers keep their arrays in time order.

/** The q-quantile (0 ≤ q ≤ 1) of `values` by linear interpolation; NaN for an empty array. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const pos = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Median of `values`. */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Mean of `values`; 0 for an empty array. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length === 0 ? 0 : sum / values.length;
}

/** Population standard deviation of `values`. */
export function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i]! - m) ** 2;
  return values.length === 0 ? 0 : Math.sqrt(ss / values.length);
}

/** Root mean square of `values` (a scale for residuals centred on zero by construction). */
export function rms(values: ArrayLike<number>): number {
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += values[i]! ** 2;
  return values.length === 0 ? 0 : Math.sqrt(ss / values.length);
}

/**
 * A scale that tolerates outliers but never collapses to zero on a signal that is mostly constant:
 * the larger of 1.4826·MAD and half the standard deviation, floored at `floor`.
 */
export function robustScale(values: ArrayLike<number>, floor: number): number {
  const m = median(values);
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i]! - m);
  const mad = 1.4826 * median(dev);
  return Math.max(Number.isFinite(mad) ? mad : 0, 0.5 * std(values), floor);
}

/** Extracts column `j` of row-major samples into a new array. */
export function column(rows: readonly Float64Array[], j: number): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = rows[i]![j]!;
  return out;
}

/** Smallest value; Infinity for an empty array. */
export function minOf(values: ArrayLike<number>): number {
  let best = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! < best) best = values[i]!;
  return best;
}

/** Largest value; −Infinity for an empty array. */
export function maxOf(values: ArrayLike<number>): number {
  let best = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > best) best = values[i]!;
  return best;
}
