// The dashboard's reading of the city, without a browser: device conditions from telemetry, who is
// without a service, device states on the map, and the blast-radius layout.
import { describe, expect, it } from 'vitest';
import type { Asset, Incident, Service } from '../../src/domain/index.js';
import { assetStates } from '../../web/src/model/asset-state.js';
import { deviceCondition } from '../../web/src/model/device-condition.js';
import type { Reading } from '../../web/src/model/latest-readings.js';
import { serviceHealth } from '../../web/src/model/service-health.js';
import { layoutBlastRadius } from '../../web/src/model/blast-radius-layout.js';

const asset = (id: string, kind: Asset['kind'], params: Asset['params'] = {}, services: string[] = []): Asset => ({
  id, name: id, kind, vendor: 'v', model: 'm', firmware: '1', protocols: [], network: {}, zone: 'z', district: 'd', location: [15, 47],
  criticality: 'high', services, tags: [], params, source: 'declared',
});
const reading = (ts: number, metrics: Reading['metrics']): Reading => ({ ts, metrics });
const power: Service = {
  id: 'power-d', name: 'Power to D', kind: 'power', peopleServed: 10_000, criticality: 'critical', rtoMinutes: 60, rpoMinutes: 0,
  dependsOn: { assets: ['in', 'f1', 'f2'], services: [] },
};
const traffic: Service = { ...power, id: 'traffic-d', name: 'Traffic in D', kind: 'traffic', dependsOn: { assets: [], services: ['power-d'] } };
const grid = [asset('in', 'breaker'), asset('f1', 'breaker', { upstream: 'in', peakMw: 3 }), asset('f2', 'breaker', { upstream: 'in', peakMw: 1 })];
const energised = { closed: true, voltage_kv: 20, current_a: 50 };
const dead = { closed: false, voltage_kv: 0, current_a: 0 };
const incident = (status: Incident['status'], assetIds: string[], serviceIds: string[] = []): Incident => ({
  id: `inc-${status}`, title: 't', status, severity: 'critical', stage: 'impact', tactics: ['impact'], techniques: [], openedTs: 0, updatedTs: 0,
  alertIds: [], assetIds, districts: [], peopleAffected: 0, summary: { what: 'w', why: 'y', whatToDo: ['d'] }, timeline: [],
  affectedServices: serviceIds.map((s) => ({ serviceId: s, name: s, kind: 'power', peopleServed: 1, via: [s] })),
});

describe('device condition', () => {
  it('reads a breaker without voltage as down even while its contacts are closed', () => {
    expect(deviceCondition('breaker', { closed: true, voltage_kv: 0 })).toBe('down');
    expect(deviceCondition('breaker', energised)).toBe('working');
  });

  it('reads a dark signal as down, flashing as its fallback, manual as reduced, and an offline host as down', () => {
    expect(deviceCondition('signal-controller', { mode: 'dark', phase_ns: 'dark', phase_ew: 'dark' })).toBe('down');
    expect(deviceCondition('signal-controller', { mode: 'flashing', phase_ns: 'flashing-yellow', phase_ew: 'flashing-red' })).toBe('fallback');
    expect(deviceCondition('signal-controller', { mode: 'manual', phase_ns: 'red', phase_ew: 'green' })).toBe('reduced');
    expect(deviceCondition('hmi', { online: false })).toBe('down');
    expect(deviceCondition('pump', undefined)).toBe('unknown');
  });
});

describe('service health', () => {
  it('counts people without power by the peak load of the feeders that lost voltage', () => {
    const readings = new Map([['in', reading(10, energised)], ['f1', reading(10, dead)], ['f2', reading(10, energised)]]);
    const [p] = serviceHealth({ services: [power], assets: grid, readings, incidents: [] });
    expect(p).toMatchObject({ condition: 'down', peopleWithout: 7_500 });
  });

  it('counts everyone when the incomer is open, and puts services that depend on it at risk', () => {
    const readings = new Map([['in', reading(10, dead)], ['f1', reading(10, { ...energised, voltage_kv: 0 })], ['f2', reading(10, { ...energised, voltage_kv: 0 })]]);
    const [p, t] = serviceHealth({ services: [power, traffic], assets: grid, readings, incidents: [] });
    expect(p).toMatchObject({ condition: 'down', peopleWithout: 10_000 });
    expect(t!.condition).toBe('at-risk');
    expect(t!.reasons.join(' ')).toMatch(/depends on Power to D/);
  });

  it('marks a working service at risk while an open incident reaches it, and not after recovery', () => {
    const readings = new Map(grid.map((a) => [a.id, reading(10, energised)]));
    const open = serviceHealth({ services: [power], assets: grid, readings, incidents: [incident('new', ['in'], ['power-d'])] });
    expect(open[0]).toMatchObject({ condition: 'at-risk', peopleWithout: 0, incidentIds: ['inc-new'] });
    const done = serviceHealth({ services: [power], assets: grid, readings, incidents: [incident('recovered', ['in'], ['power-d'])] });
    expect(done[0]!.condition).toBe('working');
  });

  it('says when devices stopped reporting and keeps their last reading', () => {
    const readings = new Map([['in', reading(10, energised)], ['f1', reading(1, dead)], ['f2', reading(10, energised)]]);
    const [p] = serviceHealth({ services: [power], assets: grid, readings, incidents: [], silentBeforeTs: 5 });
    expect(p!.condition).toBe('down');
    expect(p!.reasons.join(' ')).toMatch(/1 device stopped reporting/);
  });

  it('does not claim to know a service none of whose devices has reported', () => {
    const [p] = serviceHealth({ services: [power], assets: grid, readings: new Map(), incidents: [] });
    expect(p).toMatchObject({ condition: 'unknown', peopleWithout: 0 });
  });
});

