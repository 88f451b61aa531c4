import { describe, expect, it } from 'vitest';
import type { Alert, Event } from '../../../domain/index.js';
import { ManualClock } from '../../../platform/clock/index.js';
import { loadTechniqueTable } from '../attack/technique-table.js';
import { smallCityModel } from '../test-fixtures/small-city.js';
import type { CompiledRule } from './compiled-rule.js';
import { parseRuleText } from './load-rules.js';
import { RuleEngine } from './rule-engine.js';

const techniques = loadTechniqueTable();
const T0 = Date.parse('2025-03-12T09:00:00Z'); // Wednesday, 10:00 in Vienna
const MIN = 60_000;

function rule(yaml: string): CompiledRule {
  const r = parseRuleText(yaml, 'test.yaml', techniques);
  if (!r.rule) throw new Error(r.problems.map((p) => `${p.line}: ${p.message}`).join('\n'));
  return r.rule;
}

const header = (id: string, technique = 'T0855', tactic = 'impair-process-control', what = '{{assetId}} did it') => `id: ${id}
title: ${id}
severity: high
attack: { technique: ${technique}, tactic: ${tactic} }
explanation: { what: "${what}", why: because, whatToDo: [look] }
`;

let seq = 0;
function command(at: number, assetId: string, command: string, host: string, extra: Partial<Event> = {}): Event {
  return { id: `c${seq++}`, ts: T0 + at, receivedTs: T0 + at, source: 'twin', type: 'command', assetId, command, args: {}, actor: { host }, ...extra } as Event;
}
function auth(at: number, user: string, outcome: 'success' | 'failure', method = 'vpn', srcIp = '203.0.113.9'): Event {
  return { id: `a${seq++}`, ts: T0 + at, receivedTs: T0 + at, source: 'twin', type: 'auth', assetId: 'vpn-1', user, outcome, method, srcIp, attrs: {} };
}
function telemetry(at: number, assetId: string, metrics: Record<string, number | boolean>): Event {
  return { id: `t${seq++}`, ts: T0 + at, receivedTs: T0 + at, source: 'twin', type: 'telemetry', assetId, metrics };
}

function engine(rules: CompiledRule[], clock = new ManualClock(T0)) {
  const alerts: Alert[] = [];
  const e = new RuleEngine({ rules, city: smallCityModel(), clock, onAlert: (a) => alerts.push(a) });
  return { e, alerts, clock };
}

const breakerFromOddHost = rule(`${header('breaker-odd-host')}
match:
  type: command
  scope: { kinds: [breaker] }
  where:
    all:
      - { field: command, equals: breaker.open }
      - not: { field: actorAsset.tags, contains: scada-master }
suppress: { for: 10m }
`);

