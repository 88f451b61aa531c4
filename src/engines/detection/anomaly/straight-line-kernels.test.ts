import { describe, expect, it } from 'vitest';
import { Autoencoder, seededRandom } from './autoencoder.js';
import { regressionChannelKernel, residualKernel, speKernel } from './straight-line-kernels.js';

const random = seededRandom(7);
const vector = (n: number) => Float64Array.from({ length: n }, () => (random() * 2 - 1) * 3);

/** The looped dot product with two accumulators, as the models computed it before the kernels. */
function pairedDot(first: number, w: ArrayLike<number>, wAt: (i: number) => number, x: (i: number) => number, n: number): number {
  let a0 = first;
  let a1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    a0 += w[wAt(i)]! * x(i);
    a1 += w[wAt(i + 1)]! * x(i + 1);
  }
  if (i < n) a0 += w[wAt(i)]! * x(i);
  return a0 + a1;
}

describe('straight-line kernels', () => {
  it('reconstruct exactly as the looped autoencoder does, for odd and even shapes', () => {
    for (const [n, m] of [[1, 1], [2, 1], [5, 4], [10, 8], [7, 6]] as const) {
      const ae = Autoencoder.create(n, m, random);
      for (let s = 0; s < 20; s++) {
        const x = vector(n);
        const looped = ae.reconstruct(x);
        const errors = Float64Array.from(ae.error);
        expect(Object.is(ae.score(x), looped)).toBe(true);
        expect(Array.from(ae.error)).toEqual(Array.from(errors));
      }
    }
  });

  it('compute regression residuals bit for bit like the looped sums', () => {
    const offset = Int32Array.from([0, 3, 3, 8, 9]);
    const inputs = Int32Array.from([4, 0, 2, 1, 3, 5, 6, 0, 2]);
    const column = Int32Array.from([1, 6, 4, 5]);
    const kernel = residualKernel(offset, inputs, column);
    const w = vector(inputs.length);
    const scale = Float64Array.from([0.7, 1.3, 2, 0.01]);
    for (let s = 0; s < 50; s++) {
      const v = vector(7);
      const z = new Float64Array(4);
      kernel(v, w, scale, z);
      for (let t = 0; t < 4; t++) {
        // The looped code kept even and odd terms in two sums and subtracted them one after the other.
        let a0 = 0;
        let a1 = 0;
        for (let i = offset[t]!; i < offset[t + 1]!; i++) {
          const term = w[i]! * v[inputs[i]!]!;
          if ((i - offset[t]!) % 2 === 0) a0 += term;
          else a1 += term;
        }
        expect(Object.is(z[t], (v[column[t]!]! - a0 - a1) / scale[t]!)).toBe(true);
      }
    }
  });

  it('compute the squared distance off a subspace like the looped projection', () => {
    for (const [d, k] of [[1, 1], [6, 2], [9, 4], [32, 14]] as const) {
      const comp = vector(d * k);
      const kernel = speKernel(d, k);
      for (let s = 0; s < 20; s++) {
        const v = vector(d);
        let total = 0;
        for (let a = 0; a < d; a++) total += v[a]! * v[a]!;
        for (let c = 0; c < k; c++) {
          const p = pairedDot(0, comp, (a) => c * d + a, (a) => v[a]!, d);
          total -= p * p;
        }
        expect(Object.is(kernel(v, comp), total)).toBe(true);
      }
    }
  });

  it('keep each regression channel’s largest normalised value exactly as the looped maximum', () => {
    const base = Int32Array.from([0, 3, 0, 3, 3]);
    const kernel = regressionChannelKernel(base, 2);
    for (let s = 0; s < 20; s++) {
      const z = vector(5);
      const avg = vector(10);
      const scale = Float64Array.from(vector(10), (x) => Math.abs(x) + 0.1);
      const div = Float64Array.from(vector(6), (x) => Math.abs(x) + 0.5);
      const expected = new Float64Array(6);
      for (let t = 0; t < 5; t++) {
        const b = base[t]!;
        expected[b] = Math.max(expected[b]!, Math.abs(z[t]!) / div[b]!);
        for (let w = 0; w < 2; w++) expected[b + 1 + w] = Math.max(expected[b + 1 + w]!, Math.abs(avg[t * 2 + w]!) / scale[t * 2 + w]! / div[b + 1 + w]!);
      }
      const channels = new Float64Array(6);
      kernel(z, avg, scale, div, channels);
      expect(Array.from(channels)).toEqual(Array.from(expected));
    }
  });

  it('refuses shapes that are not small non-negative integers', () => {
    expect(() => speKernel(1.5, 1)).toThrow(RangeError);
    expect(() => speKernel(-1, 1)).toThrow(RangeError);
  });
});
