import { describe, expect, it } from 'vitest';
import type { City, Process } from './city.js';
import { processSignals } from './city.js';
import { checkCity } from './city-checks.js';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]] as [number, number][]] };
const asset = (id: string, kind: 'tank' | 'pump' | 'hmi') => ({
  id, name: id, kind, vendor: 'v', model: 'm', firmware: '1', protocols: [], network: {},
  zone: 'z', district: 'd', location: [0, 0] as [number, number], criticality: 'high' as const, services: [], tags: [], params: {},
  source: 'declared' as const,
});
const zone = (overrides: Partial<Process> = {}): Process => ({
  id: 'zone-a', name: 'Zone A', assets: ['t1', 'p1'], periodS: 60, learningHours: 24, baselineHours: 12, falseAlarmBudget: 0.001,
  alarm: { openAfter: 3, window: 5, closeAfter: 10, rejoinWithin: 60 }, ...overrides,
});

function city(processes: Process[]): City {
  return {
    city: { id: 'c', name: 'C', timezone: 'UTC', center: [0, 0], population: 10 },
    districts: [{ id: 'd', name: 'D', population: 10, geometry: square }],
    zones: [{ id: 'z', name: 'Z', securityLevel: 2 }],
    conduits: [], sites: [], contacts: [], maintenanceWindows: [], services: [],
    assets: [asset('t1', 'tank'), asset('p1', 'pump'), asset('hmi1', 'hmi'), asset('p.2', 'pump')],
    processes,
  };
}

describe('processes in the city file', () => {
  it('default to the process metrics of their assets’ kinds', () => {
    const kinds = new Map(city([]).assets.map((a) => [a.id, a.kind]));
    expect(processSignals(zone(), (id) => kinds.get(id))).toEqual(['t1.level_m', 't1.inflow_lps', 'p1.running', 'p1.flow_lps', 'p1.speed_pct']);
    expect(checkCity(city([zone(), zone({ id: 'zone-b', assets: ['p.2', 't1'], signals: ['p.2.flow_lps', 't1.level_m'] })]))).toEqual([]);
  });

  it('report unknown assets, signals of other assets or of metrics the kind lacks, and duplicate ids', () => {
    const problems = checkCity(
      city([zone({ assets: ['t1', 'ghost'], signals: ['t1.level_m', 't1.colour', 'p1.flow_lps', 't1.level_m'] }), zone()]),
    );
    expect(problems.map((p) => p.path)).toEqual(['/processes/0/assets/1', '/processes/0/signals/1', '/processes/0/signals/2', '/processes/0/signals/3', '/processes/1/id']);
    expect(problems[1]!.message).toMatch(/no numeric or on\/off metric "colour"/);
  });

  it('need two signals, enough samples to learn and calibrate, and a gate that can open', () => {
    const problems = checkCity(city([zone({ assets: ['hmi1'], learningHours: 0.2, alarm: { openAfter: 6, window: 5, closeAfter: 10, rejoinWithin: 60 } })]));
    expect(problems.map((p) => p.message)).toEqual([
      'the process has 0 signal(s); a detector needs at least 2',
      'openAfter (6) cannot exceed window (5)',
      '0.2 h at one sample every 60 s gives 12 samples; at least 24 are needed',
    ]);
  });
});
