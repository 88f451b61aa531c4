// The synthetic city of the ingest bench: N devices over four districts, in kinds the rules watch
// (breakers and signal controllers are tracked for silence, tanks checked against their height),
// each with a telemetry body that is valid for its kind and triggers no alert.
import { CityModel, type Asset, type AssetKind, type City } from '../../src/domain/index.js';

const DISTRICTS = ['north', 'south', 'east', 'west'];
const KINDS: AssetKind[] = ['street-light', 'breaker', 'tank', 'pump', 'signal-controller', 'camera', 'street-light', 'pressure-sensor'];
const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]] as [number, number][]] };

/** One device of the bench city: its asset id, kind and telemetry topic. */
export interface BenchDevice {
  id: string;
  kind: AssetKind;
  topic: string;
}

/** Devices `dev-000000` … in round-robin kinds and districts. */
export function benchDevices(n: number): BenchDevice[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!;
    const district = DISTRICTS[Math.floor(i / KINDS.length) % DISTRICTS.length]!;
    const id = `dev-${String(i).padStart(6, '0')}`;
    return { id, kind, topic: `city/${district}/${kind}/${id}/telemetry` };
  });
}

/** The city model holding the bench devices. */
export function benchCity(devices: readonly BenchDevice[]): CityModel {
  const assets: Asset[] = devices.map((d) => ({
    id: d.id, name: d.id, kind: d.kind, vendor: 'Acme', model: 'B1', firmware: '1.0', protocols: ['mqtt'], network: {},
    zone: 'field', district: d.topic.split('/')[1]!, location: [0, 0], criticality: 'medium', services: [], tags: [],
    params: (d.kind === 'tank' ? { heightM: 12 } : {}) as Record<string, number>, source: 'declared',
  }));
  const city: City = {
    city: { id: 'benchville', name: 'Benchville', timezone: 'UTC', center: [0, 0], population: 100_000 },
    districts: DISTRICTS.map((id) => ({ id, name: id, population: 25_000, geometry: square })),
    zones: [{ id: 'field', name: 'Field', securityLevel: 2 }],
    conduits: [], sites: [], contacts: [], maintenanceWindows: [], assets, services: [],
  };
  return new CityModel(city);
}

/** Metrics JSON (without braces' owner) valid for each kind, varied a little by sequence number. */
export function metricsJson(kind: AssetKind, seq: number): string {
  const v = seq % 10;
  switch (kind) {
    case 'street-light': return `{"on":true,"power_w":${80 + v}}`;
    case 'breaker': return `{"closed":true,"current_a":${300 + v},"voltage_kv":10.5,"load_mw":${4 + v / 10}}`;
    case 'tank': return `{"level_m":${5 + v / 10},"inflow_lps":${v - 5}}`;
    case 'pump': return `{"running":true,"flow_lps":${40 + v},"speed_pct":80}`;
    case 'signal-controller': return `{"mode":"coordinated","phase_ns":"${v < 5 ? 'green' : 'red'}","phase_ew":"${v < 5 ? 'red' : 'green'}","cycle_s":90}`;
    case 'camera': return `{"recording":true,"bitrate_kbps":${4000 + v}}`;
    case 'pressure-sensor': return `{"pressure_bar":${3 + v / 10}}`;
    default: return '{}';
  }
}
