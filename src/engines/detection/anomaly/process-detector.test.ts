import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { ProcessDetector } from './process-detector.js';
import { simulateTank, TANK_COLUMNS, type TankAttack, type TankSeries } from './test-fixtures/tank-process.js';

const DAY = 24;
const LEARN = 60 * DAY;
const BASELINE = 30 * DAY;
const ATTACK_AT = LEARN + BASELINE + 5 * DAY;

function detector(): ProcessDetector {
  return new ProcessDetector({ signals: [...TANK_COLUMNS], learningSamples: LEARN, baselineSamples: BASELINE });
}

/** Feeds a whole simulated series; returns per-row observations from the detecting phase on. */
function feed(d: ProcessDetector, s: TankSeries, from = 0) {
  const out = [];
  for (let i = from; i < s.rows.length; i++) out.push({ i, label: s.labels[i]!, ...d.observe(s.rows[i]!, s.times[i]) });
  return out.filter((o) => o.phase === 'detecting');
}

function series(attack?: TankAttack): TankSeries {
  return simulateTank(ATTACK_AT + 20 * DAY, 11, attack);
}

describe('ProcessDetector lifecycle', () => {
  it('learns, then calibrates, then detects, raising nothing before', () => {
    const d = detector();
    const s = series();
    const phases = s.rows.map((r, i) => d.observe(r, s.times[i]));
    expect(phases[LEARN - 1]!.phase).toBe('learning');
    expect(phases[LEARN]!.phase).toBe('baseline');
    expect(phases[LEARN + BASELINE]!.phase).toBe('detecting');
    expect(phases.slice(0, LEARN + BASELINE).every((o) => !o.alarm && Number.isNaN(o.score))).toBe(true);
    expect(d.stats).toMatchObject({ learned: LEARN, baselined: BASELINE, scored: s.rows.length - LEARN - BASELINE });
    d.relearn();
    expect(d.phase).toBe('learning');
    expect(d.stats.scored).toBe(s.rows.length - LEARN - BASELINE);
  });

  it('re-learns with new settings for the same signals, and refuses other signals', () => {
    const d = detector();
    d.relearn({ signals: [...TANK_COLUMNS], learningSamples: LEARN, baselineSamples: BASELINE, falseAlarmBudget: 0.02 });
    expect(d.config.falseAlarmBudget).toBe(0.02);
    expect(() => d.relearn({ signals: ['L_T1', 'S_PU1'], learningSamples: LEARN, baselineSamples: BASELINE })).toThrow(/CG_ANOMALY_CONFIG_INVALID|cannot change the signals/);
    expect(d.config.signals).toEqual([...TANK_COLUMNS]);
  });

  it('rejects samples of the wrong width or with non-finite values, counting them', () => {
    const d = detector();
    expect(d.observe([1, 2, 3]).accepted).toBe(false);
    expect(d.observe([1, 2, Number.NaN, 4, 5, 6]).accepted).toBe(false);
    expect(d.observeRecord({ L_T1: 3, F_PU1: 40, S_PU1: true, F_PU2: 0, S_PU2: false, P_J1: 22 }).accepted).toBe(true);
    expect(d.observeRecord({ L_T1: 3 }).accepted).toBe(false);
    expect(d.stats).toMatchObject({ rejected: 3, learned: 1 });
  });

  it('refuses configurations it cannot run', () => {
    const bad = [
      { signals: [], learningSamples: 100, baselineSamples: 100 },
      { signals: ['a', 'a'], learningSamples: 100, baselineSamples: 100 },
      { signals: ['a'], learningSamples: 10, baselineSamples: 100 },
      { signals: ['a'], learningSamples: 100, baselineSamples: 100, falseAlarmBudget: 2 },
    ];
    for (const config of bad) expect(() => new ProcessDetector(config)).toThrow(expect.objectContaining({ code: 'CG_ANOMALY_CONFIG_INVALID' }));
  });
});

describe('ProcessDetector detection', () => {
  it('keeps false alarms on normal operation rare', () => {
    const rows = feed(detector(), series());
    expect(rows.filter((o) => o.alarm).length / rows.length).toBeLessThan(0.1);
  });

  it('raises one alert soon after a pump is forced off, naming the process in words', () => {
    const attack: TankAttack = { kind: 'pump-off', start: ATTACK_AT, end: ATTACK_AT + 60 };
    const rows = feed(detector(), series(attack));
    const during = rows.filter((o) => o.label === 1);
    const first = during.findIndex((o) => o.alarm);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(12);
    expect(during.filter((o) => o.opened).length + (during[0]!.alarm && !during[0]!.opened ? 1 : 0)).toBe(1);
    const opening = rows.find((o) => o.opened && o.i >= ATTACK_AT)!;
    expect(opening.departures.length).toBeGreaterThan(0);
    expect(opening.departures.map((d) => d.text).join(' ')).toMatch(/pump PU1|tank T1/);
  });

  it('says a frozen level reads steady while the pump that should move it runs', () => {
    const attack: TankAttack = { kind: 'freeze', start: ATTACK_AT, end: ATTACK_AT + 60 };
    const d = detector();
    const s = series(attack);
    const texts: string[] = [];
    s.rows.forEach((r, i) => {
      const o = d.observe(r, s.times[i]);
      if (o.alarm && s.labels[i] === 1) texts.push(...d.explain(10).map((x) => x.text));
    });
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.some((t) => /^tank T1 level reads steady at [\d.]+ m for \d+ samples while pump PU1 runs: the reading may be frozen or replayed$/.test(t))).toBe(true);
  });
});

describe('ProcessDetector snapshots', () => {
  it('continues identically after a JSON round trip, in every phase', () => {
    const s = series({ kind: 'offset', start: ATTACK_AT, end: ATTACK_AT + 48, offsetM: 0.8 });
    for (const cut of [LEARN / 2, LEARN + BASELINE / 2, ATTACK_AT + 10]) {
      const original = detector();
      s.rows.slice(0, cut).forEach((r, i) => original.observe(r, s.times[i]));
      const copy = ProcessDetector.restore(JSON.parse(JSON.stringify(original.snapshot())));
      expect(copy.phase).toBe(original.phase);
      const a = feed(original, s, cut).map((o) => [o.score, o.alarm, o.opened]);
      const b = feed(copy, s, cut).map((o) => [o.score, o.alarm, o.opened]);
      expect(b).toEqual(a);
    }
  });

  it('refuses a damaged snapshot', () => {
    const d = detector();
    const s = series();
    s.rows.slice(0, LEARN + BASELINE + 1).forEach((r, i) => d.observe(r, s.times[i]));
    const snap = JSON.parse(JSON.stringify(d.snapshot()));
    for (const damaged of [null, { ...snap, format: 'other/1' }, { ...snap, models: [] }, { ...snap, frame: null }, { ...snap, models: [{ name: 'nope', divisors: [], params: {} }] }]) {
      let error: unknown;
      try {
        ProcessDetector.restore(damaged);
      } catch (err) {
        error = err;
      }
      expect(isCityguardError(error, 'CG_ANOMALY_SNAPSHOT_INVALID')).toBe(true);
    }
  });
});