describe('RuleEngine, single events', () => {
  it('fires on a breaker command from a host that is not a SCADA master, and not from the master', () => {
    const { e, alerts } = engine([breakerFromOddHost]);
    e.process([command(0, 'br-n1', 'breaker.open', 'scada-a'), command(1000, 'br-n1', 'breaker.open', '10.0.1.21')]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ detector: { kind: 'rule', id: 'breaker-odd-host' }, technique: { id: 'T0855', name: 'Unauthorized Command Message' } });
    expect(alerts[0]!.assetIds).toEqual(['br-n1', 'ws-1']);
    expect(alerts[0]!.explanation.what).toBe('br-n1 did it');
  });

  it('never raises a second alert for a redelivered event, and derives the same ids in another engine', () => {
    const ev = command(0, 'br-n1', 'breaker.open', 'ws-clerk-21');
    const one = engine([breakerFromOddHost]);
    one.e.process([ev]);
    one.e.process([ev, { ...ev }]);
    expect(one.alerts).toHaveLength(1);
    expect(one.e.stats().duplicateEvents).toBe(2);
    const two = engine([breakerFromOddHost]);
    two.e.process([ev]);
    expect(two.alerts[0]!.id).toBe(one.alerts[0]!.id);
    expect(two.alerts[0]!.dedupKey).toBe(one.alerts[0]!.dedupKey);
  });

  it('suppresses repeats for the same asset within the window and counts them', () => {
    const { e, alerts } = engine([breakerFromOddHost]);
    e.process([command(0, 'br-n1', 'breaker.open', 'ws-1'), command(MIN, 'br-n1', 'breaker.open', 'ws-1'), command(MIN, 'br-n2', 'breaker.open', 'ws-1')]);
    e.process([command(11 * MIN, 'br-n1', 'breaker.open', 'ws-1')]);
    expect(alerts.map((a) => a.assetIds[0])).toEqual(['br-n1', 'br-n2', 'br-n1']);
    expect(e.stats().rules[0]).toMatchObject({ matched: 4, alerts: 3, suppressed: 1 });
  });

  it('routes events only to rules of their type and asset kind', () => {
    const { e } = engine([breakerFromOddHost]);
    e.process([telemetry(0, 'tank-1', { level_m: 3 }), command(0, 'siren-1', 'siren.on', 'ws-1')]);
    expect(e.stats().rules[0]!.evaluated).toBe(0);
  });

  it('compares a reading with a parameter of its own asset', () => {
    const overflow = rule(`${header('tank-bounds', 'T0836')}
match:
  type: telemetry
  scope: { kinds: [tank] }
  where: { any: [{ field: metrics.level_m, gt: { ref: asset.params.heightM } }, { field: metrics.level_m, lt: 0 }] }
`);
    const { e, alerts } = engine([overflow]);
    const high = telemetry(1000, 'tank-1', { level_m: 8.4 });
    e.process([telemetry(0, 'tank-1', { level_m: 7.9 }), high]);
    e.process([high, { ...high }]);
    e.tick(T0 + 20 * MIN);
    e.process([high]);
    expect(alerts).toHaveLength(1);
    expect(e.stats().rules[0]!.duplicates).toBe(3);
    expect(alerts[0]!.evidence.eventIds).toHaveLength(1);
  });

  it('knows the maintenance windows in the city’s local time', () => {
    const outside = rule(`${header('cmd-outside-maintenance')}
match:
  type: command
  scope: { kinds: [breaker] }
  where: { time: { maintenance: outside } }
`);
    const { e, alerts } = engine([outside]);
    const tueNight = Date.parse('2025-03-11T21:30:00Z') - T0; // Tue 22:30 in Vienna (UTC+1)
    const wedEarly = Date.parse('2025-03-12T00:30:00Z') - T0; // Wed 01:30, still in Tuesday's window
    const wedLate = Date.parse('2025-03-12T01:30:00Z') - T0; // Wed 02:30, after it
    e.process([command(tueNight, 'br-n1', 'breaker.close', 'scada-a'), command(wedEarly, 'br-n2', 'breaker.close', 'scada-a')]);
    expect(alerts).toHaveLength(0);
    e.process([command(wedLate, 'br-s1', 'breaker.close', 'scada-a')]);
    expect(alerts.map((a) => a.assetIds[0])).toEqual(['br-s1']);
  });

  it('counts an exception in onAlert and keeps going', () => {
    const e = new RuleEngine({ rules: [breakerFromOddHost], city: smallCityModel(), clock: new ManualClock(T0), onAlert: () => { throw new Error('x'); } });
    const out = e.process([command(0, 'br-n1', 'breaker.open', 'ws-1'), command(0, 'br-n2', 'breaker.open', 'ws-1')]);
    expect(out).toHaveLength(2);
    expect(e.stats().callbackErrors).toBe(2);
  });
});

