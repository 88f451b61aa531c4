// Dense symmetric positive-definite solves on row-major Float64Array matrices, for ridge fits.

/**
 * Solves A·x = b for a symmetric positive-definite D×D matrix A (row-major) by Cholesky
 * factorisation. A diagonal jitter is added and the factorisation retried if A is not numerically
 * positive definite, so a ridge system with a tiny penalty still solves.
 */
export function solveSpd(a: Float64Array, b: Float64Array, d: number): Float64Array {
  let jitter = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const l = cholesky(a, d, jitter);
    if (l !== null) return substitute(l, b, d);
    jitter = jitter === 0 ? 1e-10 * (trace(a, d) / d + 1) : jitter * 100;
  }
  return new Float64Array(d);
}

function trace(a: Float64Array, d: number): number {
  let t = 0;
  for (let i = 0; i < d; i++) t += a[i * d + i]!;
  return t;
}

function cholesky(a: Float64Array, d: number, jitter: number): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j]! + (i === j ? jitter : 0);
      for (let k = 0; k < j; k++) sum -= l[i * d + k]! * l[j * d + k]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / l[j * d + j]!;
      }
    }
  }
  return l;
}

function substitute(l: Float64Array, b: Float64Array, d: number): Float64Array {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * d + k]! * y[k]!;
    y[i] = sum / l[i * d + i]!;
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i]! * x[k]!;
    x[i] = sum / l[i * d + i]!;
  }
  return x;
}
