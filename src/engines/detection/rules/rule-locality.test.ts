import { describe, expect, it } from 'vitest';
import type { Event } from '../../../domain/index.js';
import { ManualClock } from '../../../platform/clock/index.js';
import { loadTechniqueTable } from '../attack/technique-table.js';
import { smallCityModel } from '../test-fixtures/small-city.js';
import { loadRules } from './load-rules.js';
import { RuleEngine } from './rule-engine.js';
import { splitByLocality } from './rule-locality.js';
import { RuleRouter } from './rule-router.js';

const shipped = loadRules('content/rules', loadTechniqueTable()).rules;

describe('rule locality', () => {
  it('keeps rules keyed by the asset beside a partition and sends the rest where all partitions meet', () => {
    const { local, global } = splitByLocality(shipped);
    const localIds = local.map((r) => r.id);
    const globalIds = global.map((r) => r.id);
    // Keyed by the asset: single events with default suppression, silences, thresholds grouped by assetId.
    for (const id of ['control-device-silent', 'login-guessing-burst', 'mass-service-stop', 'firmware-upload-unsigned', 'file-rename-storm']) {
      expect(localIds).toContain(id);
    }
    // Spanning assets: a sequence from the VPN gateway to a console, distinct substations, source addresses, users.
    for (const id of ['vpn-then-control-console', 'breaker-opens-across-substations', 'beacon-to-external-host', 'control-network-sweep', 'event-log-cleared', 'vpn-login-at-odd-hour']) {
      expect(globalIds).toContain(id);
    }
    expect(local.length + global.length).toBe(shipped.filter((r) => r.enabled).length);
  });
});

describe('RuleRouter', () => {
  const city = smallCityModel();
  const T0 = Date.parse('2025-03-12T09:00:00Z');
  const events: Event[] = [
    { id: 'a', ts: T0, receivedTs: T0, source: 'twin', type: 'auth', assetId: 'vpn-1', user: 'jdoe', outcome: 'success', method: 'vpn', srcIp: '203.0.113.9', attrs: {} },
    { id: 'b', ts: T0, receivedTs: T0, source: 'twin', type: 'auth', assetId: 'hmi-1', user: 'jdoe', outcome: 'success', method: 'rdp', srcIp: '10.0.0.2', attrs: {} },
    { id: 'c', ts: T0, receivedTs: T0, source: 'twin', type: 'command', assetId: 'br-n1', command: 'breaker.open', args: {}, actor: { host: 'ws-1' } } as Event,
    { id: 'd', ts: T0, receivedTs: T0, source: 'twin', type: 'telemetry', assetId: 'tank-1', metrics: { level_m: 3 } },
    { id: 'e', ts: T0, receivedTs: T0, source: 'twin', type: 'log', assetId: 'ws-1', severity: 4, host: 'ws-clerk-21', app: 'Microsoft-Windows-Eventlog', message: 'The audit log was cleared.', attrs: { eventId: 1102 } },
  ];

  it('names exactly the rules whose filters an event passes, as the engine counts them', () => {
    const router = new RuleRouter(shipped, city);
    for (const event of events) {
      const engine = new RuleEngine({ rules: shipped, city, clock: new ManualClock(T0) });
      engine.process([event]);
      const matched = engine.stats().rules.filter((r) => r.matched > 0).map((r) => r.ruleId).sort();
      expect(router.route(event).map((r) => r.id).sort(), event.id).toEqual(matched);
    }
    expect(router.route(events[0]!).map((r) => r.id)).toContain('vpn-then-control-console');
    expect(router.route(events[4]!).map((r) => r.id)).toContain('event-log-cleared');
  });
});
