import { describe, expect, it } from 'vitest';
import type { City } from './city.js';
import { checkCity } from './city-checks.js';
import { CityModel } from './city-model.js';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]] as [number, number][]] };
const asset = (id: string, services: string[] = []) => ({
  id, name: id, kind: 'breaker' as const, vendor: 'v', model: 'm', firmware: '1', protocols: [], network: {},
  zone: 'z', district: 'd', location: [0, 0] as [number, number], criticality: 'high' as const, services, tags: [], params: {},
  source: 'declared' as const,
});
const service = (id: string, assets: string[], services: string[], people: number, rto = 60) => ({
  id, name: id, kind: 'power' as const, peopleServed: people, criticality: 'high' as const, rtoMinutes: rto, rpoMinutes: 0,
  dependsOn: { assets, services },
});

function city(overrides: Partial<City> = {}): City {
  return {
    city: { id: 'c', name: 'C', timezone: 'UTC', center: [0, 0], population: 10 },
    districts: [{ id: 'd', name: 'D', population: 10, geometry: square }],
    zones: [{ id: 'z', name: 'Z', securityLevel: 2 }],
    conduits: [], sites: [], contacts: [], maintenanceWindows: [],
    assets: [asset('br-1'), asset('br-2', ['power-d'])],
    services: [
      service('power-d', ['br-1'], [], 1000, 30),
      service('water-d', [], ['power-d'], 800, 120),
      service('hospital', [], ['power-d', 'water-d'], 50, 15),
    ],
    ...overrides,
  };
}

describe('CityModel', () => {
  it('finds services reached through the dependency graph with the path that reaches them', () => {
    const m = new CityModel(city());
    const hit = m.servicesAffectedBy(['br-1']);
    expect(hit.map((h) => h.serviceId).sort()).toEqual(['hospital', 'power-d', 'water-d']);
    expect(hit.find((h) => h.serviceId === 'water-d')?.via).toEqual(['br-1', 'power-d', 'water-d']);
    expect(m.peopleServed(hit)).toBe(1850);
  });

  it('counts an asset as needed when either side declares the link', () => {
    expect(new CityModel(city()).servicesAffectedBy(['br-2']).map((h) => h.serviceId)).toContain('power-d');
  });

  it('orders recovery so every service comes after what it depends on', () => {
    const order = new CityModel(city()).recoveryOrder().map((s) => s.id);
    expect(order.indexOf('power-d')).toBeLessThan(order.indexOf('water-d'));
    expect(order.indexOf('water-d')).toBeLessThan(order.indexOf('hospital'));
  });
});

describe('checkCity', () => {
  it('accepts a consistent city', () => {
    expect(checkCity(city())).toEqual([]);
  });

  it('reports unknown references and duplicate ids by path', () => {
    const c = city({ assets: [asset('br-1'), asset('br-1', ['nope'])] });
    expect(checkCity(c)).toEqual(
      expect.arrayContaining([
        { path: '/assets/1/id', message: 'duplicate assets id "br-1" (first at index 0)' },
        { path: '/assets/1/services/0', message: 'unknown service "nope"' },
      ]),
    );
  });

  it('reports a service dependency cycle', () => {
    const c = city({ services: [service('a', [], ['b'], 1), service('b', [], ['a'], 1)] });
    expect(checkCity(c).map((p) => p.message)).toContainEqual(expect.stringMatching(/dependency cycle: a → b → a|b → a → b/));
  });
});
