import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { solveSpd } from './linear-solve.js';
import { fitSparseRidge, meanSquaredResidual } from './sparse-ridge.js';

test.prop([fc.integer({ min: 1, max: 8 }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 64, maxLength: 64 })])(
  'solveSpd solves A·x = b for A = MᵀM + I',
  (d, values) => {
    { const m = values.slice(0, d * d);
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < d; k++) s += m[k * d + i]! * m[k * d + j]!;
      a[i * d + j] = s;
    }
    const b = Float64Array.from(values.slice(0, d));
    const x = solveSpd(a, b, d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += a[i * d + j]! * x[j]!;
      expect(s).toBeCloseTo(b[i]!, 6);
    } }
  },
);

test('fitSparseRidge keeps the inputs that matter and recovers their weights', () => {
  // Columns: 0..4 inputs, 5 target = 2·x0 − 3·x3 (+ tiny noise), 6 intercept.
  const d = 7;
  const gram = new Float64Array(d * d);
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const n = 2000;
  for (let r = 0; r < n; r++) {
    const v = [rand(), rand(), rand(), rand(), rand(), 0, 1];
    v[5] = 2 * v[0]! - 3 * v[3]! + 0.001 * rand();
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) gram[a * d + b]! += v[a]! * v[b]!;
  }
  const fit = fitSparseRidge(gram, d, 5, [0, 1, 2, 3, 4, 6], 2, 1e-6, [6]);
  expect(fit.input).toEqual([0, 3, 6]);
  expect(fit.weight[0]).toBeCloseTo(2, 2);
  expect(fit.weight[1]).toBeCloseTo(-3, 2);
  expect(meanSquaredResidual(gram, d, 5, fit, n)).toBeLessThan(1e-5);
});
