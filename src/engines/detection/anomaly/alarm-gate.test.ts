import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { AlarmGate, alarmFraction, calibrateThreshold, type GateOptions } from './alarm-gate.js';

const OPTIONS: GateOptions = { openAfter: 2, window: 3, instantFactor: 2, holdFactor: 0.8, closeAfter: 3, rejoinWithin: 5 };

function run(scores: number[], options = OPTIONS): string {
  const gate = new AlarmGate(options, 1);
  return scores.map((s) => {
    const step = gate.step(s);
    return step.opened ? 'O' : step.resumed ? 'R' : step.closed ? 'C' : step.alarm ? 'a' : '.';
  }).join('');
}

describe('AlarmGate', () => {
  it('ignores one sample above the threshold but opens on two of three', () => {
    expect(run([1.5, 0, 0, 0])).toBe('....');
    expect(run([1.5, 0, 1.5, 0.9, 0, 0, 0])).toBe('..OaaaC');
  });

  it('opens at once on an overwhelming sample', () => {
    expect(run([2.5, 0, 0, 0])).toBe('OaaC');
  });

  it('stays open while evidence holds above the lower bar (hysteresis)', () => {
    expect(run([1.2, 1.2, 0.85, 0.85, 0.85, 0.5, 0.5, 0.5])).toBe('.OaaaaaC');
  });

  it('continues the same alert when an alarm reopens soon after closing, and raises a new one later', () => {
    const burst = [2.5, 0, 0, 0];
    expect(run([...burst, 0, 2.5, 0, 0, 0])).toBe('OaaC.RaaC');
    expect(run([...burst, 0, 0, 0, 0, 0, 0, 2.5])).toBe('OaaC......O');
  });

  it('keeps an alarm open only on the hold score when one is given', () => {
    const gate = new AlarmGate(OPTIONS, 1);
    gate.step(3, 3);
    const states = [5, 5, 5].map((s) => gate.step(s, 0).alarm);
    expect(states).toEqual([true, true, false]);
  });
});

describe('calibrateThreshold', () => {
  test.prop([fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 50, maxLength: 400 }), fc.constantFrom(0, 0.01, 0.05, 0.2)])(
    'keeps the alarm fraction of the calibration scores within the budget',
    (values, budget) => {
      const scores = Float64Array.from(values);
      const threshold = calibrateThreshold(scores, OPTIONS, budget, 1e-9);
      expect(alarmFraction(scores, OPTIONS, threshold)).toBeLessThanOrEqual(budget + 1e-12);
    },
  );

  it('never goes below the floor', () => {
    expect(calibrateThreshold(new Float64Array(100), OPTIONS, 0.01, 1)).toBe(1);
  });
});
