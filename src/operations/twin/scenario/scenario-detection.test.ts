// How a played scenario is judged: expected rules that alerted after their step count, the others
// are misses with a reason; alerts before the attack (or during looks-normal steps) are not detection.
import { describe, expect, it } from 'vitest';
import type { Alert, Incident, Scenario } from '../../../domain/index.js';
import { detectionReport } from './scenario-detection.js';
import type { StepRecord } from './scenario-runner.js';

const step = (id: string, extra: Partial<Scenario['steps'][number]> = {}): Scenario['steps'][number] => ({
  id,
  atS: 0,
  name: id,
  techniques: ['T0855'],
  action: { do: 'wipe', on: { ids: ['hmi-cc-1'] }, afterS: 60 },
  ...extra,
});

const scenario: Scenario = {
  id: 's',
  name: 's',
  description: 's',
  models: { incident: 'x', sources: ['y'] },
  expectedIncident: { stage: 'impair-process-control', severity: 'high' },
  steps: [
    step('normal', { looksNormal: true, techniques: [] }),
    step('a', { detectedBy: ['rule-a'] }),
    step('b', { detectedBy: ['rule-b', 'rule-c'] }),
    step('c', { detectedBy: ['rule-d'] }),
    step('d', { detectedBy: ['rule-e'] }),
  ],
};

const record = (stepId: string, firedMs: number | undefined, outcomes: Record<string, number>): StepRecord => ({
  stepId,
  name: stepId,
  techniques: scenario.steps.find((s) => s.id === stepId)!.techniques,
  plannedMs: firedMs ?? 9_000,
  ...(firedMs !== undefined ? { firedMs } : {}),
  targets: firedMs !== undefined ? ['hmi-cc-1'] : [],
  outcomes,
});

const alert = (id: string, ruleId: string, ts: number, severity: Alert['severity'] = 'high', facts: Record<string, string> = {}) =>
  ({ id, ts, severity, detector: { kind: 'rule', id: ruleId }, assetIds: ['hmi-cc-1'], evidence: { eventIds: [], facts } }) as unknown as Alert;

const timeline = [
  record('normal', 0, { ok: 1 }),
  record('a', 1_000, { ok: 1 }),
  record('b', 2_000, { ok: 1 }),
  record('c', 3_000, { blocked: 2 }),
  record('d', undefined, {}),
];
const ruleIds = new Set(['rule-a', 'rule-b', 'rule-d', 'rule-e', 'noise']);

describe('detectionReport', () => {
  it('credits expected rules that alerted after their step and explains every miss', () => {
    const alerts = [alert('x0', 'noise', 500), alert('x1', 'rule-a', 1_500), alert('x2', 'rule-b', 2_500)];
    const incident = { id: 'inc-1', stage: 'impair-process-control', severity: 'critical', alertIds: ['x1', 'x2'] } as unknown as Incident;
    const r = detectionReport({ scenario, timeline, alerts, incidents: [incident], ruleIds });
    expect(r.detected).toBe(true);
    expect(r.attackStartMs).toBe(1_000);
    expect(r.timeToDetectS).toBe(0.5);
    expect(r.alertsByRule).toEqual({ 'rule-a': 1, 'rule-b': 1 });
    expect(r.steps.map((s) => s.detectedBy)).toEqual([[], ['rule-a'], ['rule-b'], [], []]);
    expect(r.missed).toEqual([
      'step b (T0855): rule rule-c — rule not loaded',
      'step c (T0855): rule rule-d — step blocked by response',
      'step d (T0855): rule rule-e — step did not run',
    ]);
    expect(r.incident).toEqual({ id: 'inc-1', stage: 'impair-process-control', severity: 'critical', alertCount: 2, asExpected: true });
  });

  it('does not count an alert that came before its step, nor one from a rule nobody expects', () => {
    const alerts = [alert('y1', 'rule-b', 1_200), alert('y2', 'noise', 5_000)];
    const r = detectionReport({ scenario, timeline, alerts, incidents: [], ruleIds });
    expect(r.detected).toBe(true); // rule-b is expected somewhere, and fired after the attack began
    expect(r.steps[2]!.missed).toEqual([
      { ruleId: 'rule-b', why: 'no alert after the step' },
      { ruleId: 'rule-c', why: 'rule not loaded' },
    ]);
    const onlyNoise = detectionReport({ scenario, timeline, alerts: [alerts[1]!], incidents: [], ruleIds });
    expect(onlyNoise.detected).toBe(false);
    expect(onlyNoise.incident).toBeUndefined();
  });

  it('counts only alerts that belong to the attack: its accounts, addresses and hosts, or its assets when an alert names nobody', () => {
    const acted: StepRecord = {
      ...record('a', 1_000, { success: 1 }),
      targets: ['vpn-gw'],
      footprint: { assets: ['vpn-gw'], addresses: ['203.0.113.45', '10.99.0.23'], hosts: ['rv-vpn'], users: ['a.bauer'] },
    };
    const onVpn = (id: string, ts: number, facts: Record<string, string>) => ({ ...alert(id, 'rule-a', ts, 'low', facts), assetIds: ['vpn-gw'] }) as Alert;
    const staff = onVpn('s1', 1_100, { user: 'k.weber', srcIp: '198.51.100.14' });
    const r = detectionReport({ scenario, timeline: [acted], alerts: [staff], incidents: [], ruleIds });
    expect(r.detected).toBe(false); // the same rule, on the same gateway, about an ordinary staff login
    expect(r.otherByRule).toEqual({ 'rule-a': 1 });
    expect(r.steps[0]!.missed).toEqual([{ ruleId: 'rule-a', why: 'no alert after the step' }]);

    for (const facts of [{ user: 'RIVENAU\\A.Bauer' }, { srcIp: '10.99.0.23' }, { host: 'rv-vpn' }, {}] as Array<Record<string, string>>) {
      const theirs = detectionReport({ scenario, timeline: [acted], alerts: [staff, onVpn('t1', 1_400, facts)], incidents: [], ruleIds });
      expect(theirs.detected, JSON.stringify(facts)).toBe(true);
      expect(theirs.timeToDetectS).toBe(0.4);
      expect(theirs.alertsByRule).toEqual({ 'rule-a': 1 });
    }
    const elsewhere = { ...alert('o1', 'rule-a', 1_400), assetIds: ['dc-1'] } as Alert;
    expect(detectionReport({ scenario, timeline: [acted], alerts: [elsewhere], incidents: [], ruleIds }).detected).toBe(false);
  });

  it('tells a rule switched off from one not loaded', () => {
    const r = detectionReport({ scenario, timeline, alerts: [], incidents: [], ruleIds, disabledRuleIds: new Set(['rule-a']) });
    expect(r.steps[1]!.missed).toEqual([{ ruleId: 'rule-a', why: 'rule switched off' }]);
  });

  it('judges the incident below the expected stage as not what the scenario expects', () => {
    const alerts = [alert('z1', 'rule-a', 1_500)];
    const low = { id: 'inc-2', stage: 'discovery', severity: 'critical', alertIds: ['z1'] } as unknown as Incident;
    expect(detectionReport({ scenario, timeline, alerts, incidents: [low], ruleIds }).incident?.asExpected).toBe(false);
  });
});
