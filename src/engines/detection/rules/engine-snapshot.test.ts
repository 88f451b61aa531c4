import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../../domain/index.js';
import { ManualClock } from '../../../platform/clock/index.js';
import { loadTechniqueTable } from '../attack/technique-table.js';
import { smallCityModel } from '../test-fixtures/small-city.js';
import type { CompiledRule } from './compiled-rule.js';
import { parseRuleText } from './load-rules.js';
import { RuleEngine } from './rule-engine.js';

const techniques = loadTechniqueTable();
const T0 = Date.parse('2025-03-12T09:00:00Z');

function rule(id: string, body: string): CompiledRule {
  const yaml = `id: ${id}\ntitle: ${id}\nseverity: high\nattack: { technique: T0855, tactic: impair-process-control }\nexplanation: { what: "{{assetId}}", why: because, whatToDo: [look] }\n${body}`;
  const r = parseRuleText(yaml, 'test.yaml', techniques);
  if (!r.rule) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.rule;
}

/** One rule of every pattern, each with state a snapshot must carry. */
const RULES = [
  rule('odd-host', `match: { type: command, scope: { kinds: [breaker] }, where: { field: command, equals: breaker.open } }\nsuppress: { for: 10m }\n`),
  rule('vpn-burst', `match: { type: auth, where: { field: outcome, equals: failure } }\nthreshold: { count: 3, within: 10m, groupBy: [user] }\nsuppress: { for: 5m }\n`),
  rule('breaker-sites', `match: { type: command, scope: { kinds: [breaker] }, where: { field: command, equals: breaker.open } }\nthreshold: { count: 2, within: 5m, distinct: asset.site }\n`),
  rule('vpn-then-hmi', `match: { type: auth, scope: { kinds: [hmi] }, where: { field: outcome, equals: success } }
sequence:
  after: { type: auth, where: { all: [{ field: method, equals: vpn }, { field: outcome, equals: success }] } }
  within: 30m
  by: [user]
`),
  rule('siren-no-ticket', `match: { type: command, scope: { kinds: [siren] }, where: { field: command, equals: siren.on } }
absence:
  missing: { type: log, scope: { kinds: [dispatch-server] }, where: { field: attrs.ticket, exists: true } }
  within: 1h
  grace: 2m
  by: [args.ticket]
  missingBy: [attrs.ticket]
`),
  rule('tank-silent', `match: { type: telemetry, scope: { kinds: [tank] } }\nsilence: { for: 5m }\n`),
];

type Step = { kind: number; who: number; gapS: number };

/** Turns generated steps into events at rising times (a few kinds, few actors, so patterns complete). */
function eventsOf(steps: readonly Step[]): Event[] {
  let ts = T0;
  return steps.map((s, i): Event => {
    ts += s.gapS * 1000;
    const base = { id: `e${i}`, ts, receivedTs: ts, source: 'twin' as const };
    const user = ['jdoe', 'mary'][s.who % 2]!;
    switch (s.kind) {
      case 0:
        return { ...base, type: 'auth', assetId: 'vpn-1', user, outcome: s.who % 3 === 0 ? 'success' : 'failure', method: 'vpn', srcIp: '203.0.113.9', attrs: {} };
      case 1:
        return { ...base, type: 'auth', assetId: 'hmi-1', user, outcome: 'success', method: 'rdp', srcIp: '10.0.0.2', attrs: {} };
      case 2:
        return { ...base, type: 'command', assetId: ['br-n1', 'br-n2', 'br-s1'][s.who % 3]!, command: 'breaker.open', args: {}, actor: { host: 'ws-1' } } as Event;
      case 3:
        return { ...base, type: 'command', assetId: 'siren-1', command: 'siren.on', args: { ticket: `T-${s.who % 3}` }, actor: { host: 'cad-1' } } as Event;
      case 4:
        return { ...base, type: 'log', assetId: 'cad-1', severity: 6, message: 'ticket', attrs: { ticket: `T-${s.who % 3}` } };
      default:
        return { ...base, type: 'telemetry', assetId: 'tank-1', metrics: { level_m: 3 } };
    }
  });
}