describe('device states on the map', () => {
  it('ranks contained over attacked over alerted over down over silent', () => {
    const assets = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => asset(id, 'breaker'));
    const readings = new Map([
      ['a', reading(10, energised)], ['b', reading(10, energised)], ['c', reading(10, energised)],
      ['d', reading(10, dead)], ['e', reading(1, energised)],
    ]);
    const states = assetStates(assets, {
      readings, alerts: [{ assetIds: ['c'] } as never], silentBeforeTs: 5,
      incidents: [incident('new', ['a', 'b']), incident('contained', ['a'])],
    });
    expect(Object.fromEntries(states)).toEqual({ a: 'contained', b: 'incident', c: 'alert', d: 'down', e: 'silent', f: 'unknown' });
  });
});

describe('blast radius layout', () => {
  it('places each node in the column of its furthest position on any dependency path', () => {
    const { nodes, edges } = layoutBlastRadius([
      { serviceId: 'power-d', name: 'P', kind: 'power', peopleServed: 10, via: ['gw', 'power-d'] },
      { serviceId: 'traffic-d', name: 'T', kind: 'traffic', peopleServed: 10, via: ['gw', 'power-d', 'traffic-d'] },
    ]);
    expect(Object.fromEntries(nodes.map((n) => [n.id, n.depth]))).toEqual({ gw: 0, 'power-d': 1, 'traffic-d': 2 });
    expect(edges).toEqual([['gw', 'power-d'], ['power-d', 'traffic-d']]);
  });
});

describe('fallback modes', () => {
  it('counts breakers under manual control at the fallback capacity the city file gives', () => {
    const manual = { ...power, fallback: { mode: 'manual', description: 'crews switch by hand', capacityPct: 80 } };
    const readings = new Map([['in', reading(10, energised)], ['f1', reading(10, { ...energised, mode: 'local' })], ['f2', reading(10, energised)]]);
    const [p] = serviceHealth({ services: [manual], assets: grid, readings, incidents: [] });
    expect(p).toMatchObject({ condition: 'reduced', peopleWithout: 1_500 });
    expect(p!.reasons.join(' ')).toMatch(/fallback \(manual: crews switch by hand\)/);
    expect(assetStates(grid, { readings, incidents: [], alerts: [], silentBeforeTs: 0 }).get('f1')).toBe('contained');
  });

  it('reads a breaker still open under manual control as down: the crew has not closed it yet', () => {
    const manual = { ...power, fallback: { mode: 'manual', description: 'crews switch by hand', capacityPct: 100 } };
    const readings = new Map([['in', reading(10, energised)], ['f1', reading(10, { ...dead, mode: 'local' })], ['f2', reading(10, energised)]]);
    const [p] = serviceHealth({ services: [manual], assets: grid, readings, incidents: [] });
    expect(p!.condition).toBe('down');
    expect(p!.peopleWithout).toBeGreaterThan(0);
  });
});

describe('what was attacked, in words', () => {
  it('counts the devices by kind, most first, in plain nouns', async () => {
    const { attackedSummary } = await import('../../web/src/model/attacked-summary.js');
    const assets = new Map([asset('b1', 'breaker'), asset('b2', 'breaker'), asset('w1', 'workstation'), asset('v', 'vpn-gateway')].map((a) => [a.id, a]));
    expect(attackedSummary(['b1', 'b2', 'w1', 'v', 'gone'], assets)).toBe('2 circuit breakers, 1 office computer, 1 remote-access (VPN) gateway and 1 other device');
  });
});
