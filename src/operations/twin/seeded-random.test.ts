import { describe, expect, it } from 'vitest';
import { hashString, SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('repeats its stream for the same seed, numeric or text, and differs for another', () => {
    const take = (r: SeededRandom) => Array.from({ length: 100 }, () => r.next());
    expect(take(new SeededRandom(7))).toEqual(take(new SeededRandom(7)));
    expect(take(new SeededRandom('city'))).toEqual(take(new SeededRandom('city')));
    expect(take(new SeededRandom(7))).not.toEqual(take(new SeededRandom(8)));
  });

  it('stays in [0, 1) with a mean near one half', () => {
    const r = new SeededRandom(1);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('draws Poisson counts with the asked mean, small and large', () => {
    const r = new SeededRandom(3);
    for (const lambda of [0.2, 4, 120]) {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += r.poisson(lambda);
      expect(sum / 20_000 / lambda).toBeCloseTo(1, 1);
    }
    expect(r.poisson(0)).toBe(0);
  });

  it('hashes text to a stable 32-bit value (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});
