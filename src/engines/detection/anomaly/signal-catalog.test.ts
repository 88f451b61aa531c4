import { describe, expect, it } from 'vitest';
import { catalogSignals, inferLabel } from './signal-catalog.js';

describe('inferLabel', () => {
  it('reads SCADA tags and telemetry keys into words', () => {
    expect(inferLabel('L_T1')).toEqual({ label: 'tank T1 level', asset: 'tank T1', unit: 'm', role: 'level' });
    expect(inferLabel('S_PU10')).toMatchObject({ label: 'pump PU10', role: 'status' });
    expect(inferLabel('P_J280')).toMatchObject({ label: 'pressure at junction J280', role: 'pressure' });
    expect(inferLabel('pump-3.flow_lps')).toEqual({ label: 'pump-3 flow', asset: 'pump-3', unit: 'L/s', role: 'flow' });
    expect(inferLabel('weird')).toEqual({ label: 'weird', asset: 'weird', unit: '', role: 'other' });
  });
});

describe('catalogSignals', () => {
  it('learns kind, constancy and idleness from rows, and lets the caller name things', () => {
    const rows = Array.from({ length: 100 }, (_, i) => Float64Array.from([i % 2, 7, i < 98 ? 0 : 5, i * 0.1]));
    const s = catalogSignals(['S_PU1', 'c', 'F_PU9', 'x'], rows, { x: { label: 'inlet temperature', unit: '°C' } });
    expect(s.map((i) => [i.kind, i.constant, i.idle])).toEqual([
      ['binary', false, false],
      ['continuous', true, true],
      ['continuous', false, true],
      ['continuous', false, false],
    ]);
    expect(s[3]).toMatchObject({ label: 'inlet temperature', unit: '°C' });
  });
});
