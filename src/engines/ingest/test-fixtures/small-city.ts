// A small city for ingest tests: two districts, a breaker, a tank, a signal controller, a VPN gateway
// and an SSH host with addresses for syslog mapping. Built inline; no YAML involved.
import { CityModel, type Asset, type AssetKind, type City } from '../../../domain/index.js';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]] as [number, number][]] };

/** One asset with the fields ingest reads; the rest are plausible defaults. */
export function testAsset(id: string, kind: AssetKind, district: string, network: Asset['network'] = {}): Asset {
  return {
    id, name: id, kind, vendor: 'Acme', model: 'M1', firmware: '1.0', protocols: ['mqtt'], network, zone: 'field',
    district, location: [0, 0], criticality: 'high', services: [], tags: [], params: {}, source: 'declared',
  };
}

/** The test city; `extra` adds assets (e.g. many generated devices). */
export function smallCity(extra: Asset[] = []): CityModel {
  const city: City = {
    city: { id: 'testville', name: 'Testville', timezone: 'UTC', center: [0, 0], population: 1000 },
    districts: [
      { id: 'north', name: 'North', population: 600, geometry: square },
      { id: 'south', name: 'South', population: 400, geometry: square },
    ],
    zones: [{ id: 'field', name: 'Field', securityLevel: 2 }],
    conduits: [], sites: [], contacts: [], maintenanceWindows: [],
    assets: [
      testAsset('br-1', 'breaker', 'north', { ip: '10.1.0.11' }),
      testAsset('br-2', 'breaker', 'north', { ip: '10.1.0.12' }),
      testAsset('tank-1', 'tank', 'south'),
      testAsset('sig-1', 'signal-controller', 'south'),
      testAsset('vpn-1', 'vpn-gateway', 'north', { ip: '10.0.0.1', hostname: 'vpn-gw-1' }),
      testAsset('hmi-1', 'hmi', 'north', { ip: '10.0.0.20', hostname: 'scada-hmi-1' }),
      ...extra,
    ],
    services: [],
  };
  return new CityModel(city);
}
