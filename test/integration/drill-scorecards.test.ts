// Drills kept as scorecards with their history: a scenario with detection switched off is reported
// missed (the drill can fail), and because it was detected before the rules changed, it carries a
// regression marker naming what changed. The command line runs the library once or on a schedule and
// prints the latest scorecards and their trend; the API serves them in the dashboard's shapes.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiTokens, buildApi } from '../../src/app/api/index.js';
import { main } from '../../src/app/cli/main.js';
import { demoStoreConfig, loadDrillContent, drillContentPaths } from '../../src/app/runtime/index.js';
import { DrillStage } from '../../src/app/runtime/drill-stage.js';
import type { DrillHistory as DrillHistoryBody, DrillRun, DrillTrendList } from '../../src/contracts/index.js';
import { DrillDesk, DrillHistory, type DrillContent, type DrillScorecard } from '../../src/operations/drills/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { createLogger } from '../../src/platform/log/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';

vi.setConfig({ testTimeout: 900_000 }); // several simulated cities on a shared machine

const SCENARIO = 'traffic-signal-tampering';
const QUICK = { warmupS: 60, observeAfterS: 300 };
const shipped = loadDrillContent(drillContentPaths()).content;
const expected = new Set(shipped.scenarios.find((s) => s.id === SCENARIO)!.steps.flatMap((s) => s.detectedBy ?? []));

describe('drill scorecards and their history', () => {
  const store = new SqliteStore({ path: ':memory:' });
  let content: DrillContent = shipped;
  let desk: DrillDesk;
  const runs: DrillScorecard[] = [];

  beforeAll(async () => {
    await store.migrate();
    desk = new DrillDesk({ history: new DrillHistory(store.state), content: () => content, drill: QUICK });
  });
  afterAll(() => store.close());

  it('keeps a finished scorecard: detected, times, cost, detections, playbooks and the configuration fingerprint', async () => {
    runs.push(await desk.run({ scenario: SCENARIO, response: 'auto', trigger: 'cli' }));
    expect(runs[0]).toMatchObject({ status: 'finished', scenario: SCENARIO, response: 'auto', seed: 2015, detected: true, playbooks: ['traffic-signal-tampering'] });
    expect(runs[0]!.time_to_detect_s).toBeGreaterThan(0);
    expect(runs[0]!.detections!.every((d) => expected.has(d))).toBe(true);
    expect(runs[0]!.fingerprint).toMatchObject({ rules: expect.stringMatching(/^[0-9a-f]{16}$/), combined: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(runs[0]!.customer_minutes_lost_without_response).toBeNull(); // no run without response to compare with yet
    expect(runs[0]!.regression).toBeUndefined();
  });

  it('reports a scenario with its detection switched off as missed, each expected rule with why, and marks the regression', async () => {
    content = { ...shipped, rules: shipped.rules.filter((r) => !expected.has(r.id)) };
    runs.push(await desk.run({ scenario: SCENARIO, response: 'auto', trigger: 'cli' }));
    const missed = runs[1]!;
    expect(missed).toMatchObject({ status: 'finished', detected: false, time_to_detect_s: null, detections: [] });
    expect(new Set(missed.missed!.map((m) => m.what.split('rule ')[1]))).toEqual(expected);
    expect(missed.missed!.every((m) => m.why === 'rule not loaded')).toBe(true);
    expect(missed.regression).toMatchObject({ since: runs[0]!.id, changed: ['rules'] });
    expect(missed.fingerprint!.playbooks).toBe(runs[0]!.fingerprint!.playbooks);

    runs.push(await desk.run({ scenario: SCENARIO, response: 'auto', trigger: 'cli' })); // still broken
    expect(runs[2]!.regression?.since).toBe(runs[0]!.id);
    const [trend] = await new DrillHistory(store.state).trends();
    expect(trend!.points.map((p) => [p.detected, p.regression])).toEqual([
      [true, false],
      [false, true],
      [false, true],
    ]);
  });

  it('marks no regression when a scenario is missed with the configuration it was never detected with', async () => {
    runs.push(await desk.run({ scenario: SCENARIO, response: 'none', trigger: 'cli' }));
    expect(runs[3]).toMatchObject({ detected: false });
    expect(runs[3]!.regression).toBeUndefined();
  });
});

describe('cityguard drill schedule and drill report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-drills-'));
  const quick = ['--warmup-s', '60', '--observe-s', '300'];
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      return { code: await main(['node', 'cityguard', 'drill', ...args]), out };
    } finally {
      log.mockRestore();
    }
  };

  it('runs the chosen scenarios once without and with response, and the report shows both with the customer-minutes response saved', async () => {
    const run = await cli('schedule', '--once', '--scenarios', SCENARIO, '--data-dir', dir, ...quick);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([expect.stringMatching(/^traffic-signal-tampering \(none\): detected after/), expect.stringMatching(/^traffic-signal-tampering \(auto\): detected after .*without response/)]);
    const report = await cli('report', '--json', '--data-dir', dir);
    const { items } = JSON.parse(report.out[0]!) as DrillTrendList;
    const none = items.find((t) => t.response === 'none')!.latest;
    const auto = items.find((t) => t.response === 'auto')!.latest;
    expect(auto.customer_minutes_lost_without_response).toBe(none.customer_minutes_lost);
    expect(auto.baseline_run).toBe(none.id);
    expect(auto.customer_minutes_lost!).toBeLessThan(none.customer_minutes_lost!);
  });

  it('fails (exit 1) when a configuration change switched the scenario’s detection off, and the report names the regression', async () => {
    // The shipped rules, with every rule this scenario expects switched off (`enabled: false`).
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    for (const file of readdirSync('content/rules').filter((f) => f.endsWith('.yaml'))) {
      const text = readFileSync(join('content/rules', file), 'utf8');
      const id = /^id: (\S+)$/m.exec(text)![1]!;
      writeFileSync(join(rules, file), expected.has(id) ? text.replace(/^id: .*$/m, (line) => `${line}\nenabled: false`) : text);
    }
    const config = join(dir, 'cityguard.yaml');
    writeFileSync(config, `city: ${resolve('content/cities/sample-city.yaml')}\ndataDir: ${dir}\nrules: ${rules}\n`);
    const run = await cli('schedule', '--once', '--config', config, '--scenarios', SCENARIO, '--response', 'auto', ...quick);
    expect(run.code).toBe(1);
    expect(run.out[0]).toMatch(/MISSED.*REGRESSION: detected by run drill-\S+, missed since the rules changed/);
    const text = await cli('report', '--scenario', SCENARIO, '--data-dir', dir);
    expect(text.out[0]).toMatch(/missed: step \S+ \(T\d+.*\): rule \S+ — rule switched off/);
    expect(text.out[0]).toMatch(/configuration: rules [0-9a-f]{16}/);
  });

  it('refuses a schedule it cannot read', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await cli('schedule', '--at', '25:61', '--data-dir', dir)).code).toBe(1);
      expect(errors.mock.calls.flat().join(' ')).toMatch(/CG_DRILL_BAD_SCHEDULE/);
      expect((await cli('schedule', '--data-dir', dir)).code).toBe(1); // neither --every, --at nor --once
    } finally {
      errors.mockRestore();
    }
  });
});

