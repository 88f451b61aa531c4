import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { ControlRules, fitControlRules, type ControlRule, type ControlRuleParams } from './control-rules.js';
import { FeatureFrame } from './feature-frame.js';
import { ProcessDetector } from './process-detector.js';
import type { SignalInfo } from './signal-catalog.js';
import { simulateTank, TANK_COLUMNS, type TankAttack } from './test-fixtures/tank-process.js';

const DAY = 24;
const LEARN = 60 * DAY;
const BASELINE = 30 * DAY;
const ATTACK_AT = LEARN + BASELINE + 5 * DAY;

/** The fixture tank's own control logic (tank-process.ts): PU1 between 2.5 and 4.5 m, PU2 between 1.2 and 3.2 m. */
const rule = (status: string, state: 0 | 1, when: 'below' | 'above', threshold: number): ControlRule => ({
  status,
  state,
  reading: 'L_T1',
  when,
  threshold,
  source: `plc.inp ${status} ${when} ${threshold}`,
});
const TANK_RULES = [rule('S_PU1', 1, 'below', 2.5), rule('S_PU1', 0, 'above', 4.5), rule('S_PU2', 1, 'below', 1.2), rule('S_PU2', 0, 'above', 3.2)];

/** Learns and calibrates on normal operation, then scores 15 more days; per scored row, whether any rule was broken. */
function run(controls: readonly ControlRule[]) {
  const d = new ProcessDetector({ signals: [...TANK_COLUMNS], learningSamples: LEARN, baselineSamples: BASELINE, controls, resolution: { L_T1: 0.001 } });
  const s = simulateTank(ATTACK_AT + 10 * DAY, 11);
  const broken = s.rows.flatMap((r, i) => (d.observe(r, s.times[i]).phase === 'detecting' ? [d.explain(100).some((x) => x.kind === 'rule-broken')] : []));
  return { d, broken };
}

