// A small but complete city for tests that need one without the sample city's size.
import type { Asset, City, Service } from '../../src/domain/index.js';
import { CityModel } from '../../src/domain/index.js';

const square = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]] as [number, number][]],
});

/** An asset with sensible defaults; override what the test cares about. */
export function testAsset(id: string, overrides: Partial<Asset> = {}): Asset {
  return {
    id, name: id, kind: 'breaker', vendor: 'ABB', model: 'REF615', firmware: '5.0', protocols: ['iec104'], network: {},
    zone: 'substations', district: 'north', location: [10.001, 50.001], criticality: 'high', services: [], tags: [], params: {},
    source: 'declared', ...overrides,
  };
}

function testService(id: string, overrides: Partial<Service>): Service {
  return { id, name: id, kind: 'power', peopleServed: 0, criticality: 'high', rtoMinutes: 60, rpoMinutes: 0, dependsOn: { assets: [], services: [] }, ...overrides };
}

/** Two districts, a feeder breaker powering a pump and a hospital, an HMI and a VPN gateway. */
export function tinyCity(): City {
  return {
    city: { id: 'testville', name: 'Testville', timezone: 'Europe/Berlin', center: [10, 50], population: 30_000 },
    districts: [
      { id: 'north', name: 'North', population: 20_000, geometry: square(10, 50) },
      { id: 'south', name: 'South', population: 10_000, geometry: square(10, 49.99) },
    ],
    zones: [
      { id: 'office', name: 'Office IT', securityLevel: 1 },
      { id: 'scada', name: 'SCADA control centre', securityLevel: 3 },
      { id: 'substations', name: 'Substations', securityLevel: 3 },
      { id: 'water', name: 'Water', securityLevel: 3 },
    ],
    conduits: [{ id: 'scada-to-substations', from: 'scada', to: 'substations', protocols: ['iec104'] }],
    sites: [{ id: 'sub-north', name: 'Substation North', kind: 'substation', district: 'north', location: [10.002, 50.002] }],
    assets: [
      testAsset('br-north-1', { site: 'sub-north', services: ['power-north'] }),
      testAsset('pump-1', { kind: 'pump', zone: 'water', protocols: ['modbus'], criticality: 'high' }),
      testAsset('hmi-1', { kind: 'hmi', zone: 'scada', tags: ['scada-master'], network: { ip: '10.10.0.5', hostname: 'hmi-1' } }),
      testAsset('vpn-1', { kind: 'vpn-gateway', zone: 'office', network: { ip: '10.0.0.1' } }),
    ],
    services: [
      testService('power-north', { name: 'Power to North', peopleServed: 20_000, district: 'north', dependsOn: { assets: ['br-north-1'], services: [] } }),
      testService('water-north', { name: 'Water supply North', kind: 'water', peopleServed: 18_000, dependsOn: { assets: ['pump-1'], services: ['power-north'] } }),
      testService('hospital', { name: 'St. Anna hospital', kind: 'health', peopleServed: 400, rtoMinutes: 5, dependsOn: { assets: [], services: ['power-north', 'water-north'] } }),
    ],
    contacts: [{ role: 'incident-lead', name: 'Duty officer', phone: '+49 000 000' }],
    maintenanceWindows: [{ id: 'weekly', zones: ['substations'], days: ['tue'], start: '09:00', end: '12:00' }],
  };
}

/** The tiny city as a model. */
export function tinyCityModel(): CityModel {
  return new CityModel(tinyCity());
}