describe('drills over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-drill-api-'));
  const store = new SqliteStore({ path: join(dir, 'store.sqlite') });
  const clock = new ManualClock(Date.UTC(2025, 11, 23, 12));
  let stage: DrillStage;
  let app: Awaited<ReturnType<typeof buildApi>>;
  const tokens = { viewer: '', operator: '' };
  const as = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });

  beforeAll(async () => {
    await store.migrate();
    const config = demoStoreConfig(dir);
    stage = new DrillStage({ config, store, clock, log: createLogger({ pretty: false, level: 'silent' }), drill: QUICK });
    await stage.start();
    const t = await ApiTokens.open(store.state);
    tokens.viewer = await t.create('vera', 'viewer', Date.now());
    tokens.operator = await t.create('otto', 'operator', Date.now());
    app = await buildApi(
      { store, city: shipped.city, tokens: t, live: { subscribe: () => () => undefined }, clock, metrics: new Registry(), devicesHeardSince: () => 0, health: async () => ({ store: { ok: true } }) },
      { logger: false, dashboardDir: false, extraRoutes: [stage.routes()] },
    );
  });
  afterAll(async () => {
    await app.close();
    await stage.stop();
    await store.close();
  });

  it('runs a drill for an operator in the background: queued at once, pollable, then in the history and the trend', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/drills', headers: as('viewer'), payload: { scenario: SCENARIO, response: 'auto' } })).statusCode).toBe(403);
    const unknown = await app.inject({ method: 'POST', url: '/api/drills/run', headers: as('operator'), payload: { scenario: 'no-such', response: 'auto' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'CG_DRILL_UNKNOWN_SCENARIO' });

    const started = await app.inject({ method: 'POST', url: '/api/drills', headers: as('operator'), payload: { scenario: SCENARIO, response: 'auto', seed: 7 } });
    expect(started.statusCode).toBe(202);
    const queued = started.json<DrillRun>();
    expect(queued).toMatchObject({ status: 'queued', scenario: SCENARIO, seed: 7, trigger: 'api', requestedBy: 'otto' });
    await stage.desk.whenIdle();
    const done = (await app.inject({ url: `/api/drills/${queued.id}`, headers: as('viewer') })).json<DrillRun>();
    expect(done).toMatchObject({ id: queued.id, status: 'finished', detected: true });
    expect(done.assets!.length).toBeGreaterThan(0);
    expect(done.assets!.some((a) => a.state === 'contained')).toBe(true);

    const history = (await app.inject({ url: `/api/drills?scenario=${SCENARIO}`, headers: as('viewer') })).json<DrillHistoryBody>();
    expect(history.items.map((d) => d.id)).toEqual([queued.id]);
    const trend = (await app.inject({ url: '/api/drills/trend', headers: as('viewer') })).json<DrillTrendList>();
    expect(trend.items).toEqual([expect.objectContaining({ scenario: SCENARIO, response: 'auto', latest: expect.objectContaining({ id: queued.id }) })]);
    expect((await app.inject({ url: '/api/drills/drill-nope', headers: as('viewer') })).json()).toMatchObject({ error: 'CG_DRILL_NOT_FOUND' });
  });
});
