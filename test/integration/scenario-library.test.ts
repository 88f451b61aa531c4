// The attack scenario library on the sample city, end to end without a broker: each scenario is
// played on the twin (ManualClock) through ingest's normalizer, the shipped rules and the
// correlator, as in rules-ukraine-2015.test.ts. Checks that an hour of normal city life before each
// attack raises nothing, that each scenario's ordinary-looking steps raise nothing on their own,
// that every step is caught by the rules it names and the attack becomes the incident the scenario
// expects — and that with detection switched off the same scenario is reported as missed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { severityRank, tacticRank, type Alert, type Event, type Incident, type Scenario } from '../../src/domain/index.js';
import { Correlator, loadRules, loadTechniqueTable, RuleEngine, type CompiledRule } from '../../src/engines/detection/index.js';
import { DeviceMessageNormalizer, DeviceRegistry, EventIdGenerator } from '../../src/engines/ingest/index.js';
import { main } from '../../src/app/cli/main.js';
import {
  CityTwin,
  detectionReport,
  DirectDeviceTransport,
  loadScenarioLibrary,
  ScenarioRunner,
  scenarioStartMs,
  type DetectionReport,
  type DeviceMessage,
} from '../../src/operations/twin/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const techniques = loadTechniqueTable();
const rules = loadRules('content/rules', techniques).rules;
const library = loadScenarioLibrary('content/scenarios', city);
const scenarios = library.scenarios.map((s) => s.scenario);
/** Saturday 20 December 2025; each scenario starts at its own local time on or after this. */
const NOT_BEFORE_MS = Date.UTC(2025, 11, 20, 0, 0);
const QUIET_MS = 60 * 60_000;
const TAIL_MS = 10 * 60_000;

interface Played {
  quiet: Alert[];
  alerts: Alert[];
  incidents: Incident[];
  rejected: string[];
  report: DetectionReport;
}

/** Plays a scenario after `quietMs` of normal city life and lets time run on until it is done. */
async function play(scenario: Scenario, ruleSet: readonly CompiledRule[], quietMs = QUIET_MS): Promise<Played> {
  const startMs = scenarioStartMs(scenario, city, NOT_BEFORE_MS);
  const clock = new ManualClock(startMs - quietMs);
  const store = await SqliteStore.open({ path: ':memory:' });
  await store.migrate();
  const normalizer = new DeviceMessageNormalizer(await DeviceRegistry.open(city, store.state, () => clock.now()), clock, new EventIdGenerator('t'));
  const alerts: Alert[] = [];
  const engine = new RuleEngine({ rules: [...ruleSet], city, clock, onAlert: (a) => alerts.push(a) });
  const rejected: string[] = [];
  const onMessage = (m: DeviceMessage) => {
    const r = normalizer.normalize(m.topic, JSON.stringify(m.body), 'twin');
    if (r.ok === true) engine.process([r.event as Event]);
    else if (r.ok === false) rejected.push(`${m.topic}: ${r.detail}`);
  };
  const twin = new CityTwin({ city, clock, transport: new DirectDeviceTransport(onMessage), seed: 2025 });
  await twin.start();
  engine.start();
  clock.advance(quietMs);
  const quiet = alerts.splice(0);
  const runner = new ScenarioRunner({ twin, scenario });
  runner.start();
  for (let guard = 0; !runner.finished && guard < 24 * 60; guard++) clock.advance(60_000);
  clock.advance(TAIL_MS);
  engine.stop();
  await twin.stop();
  await store.close();
  const correlator = new Correlator({ city, clock });
  const incidents = new Map<string, Incident>();
  for (const a of alerts) {
    const i = correlator.add(a);
    incidents.set(i.id, i);
  }
  const report = detectionReport({
    scenario,
    timeline: runner.timeline(),
    alerts,
    incidents: [...incidents.values()],
    ruleIds: new Set(ruleSet.map((r) => r.id)),
  });
  return { quiet, alerts, incidents: [...incidents.values()], rejected, report };
}

const describeAlert = (a: Alert) => `${a.detector.id} on ${a.assetIds.join(',')}`;

describe('the scenario library', () => {
  it('holds at least the eight required scenarios, every file valid on the sample city', () => {
    expect(library.problems).toEqual([]);
    expect(scenarios.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'ukraine-2015',
        'industroyer-2016',
        'mirai-cameras-2016',
        'traffic-signal-tampering',
        'oldsmar-2021',
        'dallas-sirens-2017',
        'ransomware-office-to-scada',
        'resident-data-theft',
      ]),
    );
  });

  it('names only ATT&CK for ICS techniques and rules that exist, and marks Oldsmar as unconfirmed', () => {
    const known = new Set(rules.map((r) => r.id));
    for (const s of scenarios) {
      for (const step of s.steps) {
        for (const t of step.techniques) expect.soft(techniques.get(t), `${s.id}/${step.id}: ${t}`).toBeDefined();
        for (const r of step.detectedBy ?? []) expect.soft(known.has(r), `${s.id}/${step.id}: ${r}`).toBe(true);
      }
      expect.soft(s.models.sources.length, s.id).toBeGreaterThan(0);
    }
    expect(scenarios.find((s) => s.id === 'oldsmar-2021')!.models.confirmed).toBe(false);
  });
});

