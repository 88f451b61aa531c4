import { describe, expect, it } from 'vitest';
import type { Alert, IcsTactic, Severity } from '../../../domain/index.js';
import { ManualClock } from '../../../platform/clock/index.js';
import { smallCity, smallCityModel, testAsset } from '../test-fixtures/small-city.js';
import { Correlator } from './correlator.js';

const T0 = Date.parse('2025-03-12T09:00:00Z');
const MIN = 60_000;

function alert(id: string, at: number, assetIds: string[], tactic: IcsTactic, severity: Severity = 'high', facts: Record<string, string> = {}): Alert {
  return {
    id, ts: T0 + at, severity, detector: { kind: 'rule', id: `rule-${id}`, name: `Rule ${id}` },
    technique: { id: tactic === 'impact' ? 'T0831' : tactic === 'initial-access' ? 'T0822' : 'T0855', name: 'x' }, tactic,
    title: `Alert ${id}`, explanation: { what: 'w', why: 'y', whatToDo: [`do ${id}`] }, assetIds,
    evidence: { eventIds: [`e-${id}`], facts }, dedupKey: `k-${id}`,
  };
}

const correlator = (city = smallCityModel()) => new Correlator({ city, clock: new ManualClock(T0), windowMs: 60 * MIN });

describe('Correlator', () => {
  it('groups alerts sharing a device within the window, with the furthest stage and the services at risk', () => {
    const c = correlator();
    const first = c.add(alert('a1', 0, ['br-n1', 'hmi-1'], 'impair-process-control'));
    const second = c.add(alert('a2', 10 * MIN, ['br-n2', 'hmi-1'], 'impact', 'critical'));
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ stage: 'impact', tactics: ['impair-process-control', 'impact'], techniques: ['T0831', 'T0855'], alertIds: ['a1', 'a2'] });
    expect(second.affectedServices.map((s) => s.serviceId)).toEqual(['power-north', 'water-north']);
    expect(second.affectedServices.find((s) => s.serviceId === 'water-north')?.via).toEqual(['br-n1', 'power-north', 'water-north']);
    expect(second.peopleAffected).toBe(60_000); // 40,000 + 40,000 served, capped at the city's population
    expect(second.summary.why).toContain('Power to North (40,000 people)');
    expect(second.summary.whatToDo[0]).toMatch(/switch to manual or local control/);
    expect(second.timeline.map((t) => t.kind)).toEqual(['alert', 'alert', 'stage', 'severity']);
  });

  it('links through a substation site and through the services a device supports', () => {
    const c = correlator();
    const a = c.add(alert('a1', 0, ['br-n1'], 'impair-process-control', 'medium'));
    expect(c.add(alert('a2', MIN, ['br-n2'], 'impair-process-control', 'medium')).id).toBe(a.id);
    const other = c.add(alert('a3', MIN, ['tank-1'], 'impact', 'medium'));
    expect(other.id).not.toBe(a.id);
  });

  it('opens a new incident when the shared device was last seen beyond the window', () => {
    const c = correlator();
    const a = c.add(alert('a1', 0, ['ws-1'], 'execution'));
    expect(c.add(alert('a2', 61 * MIN, ['ws-1'], 'command-and-control')).id).not.toBe(a.id);
  });

  it('links a login to the PC whose user it names, but not through generic accounts', () => {
    const city = smallCityModel({ assets: [...smallCity().assets.filter((x) => x.id !== 'ws-1'), testAsset('ws-1', 'workstation', { params: { user: 'a.berger' } })] });
    const c = correlator(city);
    const phish = c.add(alert('a1', 0, ['ws-1'], 'execution'));
    expect(c.add(alert('a2', 5 * MIN, ['vpn-1'], 'initial-access', 'medium', { user: 'A.Berger', srcIp: '203.0.113.9' })).id).toBe(phish.id);
    expect(c.add(alert('a3', 6 * MIN, ['cad-1'], 'initial-access', 'medium', { user: 'admin' })).id).not.toBe(phish.id);
  });

  it('joins a severe alert with nothing in common to an ongoing attack on the process, but not a minor one', () => {
    const c = correlator();
    const attack = c.add(alert('a1', 0, ['br-n1'], 'impact', 'critical'));
    expect(c.add(alert('a2', 5 * MIN, ['siren-1'], 'inhibit-response-function', 'low')).id).not.toBe(attack.id);
    const flood = c.add(alert('a3', 6 * MIN, ['cad-1'], 'inhibit-response-function', 'high'));
    expect(flood.id).toBe(attack.id);
    expect(flood.timeline.at(-1)?.text).toMatch(/linked: came during an ongoing attack/);
    expect(flood.affectedServices.map((s) => s.serviceId)).toContain('dispatch');
  });

  it('escalates severity when the attack spans stages and reaches the process, and says why', () => {
    const c = correlator();
    c.add(alert('a1', 0, ['hmi-1'], 'initial-access', 'medium'));
    c.add(alert('a2', MIN, ['hmi-1'], 'lateral-movement', 'medium'));
    const inc = c.add(alert('a3', 2 * MIN, ['hmi-1', 'br-n1'], 'impair-process-control', 'medium'));
    expect(inc.severity).toBe('critical');
    expect(inc.timeline.filter((t) => t.kind === 'severity').map((t) => t.text)).toEqual([
      'Severity raised to critical: the attack has gone through 3 stages; it has reached the control of physical equipment',
    ]);
  });

  it('is deterministic and ignores an alert it has already seen', () => {
    const alerts = [alert('a1', 0, ['br-n1'], 'impact'), alert('a2', MIN, ['br-n1'], 'impact'), alert('a3', MIN, ['tank-1'], 'impact', 'low')];
    const [x, y] = [correlator(), correlator()];
    const xs = alerts.map((a) => x.add(a));
    const ys = alerts.map((a) => y.add(a));
    expect(ys).toEqual(xs);
    const again = x.add(alerts[1]!);
    expect(again).toEqual(xs[1]);
    expect(x.get(xs[1]!.id)?.alertIds).toEqual(['a1', 'a2']);
  });

  it('picks up where it left off after a restart from stored incidents and alerts', () => {
    const alerts = [alert('a1', 0, ['br-n1'], 'impair-process-control'), alert('a2', MIN, ['ws-1'], 'execution'), alert('a3', 2 * MIN, ['br-n2'], 'impact')];
    const live = correlator();
    const stored = new Map(alerts.slice(0, 2).map((a) => { const i = live.add(a); return [i.id, i] as const; }));
    const after = live.add(alerts[2]!);
    const restarted = correlator();
    restarted.restore([...stored.values()], alerts.slice(0, 2));
    expect(restarted.add(alerts[2]!)).toEqual(after);
    const withoutAlerts = correlator();
    withoutAlerts.restore([...stored.values()], []);
    expect(withoutAlerts.add(alerts[2]!).id).toBe(after.id);
  });

  it('keeps what people changed on an incident when the next alert arrives, and starts afresh once it is closed', () => {
    const c = correlator();
    const inc = c.add(alert('a1', 0, ['br-n1'], 'impact'));
    const note = { ts: T0 + MIN, kind: 'note', text: 'Grid control confirms no switching order', by: 'duty' };
    c.amend({ ...inc, status: 'triaged', assignee: 'duty', timeline: [...inc.timeline, note] });
    const next = c.add(alert('a2', 2 * MIN, ['br-n1'], 'impact'));
    expect(next).toMatchObject({ id: inc.id, status: 'triaged', assignee: 'duty' });
    expect(next.timeline.map((t) => t.kind)).toEqual(['alert', 'note', 'alert', 'severity']);
    c.amend({ ...next, status: 'closed', closedTs: T0 + 3 * MIN });
    expect(c.add(alert('a3', 4 * MIN, ['br-n1'], 'impact')).id).not.toBe(inc.id);
  });

  it('forgets incidents no alert can join any more', () => {
    const clock = new ManualClock(T0);
    const c = new Correlator({ city: smallCityModel(), clock, windowMs: 10 * MIN, attackWindowMs: 0 });
    c.add(alert('a1', 0, ['br-n1'], 'impact'));
    expect(c.open()).toHaveLength(1);
    clock.advance(11 * MIN);
    expect(c.open()).toHaveLength(0);
    expect(c.prune()).toBe(1);
  });
});
