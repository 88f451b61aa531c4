import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplayWindow } from './replay-window.js';

describe('ReplayWindow', () => {
  it('accepts each number once, in any order within the window', () => {
    const w = new ReplayWindow(64);
    for (const seq of [5, 3, 9, 4, 70]) {
      expect(w.check(seq)).toBe('fresh');
      w.accept(seq);
      expect(w.check(seq)).toBe('duplicate');
    }
    expect(w.check(6)).toBe('too-old');
    expect(w.check(69)).toBe('fresh');
  });

  it('agrees with a set of seen numbers for random arrival orders', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 300 }), (arrivals) => {
        const w = new ReplayWindow(64);
        const seen = new Set<number>();
        let highest = -1;
        for (const seq of arrivals) {
          const expected = seq <= highest && highest - seq >= 64 ? 'too-old' : seen.has(seq) ? 'duplicate' : 'fresh';
          expect(w.check(seq)).toBe(expected);
          if (expected === 'fresh') {
            w.accept(seq);
            seen.add(seq);
            highest = Math.max(highest, seq);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