describe.each(scenarios.map((s) => [s.id, s] as const))('scenario %s on the sample city', (_id, scenario) => {
  const played = play(scenario, rules);

  it('raises nothing during an hour of normal city life before the attack', async () => {
    const { quiet, rejected } = await played;
    expect(rejected).toEqual([]);
    expect(quiet.map(describeAlert)).toEqual([]);
  }, 120_000);

  it('is caught at every step by the rules the step names, and is detected', async () => {
    const { report } = await played;
    expect(report.missed).toEqual([]);
    expect(report.detected).toBe(true);
    expect(report.timeToDetectS).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('becomes the incident it expects: one incident holding most of its alerts, at its stage and severity', async () => {
    const { report, incidents } = await played;
    const main = incidents.find((i) => i.id === report.incident?.id);
    expect(main).toBeDefined();
    const expected = scenario.expectedIncident ?? { stage: 'initial-access', severity: 'high' };
    expect(tacticRank(main!.stage)).toBeGreaterThanOrEqual(tacticRank(expected.stage));
    expect(severityRank(main!.severity)).toBeGreaterThanOrEqual(severityRank(expected.severity));
    expect(report.incident!.asExpected).toBe(true);
    const attackAlerts = Object.values(report.alertsByRule).reduce((n, c) => n + c, 0);
    expect(main!.alertIds.length).toBeGreaterThanOrEqual(attackAlerts * 0.8);
    expect(main!.peopleAffected).toBeGreaterThan(0);
  }, 120_000);

  it.runIf(scenario.steps.some((s) => s.looksNormal))('raises nothing for its ordinary-looking steps played alone', async () => {
    const normal: Scenario = { ...scenario, steps: scenario.steps.filter((s) => s.looksNormal) };
    const { alerts, rejected } = await play(normal, rules, 5 * 60_000);
    expect(rejected).toEqual([]);
    expect(alerts.map(describeAlert)).toEqual([]);
  }, 120_000);
});

describe('a scenario with detection switched off', () => {
  it('is reported as missed, every expected rule listed as not loaded', async () => {
    const scenario = scenarios.find((s) => s.id === 'oldsmar-2021')!;
    const { report, alerts } = await play(scenario, [], 5 * 60_000);
    expect(alerts).toEqual([]);
    expect(report.detected).toBe(false);
    expect(report.timeToDetectS).toBeUndefined();
    expect(report.incident).toBeUndefined();
    const expected = scenario.steps.flatMap((s) => (s.detectedBy ?? []).map((r) => `step ${s.id} (${s.techniques.join(', ')}): rule ${r} — rule not loaded`));
    expect(expected.length).toBeGreaterThan(0);
    expect(report.missed).toEqual(expected);
  }, 120_000);
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const before = process.exitCode;
  try {
    const code = await main(['node', 'cityguard', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.exitCode = before;
    log.mockRestore();
    error.mockRestore();
  }
}

describe('cityguard scenarios list', () => {
  it('lists every scenario with the incident it models and its ATT&CK for ICS technique ids (--json)', async () => {
    const r = await run('scenarios', 'list', '--json');
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.out) as { count: number; invalid: number; scenarios: Array<{ id: string; incident: string; techniques: string[]; confirmed: boolean }> };
    expect(listed.invalid).toBe(0);
    expect(listed.count).toBe(scenarios.length);
    for (const s of listed.scenarios) {
      expect.soft(s.incident.length, s.id).toBeGreaterThan(0);
      expect.soft(s.techniques.length, s.id).toBeGreaterThan(0);
      for (const t of s.techniques) expect.soft(t, s.id).toMatch(/^T0[89]\d\d$/);
    }
    const industroyer = listed.scenarios.find((s) => s.id === 'industroyer-2016')!;
    expect(industroyer.techniques).toEqual(expect.arrayContaining(['T0855', 'T0846', 'T0806']));
    expect(listed.scenarios.find((s) => s.id === 'oldsmar-2021')!.confirmed).toBe(false);
  });

  it('reports a broken file by file and line, still lists the good ones, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-scenarios-'));
    writeFileSync(join(dir, 'good.yaml'), readFileSync('content/scenarios/oldsmar-2021.yaml', 'utf8'));
    writeFileSync(
      join(dir, 'bad.yaml'),
      'id: bad-one\nname: n\ndescription: d\nmodels: { incident: x, sources: [y] }\nsteps:\n  - id: a\n    atS: 0\n    name: n\n    techniques: []\n    action: { do: flood, on: { ids: [ww-hmi] }, ratePerMin: 5, durationS: 60 }\n',
    );
    const text = await run('scenarios', 'list', '--dir', dir);
    expect(text.code).toBe(1);
    expect(text.out).toContain('oldsmar-2021 — ');
    expect(text.out).toMatch(/bad\.yaml:\d+:\d+: .*ww-hmi is a hmi, which cannot be flooded/);
    expect(text.out).toMatch(/bad\.yaml:\d+:\d+: an attack step needs at least one ATT&CK for ICS technique id/);
    expect(text.out).toContain('1 scenario(s), checked against content/cities/sample-city.yaml; 1 file(s) did not load');
    const json = await run('scenarios', 'list', '--dir', dir, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ count: 1, invalid: 1 });
  });

  it('says clearly when the folder does not exist', async () => {
    const r = await run('scenarios', 'list', '--dir', 'content/no-such-folder');
    expect(r.code).toBe(1);
    expect(r.err).toContain('content/no-such-folder: not a folder of scenario files');
  });
});
