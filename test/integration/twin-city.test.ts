// The sample city: it loads, it is big and varied enough for the demo, and the twin's wiring in
// asset params points at things that exist.
import { describe, expect, it } from 'vitest';
import { ASSET_KINDS, type Asset } from '../../src/domain/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const assets = city.city.assets;
const byId = (id: string) => city.asset(id);
const str = (a: Asset, p: string) => (typeof a.params[p] === 'string' ? (a.params[p] as string) : undefined);

describe('sample city', () => {
  it('loads with at least 4 districts, 200 devices and every kind of device the platform models', () => {
    expect(city.districts.size).toBeGreaterThanOrEqual(4);
    expect(assets.length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(assets.map((a) => a.kind));
    expect(ASSET_KINDS.filter((k) => !kinds.has(k))).toEqual([]);
  });

  it('wires every load to a breaker or UPS that exists, and every UPS to a feeder', () => {
    for (const a of assets) {
      const feeder = str(a, 'feeder');
      const ups = str(a, 'ups');
      if (feeder) expect(byId(feeder)?.kind, `${a.id} feeder`).toBe('breaker');
      if (ups) expect(byId(ups)?.kind, `${a.id} ups`).toBe('ups');
      if (a.kind === 'ups') expect(feeder, a.id).toBeDefined();
    }
    for (const kind of ['pump', 'signal-controller', 'street-light', 'camera', 'plc'] as const) {
      expect(
        assets.filter((a) => a.kind === kind && !str(a, 'feeder') && !str(a, 'ups')).map((a) => a.id),
        kind,
      ).toEqual([]);
    }
  });

  it('feeds water pumps, the hospital and traffic signals from feeder breakers', () => {
    const fed = (kind: string) => new Set(assets.filter((a) => a.kind === kind).map((a) => str(a, 'feeder')));
    expect(fed('pump').size).toBeGreaterThanOrEqual(3);
    expect(byId(str(byId('hosp-ups')!, 'feeder')!)?.tags).toContain('feeder');
    expect(fed('signal-controller').size).toBeGreaterThanOrEqual(5);
  });

  it('gives tanks their geometry and PLCs a tank and level band inside it', () => {
    for (const t of assets.filter((a) => a.kind === 'tank')) {
      expect(t.params['heightM'], t.id).toBeGreaterThan(0);
      expect(t.params['areaM2'], t.id).toBeGreaterThan(0);
    }
    for (const p of assets.filter((a) => a.kind === 'plc')) {
      const tank = byId(str(p, 'tank')!)!;
      expect(tank.kind).toBe('tank');
      expect(p.params['startLevelM'] as number).toBeLessThan(p.params['stopLevelM'] as number);
      expect(p.params['stopLevelM'] as number).toBeLessThanOrEqual(tank.params['heightM'] as number);
    }
  });

  it('tags the SCADA masters and plants the weaknesses the posture checks look for', () => {
    expect(city.select({ tags: ['scada-master'], kinds: ['scada-server'] }).length).toBeGreaterThanOrEqual(2);
    const exposed = (a: Asset, protocol: string, internet?: boolean) =>
      a.security?.exposed?.some(
        (e) => e.protocol === protocol && (internet === undefined || e.internetFacing === internet),
      ) ?? false;
    expect(assets.some((a) => a.kind === 'plc' && a.security?.defaultCredentials === true)).toBe(true);
    expect(assets.some((a) => a.kind === 'camera' && exposed(a, 'telnet'))).toBe(true);
    expect(assets.some((a) => a.kind === 'signal-controller' && exposed(a, 'http', true))).toBe(true);
    expect(byId('vpn-gw')?.security?.mfa).toBe(false);
    expect(
      assets.filter((a) => a.kind === 'serial-gateway' && a.security?.firmwareSigned === false).length,
    ).toBeGreaterThan(0);
    expect(city.city.conduits.some((c) => c.from === 'office-it' && c.to === 'substations')).toBe(true);
  });

  it('declares services with dependencies, people served and fallbacks, reachable from a feeder', () => {
    const hit = city.servicesAffectedBy(['ss-east-f1']).map((s) => s.serviceId);
    expect(hit).toEqual(expect.arrayContaining(['power-east', 'hospital', 'dispatch-112', 'sirens']));
    for (const s of city.city.services) expect(s.peopleServed, s.id).toBeGreaterThan(0);
    expect(city.city.contacts.length).toBeGreaterThan(3);
    expect(city.city.maintenanceWindows.length).toBeGreaterThan(0);
  });
});