/** Ticks to each event's time before handling it, as a worker does; returns the alert ids. */
function run(engine: RuleEngine, events: readonly Event[]): string[] {
  const ids: string[] = [];
  for (const e of events) {
    ids.push(...engine.tick(e.ts - 1).map((a) => a.id));
    ids.push(...engine.process([e]).map((a) => a.id));
  }
  return ids;
}

const fresh = () => new RuleEngine({ rules: RULES, city: smallCityModel(), clock: new ManualClock(T0) });
const step = fc.record({ kind: fc.integer({ min: 0, max: 5 }), who: fc.integer({ min: 0, max: 5 }), gapS: fc.integer({ min: 0, max: 400 }) });

describe('RuleEngine snapshots', () => {
  test.prop([fc.array(step, { minLength: 1, maxLength: 80 }), fc.nat()])(
    'an engine restored from a snapshot taken mid-stream raises exactly the alerts of one that never stopped',
    (steps, cut) => {
      const events = eventsOf(steps);
      const at = cut % (events.length + 1);
      const whole = run(fresh(), events);
      const first = fresh();
      const before = run(first, events.slice(0, at));
      const moved = fresh();
      moved.restore(JSON.parse(JSON.stringify(first.snapshot())));
      const after = run(moved, events.slice(at));
      expect([...before, ...after]).toEqual(whole);
      expect(moved.stats()).toEqual(runStats(events));
    },
  );

  test.prop([fc.array(step, { minLength: 2, maxLength: 60 }), fc.nat()])('a snapshot does not change as the engine goes on (it can be written later)', (steps, cut) => {
    const events = eventsOf(steps);
    const at = cut % events.length;
    const engine = fresh();
    run(engine, events.slice(0, at));
    const snap = engine.snapshot();
    const text = JSON.stringify(snap);
    run(engine, events.slice(at));
    expect(JSON.stringify(snap)).toBe(text);
  });

  it('skips the state of a rule whose definition changed, and of rules it does not have', () => {
    const a = fresh();
    run(a, eventsOf([{ kind: 0, who: 1, gapS: 1 }, { kind: 0, who: 1, gapS: 1 }]));
    const changed = rule('vpn-burst', `match: { type: auth, where: { field: outcome, equals: failure } }\nthreshold: { count: 2, within: 10m, groupBy: [user] }\n`);
    const b = new RuleEngine({ rules: [changed, RULES[0]!], city: smallCityModel(), clock: new ManualClock(T0) });
    const report = b.restore(a.snapshot());
    expect(report.restored).toBe(1);
    expect(report.skipped.sort()).toEqual(['breaker-sites', 'siren-no-ticket', 'tank-silent', 'vpn-burst', 'vpn-then-hmi']);
  });

  it('refuses a damaged snapshot with CG_DETECTION_SNAPSHOT_INVALID', () => {
    const snap = JSON.parse(JSON.stringify(fresh().snapshot())) as { rules: Array<{ id: string; state: unknown }> };
    snap.rules.find((r) => r.id === 'tank-silent')!.state = { seen: [['tank-1', { id: 3 }]], longestQuietMs: 0 };
    expect(() => fresh().restore(snap)).toThrow(expect.objectContaining({ code: 'CG_DETECTION_SNAPSHOT_INVALID' }));
    expect(() => fresh().restore({ version: 99 })).toThrow(expect.objectContaining({ code: 'CG_DETECTION_SNAPSHOT_INVALID' }));
    expect(() => fresh().restore('nonsense')).toThrow(expect.objectContaining({ code: 'CG_DETECTION_SNAPSHOT_INVALID' }));
  });
});

/** Counters of one uninterrupted run, which a restored engine must end with too. */
function runStats(events: readonly Event[]): ReturnType<RuleEngine['stats']> {
  const e = fresh();
  run(e, events);
  return e.stats();
}