describe('RuleEngine, patterns over time', () => {
  const vpnBurst = rule(`${header('vpn-burst', 'T0822', 'initial-access')}
match: { type: auth, where: { all: [{ field: method, equals: vpn }, { field: outcome, equals: failure }] } }
threshold: { count: 5, within: 10m, groupBy: [user] }
`);

  it('fires a threshold once per group when N events fall within the window', () => {
    const { e, alerts } = engine([vpnBurst]);
    e.process([0, 1, 2, 3].map((i) => auth(i * MIN, 'jdoe', 'failure')));
    e.process([auth(4 * MIN, 'mary', 'failure')]);
    expect(alerts).toHaveLength(0);
    e.process([auth(5 * MIN, 'jdoe', 'failure'), auth(6 * MIN, 'jdoe', 'failure')]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.evidence.eventIds).toHaveLength(5);
    expect(alerts[0]!.evidence.window).toEqual({ fromTs: T0, toTs: T0 + 5 * MIN });
    expect(alerts[0]!.evidence.facts['group']).toBe('user jdoe');
  });

  it('raises no second alert for events redelivered after the engine forgot their ids', () => {
    const e = new RuleEngine({ rules: [vpnBurst, breakerFromOddHost], city: smallCityModel(), clock: new ManualClock(T0), recentEventIds: 2 });
    const events = [...[0, 1, 2, 3, 4].map((i) => auth(i * MIN, 'jdoe', 'failure')), command(5 * MIN, 'br-n1', 'breaker.open', 'ws-1')];
    expect(e.process(events)).toHaveLength(2);
    expect(e.process(events)).toHaveLength(0);
    expect(e.process([...events].reverse())).toHaveLength(0);
    expect(e.stats().rules.map((r) => r.duplicates)).toEqual([1, 1]); // on the last pass the engine still knew two of the ids
  });

  it('lets old events slide out of the window', () => {
    const { e, alerts } = engine([vpnBurst]);
    e.process([0, 3, 6, 9, 12, 15, 18].map((m) => auth(m * MIN, 'jdoe', 'failure')));
    expect(alerts).toHaveLength(0);
  });

  it('counts distinct values: breaker opens at several substations within minutes', () => {
    const burst = rule(`${header('breaker-burst', 'T0831', 'impact')}
match: { type: command, scope: { kinds: [breaker] }, where: { field: command, equals: breaker.open } }
threshold: { count: 2, within: 5m, distinct: asset.site }
`);
    const { e, alerts } = engine([burst]);
    e.process([command(0, 'br-n1', 'breaker.open', 'hmi-1'), command(MIN, 'br-n2', 'breaker.open', 'hmi-1')]);
    expect(alerts).toHaveLength(0);
    e.process([command(2 * MIN, 'br-s1', 'breaker.open', 'hmi-1')]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.assetIds).toEqual(expect.arrayContaining(['br-n2', 'br-s1', 'hmi-1']));
  });

  it('fires a sequence only when the earlier step came first, within the window, with the same key', () => {
    const seqRule = rule(`${header('vpn-then-hmi', 'T0886', 'lateral-movement', '{{user}} came in over VPN from {{prev.srcIp}}')}
match: { type: auth, scope: { kinds: [hmi] }, where: { field: outcome, equals: success } }
sequence:
  after: { type: auth, where: { all: [{ field: method, equals: vpn }, { field: outcome, equals: success }] } }
  within: 30m
  by: [user]
`);
    const rdp = (at: number, user: string): Event => ({ ...auth(at, user, 'success', 'rdp', '10.0.0.2'), assetId: 'hmi-1' });
    const { e, alerts } = engine([seqRule]);
    e.process([rdp(0, 'jdoe'), auth(MIN, 'jdoe', 'success'), rdp(2 * MIN, 'mary'), rdp(45 * MIN, 'jdoe')]);
    expect(alerts).toHaveLength(0);
    e.process([auth(50 * MIN, 'jdoe', 'success'), rdp(55 * MIN, 'jdoe')]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.what).toBe('jdoe came in over VPN from 203.0.113.9');
    expect(alerts[0]!.assetIds).toEqual(['hmi-1', 'vpn-1']);
  });

  const sirenRule = rule(`${header('siren-no-ticket', 'T0855')}
match: { type: command, scope: { kinds: [siren] }, where: { field: command, equals: siren.on } }
absence:
  missing: { type: log, scope: { kinds: [dispatch-server] }, where: { field: attrs.ticket, exists: true } }
  within: 1h
  grace: 2m
  by: [args.ticket]
  missingBy: [attrs.ticket]
`);
  const ticket = (at: number, no: string): Event => ({ id: `l${seq++}`, ts: T0 + at, receivedTs: T0 + at, source: 'twin', type: 'log', assetId: 'cad-1', severity: 6, message: 'ticket opened', attrs: { ticket: no } });
  const siren = (at: number, no?: string) => command(at, 'siren-1', 'siren.on', 'cad-1', { args: no ? { ticket: no } : {} } as Partial<Event>);

  it('fires an absence when no companion event came before or within the grace period', () => {
    const { e, alerts } = engine([sirenRule]);
    e.process([ticket(0, 'T-1'), siren(5 * MIN, 'T-1')]);
    e.process([siren(10 * MIN, 'T-2')]);
    e.process([ticket(11 * MIN, 'T-2')]);
    e.process([siren(20 * MIN, 'T-9'), siren(30 * MIN)]);
    expect(alerts).toHaveLength(1); // the one without a ticket number cannot wait for one
    e.tick(T0 + 21 * MIN);
    expect(alerts).toHaveLength(1);
    e.tick(T0 + 22 * MIN);
    expect(alerts).toHaveLength(2);
    expect(alerts.map((a) => a.evidence.eventIds.length)).toEqual([1, 1]);
  });

  it('notices a silent device when time passes on the clock, once, and re-arms when it reports', () => {
    const silent = rule(`${header('tank-silent', 'T0804', 'inhibit-response-function', '{{assetId}} quiet for {{window.minutes}} min')}
match: { type: telemetry, scope: { kinds: [tank] } }
silence: { for: 5m }
`);
    const clock = new ManualClock(T0);
    const { e, alerts } = engine([silent], clock);
    e.start();
    e.process([telemetry(0, 'tank-1', { level_m: 3 }), telemetry(MIN, 'tank-1', { level_m: 3 })]);
    clock.advance(5 * MIN);
    expect(alerts).toHaveLength(0);
    clock.advance(MIN + 1000);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ ts: T0 + 6 * MIN, explanation: { what: 'tank-1 quiet for 5 min' } });
    clock.advance(20 * MIN);
    expect(alerts).toHaveLength(1);
    e.process([telemetry(30 * MIN, 'tank-1', { level_m: 3 })]);
    clock.advance(10 * MIN);
    e.stop();
    expect(alerts).toHaveLength(2);
  });
});