describe('control rules', () => {
  it('keep rules the learning data obeys and raise nothing on normal operation', () => {
    const { d, broken } = run(TANK_RULES);
    expect(d.config.controls.map((r) => r.source)).toEqual(TANK_RULES.map((r) => r.source));
    expect(d.controlRulesSetAside).toEqual([]);
    expect(broken).toHaveLength(15 * DAY);
    expect(broken.filter(Boolean)).toEqual([]);
  });

  it('alarm from the second hour a pump stays off below its start level, naming the rule and its source, also after a snapshot', () => {
    // The attacker holds PU1 off; the tank drains below 2.5 m, where PU1 must run.
    const attack: TankAttack = { kind: 'pump-off', start: ATTACK_AT, end: ATTACK_AT + 48 };
    const s = simulateTank(ATTACK_AT + 10 * DAY, 11, attack);
    const trained = new ProcessDetector({ signals: [...TANK_COLUMNS], learningSamples: LEARN, baselineSamples: BASELINE, controls: TANK_RULES, resolution: { L_T1: 0.001 } });
    for (let i = 0; i < LEARN + BASELINE; i++) trained.observe(s.rows[i]!, s.times[i]);
    const restored = ProcessDetector.restore(JSON.parse(JSON.stringify(trained.snapshot())));
    const past = (i: number) => s.rows[i]![0]! < 2.5 - 0.001;
    for (const d of [trained, restored]) {
      let text = '';
      for (let i = LEARN + BASELINE; i < s.rows.length; i++) {
        const o = d.observe(s.rows[i]!, s.times[i]);
        if (i < ATTACK_AT || !past(i) || !past(i - 1)) continue;
        expect(o.alarm).toBe(true);
        text = d.explain().map((x) => x.text).join('\n');
        break;
      }
      expect(text).toMatch(/pump PU1 is off while tank T1 level reads \d\.\d\d m, below the 2\.50 m at which its control keeps it running \(plc\.inp S_PU1 below 2\.5\): the control settings were changed/);
      expect(d.explain().find((x) => x.kind === 'rule-broken')).toMatchObject({ signal: 'S_PU1', observed: 0, expected: 1 });
    }
  });

  it('need the reading past the threshold on two samples in a row, and never fire on the first sample of a stretch', () => {
    const params: ControlRuleParams = { status: [0], state: [1], reading: [1], below: [true], threshold: [2.5], margin: [0.01], source: ['r'], setAside: [] };
    const rules = new ControlRules(params);
    const frame = new FeatureFrame(2);
    const broken = (level: number) => {
      frame.push([0, level]);
      return rules.broken(0, frame);
    };
    expect(broken(2.0)).toBe(false); // first sample: no predecessor
    expect(broken(2.0)).toBe(true);
    expect(broken(2.495)).toBe(false); // within the margin of the threshold
    expect(broken(2.4)).toBe(false); // one sample past it so far
    expect(broken(2.4)).toBe(true);
    frame.push([1, 2.4]);
    expect(rules.broken(0, frame)).toBe(false); // the pump runs, as its rule requires
  });

  it('judge a reading past the threshold only beyond its smallest meaningful change, so a level a hair under it is not a contradiction', () => {
    const info = (name: string, kind: 'binary' | 'continuous'): SignalInfo => ({ name, label: name, asset: name, unit: '', role: 'other', kind, constant: false, idle: false, modeShare: 0 });
    // Pump off while the level sits at 2.999 m against a 3 m start level, then running once it is clearly below.
    const levels = [3.5, 3.2, 2.999, 2.999, 2.999, 2.9, 2.8, 3.4];
    const pump = [0, 0, 0, 0, 0, 1, 1, 1];
    const set = { signals: [info('pump', 'binary'), info('level', 'continuous')], rows: levels.map((l, i) => Float64Array.of(pump[i]!, l)), times: new Float64Array(levels.length).fill(Number.NaN) };
    const rule: ControlRule = { status: 'pump', state: 1, reading: 'level', when: 'below', threshold: 3, source: 'start level' };
    expect(fitControlRules({ ...set, tolerance: Float64Array.of(0, 0.003) }, [rule], [0, 0]).p.setAside).toEqual([]);
    expect(fitControlRules({ ...set, tolerance: Float64Array.of(0, 0) }, [rule], [0, 0]).p.setAside).toEqual([{ source: 'start level', applied: 4, contradicted: 2 }]);
    // The same for a stop level: still running at 4.501 m against 4.5 m is not yet a contradiction.
    const high = { ...set, rows: levels.map((l, i) => Float64Array.of(1 - pump[i]!, 7.5 - l)) };
    const stop: ControlRule = { status: 'pump', state: 0, reading: 'level', when: 'above', threshold: 4.5, source: 'stop level' };
    expect(fitControlRules({ ...high, tolerance: Float64Array.of(0, 0.003) }, [stop], [0, 0]).p.setAside).toEqual([]);
    expect(fitControlRules({ ...high, tolerance: Float64Array.of(0, 0) }, [stop], [0, 0]).p.setAside).toEqual([{ source: 'stop level', applied: 4, contradicted: 2 }]);
  });

  it('set aside a rule the learning data contradicts, so a stale document raises no alarms', () => {
    // Written as if PU2 started below 3 m; in fact it starts below 1.2 m and is off most of the time above.
    const stale = rule('S_PU2', 1, 'below', 3);
    const { d, broken } = run([stale]);
    const aside = d.controlRulesSetAside;
    expect(aside).toHaveLength(1);
    expect(aside[0]!.source).toBe(stale.source);
    expect(aside[0]!.contradicted).toBeGreaterThan(0.01 * aside[0]!.applied);
    expect(broken.filter(Boolean)).toEqual([]);
  });

  it('are refused when they name signals the detector does not have, or are malformed', () => {
    const bad: ControlRule[] = [
      { ...TANK_RULES[0]!, status: 'S_PU9' },
      { ...TANK_RULES[0]!, reading: 'L_T9' },
      { ...TANK_RULES[0]!, threshold: Number.NaN },
      { ...TANK_RULES[0]!, state: 2 as 0 },
      { ...TANK_RULES[0]!, when: 'near' as 'below' },
    ];
    for (const r of bad) {
      let caught: unknown;
      try {
        new ProcessDetector({ signals: [...TANK_COLUMNS], learningSamples: 24, baselineSamples: 24, controls: [r] });
      } catch (err) {
        caught = err;
      }
      expect(isCityguardError(caught) && caught.code).toBe('CG_ANOMALY_CONFIG_INVALID');
      expect((caught as Error).message).toContain(`control rule ${r.source}`);
    }
  });
});
