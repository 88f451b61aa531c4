import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { Alert, CityModel, type Process, type TelemetryEvent } from '../../../domain/index.js';
import { loadCityFile } from '../../../platform/content/index.js';
import { loadTechniqueTable } from '../attack/technique-table.js';
import { anomalyAlert, anomalyTechnique } from './anomaly-alert.js';
import type { Departure } from './departure.js';
import { ProcessMonitor } from './process-monitor.js';

const sample = loadCityFile('content/cities/sample-city.yaml');
const techniques = loadTechniqueTable();
const process: Process = {
  id: 'wz-test',
  name: 'Test zone (Hochbehälter Nord)',
  assets: ['res-north', 'bs-north-p1'],
  periodS: 60,
  learningHours: 3,
  baselineHours: 2,
  falseAlarmBudget: 0.001,
  alarm: { openAfter: 3, window: 5, closeAfter: 10, rejoinWithin: 60 },
};
const city = new CityModel({ ...sample.city, processes: [process] });
const checkAlert = Compile(Alert);
const T0 = Date.UTC(2025, 11, 17, 0, 0);

/** Telemetry of a tank filled by one pump between 3 and 4 m, every 5 s, with a little noise. */
function* telemetry(fromMs: number, toMs: number): Generator<TelemetryEvent> {
  let level = 3.5;
  let on = false;
  let n = 0;
  for (let t = fromMs; t < toMs; t += 5_000) {
    level += ((on ? 50 : 0) - 30) * 5 / 1000 / 500;
    if (level < 3) on = true;
    if (level > 4) on = false;
    const wobble = Math.sin(n * 1.7) * 0.002;
    yield { id: `e${n++}`, ts: t, receivedTs: t, source: 'twin', type: 'telemetry', assetId: 'res-north', metrics: { level_m: level + wobble, inflow_lps: (on ? 50 : 0) - 30 } };
    yield { id: `e${n++}`, ts: t + 1, receivedTs: t + 1, source: 'twin', type: 'telemetry', assetId: 'bs-north-p1', metrics: { running: on, flow_lps: on ? 50 + 10 * wobble : 0, speed_pct: 100 } };
  }
}

describe('ProcessMonitor', () => {
  it('watches the process metrics of its assets and moves through learning and baseline to detecting', () => {
    const m = new ProcessMonitor({ city, process, techniques });
    expect(m.layout.signals).toEqual(['res-north.level_m', 'res-north.inflow_lps', 'bs-north-p1.running', 'bs-north-p1.flow_lps', 'bs-north-p1.speed_pct']);
    expect(m.watches('bs-north-p1') && !m.watches('bs-north-p2')).toBe(true);
    expect(m.status()).toMatchObject({ phase: 'learning', learningSamples: 180, baselineSamples: 120, baseline: { kind: 'live' } });
    for (const e of telemetry(T0, T0 + 90 * 60_000)) m.ingest(e);
    expect(m.status().progress).toBeCloseTo(0.5, 1);
    for (const e of telemetry(T0 + 90 * 60_000, T0 + 6 * 3_600_000)) m.ingest(e);
    const s = m.status();
    expect(s.phase).toBe('detecting');
    expect(s.lastScore).not.toBeNull();
    expect(s.counts).toMatchObject({ stale: 0, late: 0, badValues: 0 });
  });

  it('continues identically after a JSON snapshot, and refuses a snapshot of another process', () => {
    const a = new ProcessMonitor({ city, process, techniques });
    for (const e of telemetry(T0, T0 + 6 * 3_600_000)) a.ingest(e);
    const b = ProcessMonitor.restore({ city, process, techniques }, JSON.parse(JSON.stringify(a.snapshot())));
    const rest = [...telemetry(T0 + 6 * 3_600_000, T0 + 7 * 3_600_000)];
    const scores = (m: ProcessMonitor) => rest.map((e) => (m.ingest(e), m.status().lastScore));
    // A restored monitor starts a new stretch (time has passed since the snapshot); so does the original here.
    a.restartSeries();
    b.restartSeries();
    expect(scores(b)).toEqual(scores(a));
    const other = { ...process, id: 'wz-other' };
    expect(() => ProcessMonitor.restore({ city: new CityModel({ ...sample.city, processes: [other] }), process: other, techniques }, a.snapshot())).toThrow(/CG_ANOMALY_SNAPSHOT_INVALID|other signals/);
  });

  it('forgets everything on re-learn and says where its baseline comes from', () => {
    const m = new ProcessMonitor({ city, process, techniques, baseline: { kind: 'simulated', description: 'pre-learned' } });
    for (const e of telemetry(T0, T0 + 6 * 3_600_000)) m.ingest(e);
    m.relearn();
    expect(m.status()).toMatchObject({ phase: 'learning', progress: 0, lastScore: null, baseline: { kind: 'live' } });
  });

  it('holds the pump to its PLC’s levels, keeps a restored detector’s rules until re-learn, and re-learns with the city file’s levels', () => {
    const a = new ProcessMonitor({ city, process, techniques });
    expect(a.status().controlRules).toEqual({
      given: ['start level of PLC bs-north-plc for pump bs-north-p1 in the city file', 'stop level of PLC bs-north-plc for pump bs-north-p1 in the city file'],
      setAside: [],
    });
    expect(a.detector.config.controls.map((r) => `${r.status} ${r.state} ${r.reading} ${r.when} ${r.threshold}`)).toEqual([
      'bs-north-p1.running 1 res-north.level_m below 3',
      'bs-north-p1.running 0 res-north.level_m above 5.2',
    ]);
    // A planned change: the PLC now starts the pumps below 2.8 m.
    const assets = sample.city.assets.map((x) => (x.id === 'bs-north-plc' ? { ...x, params: { ...x.params, startLevelM: 2.8 } } : x));
    const changed = new CityModel({ ...sample.city, assets, processes: [process] });
    const b = ProcessMonitor.restore({ city: changed, process, techniques }, JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.detector.config.controls.map((r) => r.threshold)).toEqual([3, 5.2]);
    b.relearn();
    expect(b.detector.config.controls.map((r) => r.threshold)).toEqual([2.8, 5.2]);
  });
});

