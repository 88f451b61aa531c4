// The anomaly stage behind the HTTP API: GET /api/processes shows each process detector's phase,
// progress and baseline; POST /api/processes/:id/relearn needs the operator role; and what a stage
// learned survives a restart through the state store. Telemetry arrives on the bus as ingest sends it.
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/app/cli/main.js';
import type { ProcessList } from '../../src/contracts/index.js';
import type { TelemetryEvent } from '../../src/domain/index.js';
import { ApiTokens, buildApi, processRoutes } from '../../src/app/api/index.js';
import { AnomalyStage, PROCESS_STATE_NAMESPACE } from '../../src/app/runtime/anomaly-stage.js';
import { loadTechniqueTable } from '../../src/engines/detection/index.js';
import { InProcessBus, TOPICS } from '../../src/platform/bus/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import { silentLogger } from '../../src/platform/log/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const clock = new ManualClock(Date.UTC(2025, 11, 17, 8, 0));
const store = await SqliteStore.open({ path: ':memory:' });
const bus = new InProcessBus();
const log = silentLogger();
const techniques = loadTechniqueTable();
const stage = () => new AnomalyStage({ bus, store, city, clock, log, techniques });
let anomaly: AnomalyStage;
let app: Awaited<ReturnType<typeof buildApi>>;
const tokens = { viewer: '', operator: '' };
const auth = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });

/** An hour of the north zone reporting every 5 s, published as ingest would. */
async function northHour(fromMs: number): Promise<void> {
  let n = 0;
  for (let t = fromMs; t < fromMs + 3_600_000; t += 5_000) {
    const on = Math.floor(t / 1_200_000) % 2 === 0;
    const e = (assetId: string, metrics: TelemetryEvent['metrics']): TelemetryEvent => ({ id: `t${t}-${n++}`, ts: t, receivedTs: t, source: 'twin', type: 'telemetry', assetId, metrics });
    const events = [
      e('res-north', { level_m: 4 + ((t / 1000) % 97) / 1000, inflow_lps: on ? 40 : -60 }),
      e('bs-north-p1', { running: on, flow_lps: on ? 50 : 0, speed_pct: 100 }),
      e('bs-north-p2', { running: on, flow_lps: on ? 50 : 0, speed_pct: 100 }),
      e('res-north-v-in', { open_pct: 100, flow_lps: on ? 100 : 0 }),
      e('res-north-v-out', { open_pct: 100, flow_lps: 60 }),
      e('ps-north-1', { pressure_bar: 3.9 }),
      e('ps-north-2', { pressure_bar: 4.7 }),
    ];
    for (const event of events) await bus.publish(TOPICS.eventReceived, event, { key: event.assetId });
  }
  clock.advance(3_600_000);
  await bus.drain();
}

beforeAll(async () => {
  await store.migrate();
  anomaly = stage();
  await anomaly.start();
  const t = await ApiTokens.open(store.state);
  for (const role of ['viewer', 'operator'] as const) tokens[role] = await t.create(role, role, clock.now());
  app = await buildApi(
    { store, city, tokens: t, live: { subscribe: () => () => undefined }, clock, metrics: new Registry(), devicesHeardSince: () => 0, health: async () => ({}), ingest: async () => ({ accepted: 0, rejected: 0, problems: [] }) },
    { logger: false, dashboardDir: false, extraRoutes: [processRoutes(anomaly)] },
  );
  await northHour(clock.now());
});
afterAll(async () => {
  await app.close();
  await anomaly.stop();
  await bus.close();
  await store.close();
});

describe('process detectors in the API', () => {
  it('lists every process of the city with its phase, progress and where its baseline comes from', async () => {
    const res = await app.inject({ url: '/api/processes', headers: auth('viewer') });
    expect(res.statusCode).toBe(200);
    const body = res.json<ProcessList>();
    expect(body.prelearning).toBe(false);
    expect(body.items.map((p) => `${p.id} ${p.phase} ${p.baseline.kind}`)).toEqual(['wz-low learning live', 'wz-hillside learning live', 'wz-north learning live']);
    const north = body.items.find((p) => p.id === 'wz-north')!;
    expect(north.learningSamples).toBe(168 * 60);
    expect(north.counts.samples).toBeGreaterThanOrEqual(59);
    expect(north.progress).toBeCloseTo(north.counts.samples / north.learningSamples, 6);
    expect(north.signals).toContain('bs-north-p1.flow_lps');
    // Each of the two booster pumps runs below the PLC's start level and stops above its stop level.
    expect(north.controlRules).toEqual({
      given: ['start', 'stop', 'start', 'stop'].map((level, i) => `${level} level of PLC bs-north-plc for pump bs-north-p${i < 2 ? 1 : 2} in the city file`),
      setAside: [],
    });
  });

  it('are listed by `cityguard processes list` with their phase, baseline and control rules', async () => {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const out: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      expect(await main(['node', 'cityguard', 'processes', 'list', '--url', url, '--token', tokens.viewer])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const text = out.join('\n');
    expect(text).toMatch(/wz-north +learning +\d+ % +Nordstadt zone/);
    expect(text).toContain('control rules: 4 from the city file');
  });

  it('re-learns a process for an operator, refuses a viewer and names an unknown process', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/processes/wz-north/relearn', headers: auth('viewer') })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/processes/wz-nowhere/relearn', headers: auth('operator') })).json()).toMatchObject({ error: 'CG_API_NOT_FOUND' });
    const res = await app.inject({ method: 'POST', url: '/api/processes/wz-north/relearn', headers: auth('operator') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'wz-north', phase: 'learning', progress: 0, baseline: { kind: 'live' } });
    expect(res.json().baseline.description).toMatch(/re-learn asked by operator/);
  });

  it('keeps what a process learned across a restart, through the state store', async () => {
    await northHour(clock.now());
    const before = anomaly.list().find((p) => p.id === 'wz-north')!;
    expect(before.progress).toBeGreaterThan(0);
    await anomaly.stop();
    expect(await store.state.get(PROCESS_STATE_NAMESPACE, 'wz-north')).toBeDefined();
    anomaly = stage();
    await anomaly.start();
    const after = anomaly.list().find((p) => p.id === 'wz-north')!;
    expect(after).toMatchObject({ phase: 'learning', progress: before.progress, baseline: before.baseline });
  });
});
