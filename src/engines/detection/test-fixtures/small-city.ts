// A small inline city for detection unit tests: two substations, a control room, a water tank,
// a siren and the dispatch centre, with services that depend on each other.
import type { Asset, City } from '../../../domain/index.js';
import { CityModel } from '../../../domain/index.js';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]] as [number, number][]] };

/** An asset with test defaults; override what the test is about. */
export function testAsset(id: string, kind: Asset['kind'], more: Partial<Asset> = {}): Asset {
  return {
    id, name: id, kind, vendor: 'v', model: 'm', firmware: '1', protocols: [], network: {}, zone: 'office', district: 'north',
    location: [0, 0], criticality: 'high', services: [], tags: [], params: {}, source: 'declared', ...more,
  };
}

/** The test city as data, so a test can change one part. */
export function smallCity(overrides: Partial<City> = {}): City {
  return {
    city: { id: 'testville', name: 'Testville', timezone: 'Europe/Vienna', center: [0, 0], population: 60_000 },
    districts: [
      { id: 'north', name: 'North', population: 40_000, geometry: square },
      { id: 'south', name: 'South', population: 20_000, geometry: square },
    ],
    zones: [
      { id: 'office', name: 'Office', securityLevel: 1 },
      { id: 'control', name: 'Control centre', securityLevel: 3 },
      { id: 'substation', name: 'Substations', securityLevel: 3 },
      { id: 'water', name: 'Water', securityLevel: 3 },
    ],
    conduits: [],
    sites: [
      { id: 'sub-north', name: 'Substation North', kind: 'substation', district: 'north', location: [0, 0] },
      { id: 'sub-south', name: 'Substation South', kind: 'substation', district: 'south', location: [0, 0] },
    ],
    assets: [
      testAsset('ws-1', 'workstation', { network: { ip: '10.0.1.21', hostname: 'ws-clerk-21' } }),
      testAsset('scada-1', 'scada-server', { zone: 'control', tags: ['scada-master'], network: { ip: '10.0.5.10', hostname: 'scada-a' } }),
      testAsset('hmi-1', 'hmi', { zone: 'control', network: { ip: '10.0.5.20' } }),
      testAsset('vpn-1', 'vpn-gateway', { network: { ip: '10.0.0.2' } }),
      testAsset('br-n1', 'breaker', { zone: 'substation', site: 'sub-north', services: ['power-north'] }),
      testAsset('br-n2', 'breaker', { zone: 'substation', site: 'sub-north', services: ['power-north'] }),
      testAsset('br-s1', 'breaker', { zone: 'substation', district: 'south', site: 'sub-south', services: ['power-south'] }),
      testAsset('tank-1', 'tank', { zone: 'water', params: { heightM: 8 }, services: ['water-north'] }),
      testAsset('siren-1', 'siren', { zone: 'control' }),
      testAsset('cad-1', 'dispatch-server', { zone: 'control', services: ['dispatch'] }),
    ],
    services: [
      { id: 'power-north', name: 'Power to North', kind: 'power', peopleServed: 40_000, criticality: 'critical', rtoMinutes: 60, rpoMinutes: 0, dependsOn: { assets: [], services: [] } },
      { id: 'power-south', name: 'Power to South', kind: 'power', peopleServed: 20_000, criticality: 'critical', rtoMinutes: 60, rpoMinutes: 0, dependsOn: { assets: [], services: [] } },
      { id: 'water-north', name: 'Water supply North', kind: 'water', peopleServed: 40_000, criticality: 'critical', rtoMinutes: 240, rpoMinutes: 0, dependsOn: { assets: [], services: ['power-north'] } },
      { id: 'dispatch', name: '112 dispatch', kind: 'emergency', peopleServed: 60_000, criticality: 'critical', rtoMinutes: 5, rpoMinutes: 0, dependsOn: { assets: [], services: [] } },
    ],
    contacts: [{ role: 'duty-officer', name: 'Duty officer', phone: '+43 1 000' }],
    maintenanceWindows: [{ id: 'substation-tue-night', zones: ['substation'], days: ['tue'], start: '22:00', end: '02:00' }],
    ...overrides,
  };
}

/** The test city as a model. */
export function smallCityModel(overrides: Partial<City> = {}): CityModel {
  return new CityModel(smallCity(overrides));
}
