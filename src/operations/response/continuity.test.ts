import { describe, expect, it } from 'vitest';
import type { Alert, Incident } from '../../domain/index.js';
import { loadCityFile } from '../../platform/content/index.js';
import { ContinuityModel } from './continuity.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const model = new ContinuityModel(city);

describe('ContinuityModel', () => {
  it('costs nothing to block an outside address or disable an account, and interrupts nothing', () => {
    for (const [kind, id] of [['block-address', '203.0.113.4'], ['disable-account', 'a.bauer@vpn-gw'], ['notify', 'ciso']] as const)
      expect(model.assess(kind, { type: 'x', id })).toMatchObject({ interrupts: false, cost: { people: 0 } });
  });

  it('charges a service only what its fallback does not serve, and its dependents through the graph', () => {
    const manual = model.assess('fallback-mode', { type: 'service', id: 'power-north' }, { mode: 'manual' });
    expect(manual).toMatchObject({ interrupts: true, cost: { people: 0 } }); // crews switch by hand: everyone keeps power
    const dispatch = model.assess('isolate-device', { type: 'asset', id: 'dispatch-tel' });
    const d112 = dispatch.losses.find((l) => l.serviceId === 'dispatch-112')!;
    const sirens = dispatch.losses.find((l) => l.serviceId === 'sirens')!;
    expect(d112.loss).toBeCloseTo((1 / 7) * 0.4, 5); // one of seven assets, regional backup serves 60%
    expect(sirens.loss).toBeCloseTo(d112.loss * 0.3, 5); // sirens fall back to local activation (70%)
    expect(sirens.via).toEqual(['dispatch-tel', 'dispatch-112', 'sirens']);
    expect(dispatch.cost.people).toBe(d112.people + sirens.people);
  });

  it('takes one camera of thirty-one out of video surveillance, which has no fallback', () => {
    const f1 = model.assess('isolate-device', { type: 'asset', id: 'cam-hauptplatz' });
    expect(f1.losses.map((l) => l.serviceId)).toEqual(['video-surveillance']);
    expect(f1.cost.people).toBe(Math.round(60_000 / 31));
  });

  it('ranks an incident’s containment options cheapest first', () => {
    const incident = { id: 'i', assetIds: ['hmi-cc-2', 'ss-north-f1', 'vpn-gw'] } as Incident;
    const alert = { assetIds: ['vpn-gw'], evidence: { facts: { user: 'a.bauer', srcIp: '203.0.113.45' } } } as unknown as Alert;
    const options = model.options(incident, [alert]);
    const people = options.map((o) => o.assessment.cost.people);
    expect(people).toEqual([...people].sort((a, b) => a - b));
    expect(options.slice(0, 2).map((o) => o.kind).sort()).toEqual(['block-address', 'disable-account']);
    expect(options.map((o) => `${o.kind} ${o.target.id}`)).toEqual(expect.arrayContaining(['fallback-mode power-north', 'isolate-device hmi-cc-2', 'safe-mode ss-north-f1']));
  });

  it('names everyone an incident puts at risk, and who still loses service with fallbacks', () => {
    const r = model.blastRadius(['ss-east-f1']);
    expect(r.services.map((s) => s.serviceId)).toEqual(expect.arrayContaining(['power-east', 'hospital', 'dispatch-112', 'street-lighting']));
    expect(r.people).toBe(178_000);
    expect(r.peopleWithFallbacks).toBeLessThan(r.people);
  });
});