describe('anomaly alerts', () => {
  const departure = (signal: string, kind: Departure['kind'], text: string): Departure => ({ signal, kind, strength: 3, observed: 2.5, expected: 3.1, text });
  const signals = new ProcessMonitor({ city, process, techniques }).layout.signals.map((name) => ({ name, label: name, asset: name, unit: '', role: name.endsWith('level_m') ? ('level' as const) : ('status' as const), kind: 'continuous' as const, constant: false, idle: false, modeShare: 0 }));

  it('read a frozen reading as spoofing, equipment off its learned control as a changed parameter, the rest as manipulation', () => {
    expect(anomalyTechnique([departure('res-north.level_m', 'flat', 'x'), departure('bs-north-p1.running', 'long-run', 'y')], signals)).toBe('T0856');
    expect(anomalyTechnique([departure('bs-north-p1.running', 'long-run', 'y')], signals)).toBe('T0836');
    expect(anomalyTechnique([departure('bs-north-p1.flow_lps', 'drift', 'z')], signals)).toBe('T0831');
  });

  it('are valid Alerts with the departures as evidence and in the explanation, keyed by process and opening time', () => {
    const departures = [departure('res-north.level_m', 'flat', 'tank res-north level reads steady at 2.50 m for 9 samples: the reading may be frozen or replayed')];
    const input = { city, process, departures, signals, openMs: T0, windowMs: 300_000, score: 2.345, baseline: 'learned live', eventIds: ['e1'], techniques };
    const alert = anomalyAlert(input);
    expect(checkAlert.Check(alert)).toBe(true);
    expect(alert).toMatchObject({ detector: { kind: 'anomaly', id: 'process/wz-test' }, technique: { id: 'T0856', name: 'Spoof Reporting Message' }, assetIds: ['res-north'], severity: 'high' });
    expect(alert.explanation.what).toContain('reads steady at 2.50 m');
    expect(alert.evidence.signals).toEqual([{ name: 'res-north.level_m', observed: 2.5, expected: 3.1, description: departures[0]!.text }]);
    expect(alert.evidence.window).toEqual({ fromTs: T0 - 300_000, toTs: T0 });
    expect(anomalyAlert(input).dedupKey).toBe(alert.dedupKey);
    expect(anomalyAlert({ ...input, openMs: T0 + 60_000 }).dedupKey).not.toBe(alert.dedupKey);
  });
});
