import { describe, expect, it } from 'vitest';
import { scoreDetections } from './detection-metrics.js';

describe('scoreDetections', () => {
  it('computes the BATADAL score from attack runs and the confusion matrix', () => {
    // Two attacks: rows 2–5 (detected at row 3, TTD 1 of 4) and rows 8–9 (missed, TTD 2 of 2).
    const labels = [0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0];
    const alarms = [0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    const m = scoreDetections(labels, alarms);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([2, 1, 5, 4]);
    expect(m.attacks.map((a) => [a.start, a.end, a.timeToDetectRows, a.detected])).toEqual([
      [2, 5, 1, true],
      [8, 9, 2, false],
    ]);
    expect(m.sTtd).toBeCloseTo(1 - (1 / 4 + 2 / 2) / 2);
    expect(m.tpr).toBeCloseTo(2 / 6);
    expect(m.tnr).toBeCloseTo(5 / 6);
    expect(m.s).toBeCloseTo(0.5 * m.sTtd + 0.5 * ((2 / 6 + 5 / 6) / 2));
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo((2 * (2 / 3) * (2 / 6)) / (2 / 3 + 2 / 6));
  });

  it('skips unlabelled rows in every count', () => {
    const m = scoreDetections([-1, -1, 0, 1], [1, 1, 0, 1]);
    expect(m.unlabelledRows).toBe(2);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([1, 0, 1, 0]);
    expect(m.s).toBe(1);
  });
});
