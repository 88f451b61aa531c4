import { describe, expect, it } from 'vitest';
import { Autoencoder, seededRandom } from './autoencoder.js';
import { correlationClusters } from './correlation-clusters.js';

describe('Autoencoder', () => {
  it('learns to reproduce samples from a low-dimensional pattern better than chance, and not an off-pattern one', () => {
    const random = seededRandom(3);
    const sample = () => {
      const t = random() * 2 - 1;
      return Float64Array.from([t, -t, 0.5 * t, t * 0.8]);
    };
    const ae = Autoencoder.create(4, 3, random);
    const before = ae.reconstruct(sample());
    for (let i = 0; i < 20000; i++) ae.train(sample(), 0.05);
    const after = Array.from({ length: 50 }, () => ae.reconstruct(sample())).reduce((a, b) => a + b) / 50;
    expect(after).toBeLessThan(before / 4);
    expect(ae.reconstruct(Float64Array.from([1, 1, 1, -1]))).toBeGreaterThan(10 * after);
  });

  it('round-trips its weights', () => {
    const ae = Autoencoder.create(3, 2, seededRandom(1));
    const copy = new Autoencoder(JSON.parse(JSON.stringify(ae.toJSON())));
    const x = [0.3, -0.2, 0.9];
    expect(copy.reconstruct(x)).toBe(ae.reconstruct(x));
  });
});

describe('correlationClusters', () => {
  it('groups correlated columns and respects the size cap', () => {
    const random = seededRandom(5);
    const n = 500;
    const d = 6;
    const data = new Float64Array(n * d);
    for (let r = 0; r < n; r++) {
      const a = random();
      const b = random();
      // columns 0,1,2 follow a; 3,4 follow b; 5 is noise
      [a, 2 * a + 0.01 * random(), -a, b, b + 0.01 * random(), random()].forEach((v, j) => (data[r * d + j] = v));
    }
    const clusters = correlationClusters(data, n, d, 3);
    expect(clusters.map((c) => c.join(','))).toContain('0,1,2');
    expect(clusters.some((c) => c.includes(3) && c.includes(4))).toBe(true);
    expect(clusters.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(correlationClusters(data, n, d, 2).every((c) => c.length <= 2)).toBe(true);
  });
});
