import { describe, expect, it } from 'vitest';
import { bestF1, f1Of, rocAuc } from '../../bench/detect-network/metrics.js';

describe('benchmark metrics', () => {
  it('gives ROC-AUC 1 for perfect separation, 0.5 for all ties and 0 for inverted scores', () => {
    expect(rocAuc([0.1, 0.2, 0.9, 0.8], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.9, 0.8, 0.1, 0.2], [0, 0, 1, 1])).toBe(0);
  });

  it('computes F1 of alert flags and the best F1 over thresholds', () => {
    expect(f1Of([true, true, false, false], [1, 0, 1, 0])).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(bestF1([0.9, 0.8, 0.7, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(bestF1([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0])).toBeCloseTo(0.8, 10);
  });
});
