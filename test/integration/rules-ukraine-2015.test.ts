// The Ukraine 2015 scenario, end to end without a broker: the city twin plays it on a ManualClock,
// ingest's normalizer turns device messages into Events, the shipped rule library raises alerts and
// the correlator groups them. Checks that a quiet hour of normal city life raises nothing, that each
// attack step is detected, and that the attack becomes one incident naming the services and people at risk.
import { describe, expect, it } from 'vitest';
import type { Alert, Event, Incident } from '../../src/domain/index.js';
import { Correlator, loadRules, loadTechniqueTable, RuleEngine } from '../../src/engines/detection/index.js';
import { DeviceMessageNormalizer, DeviceRegistry, EventIdGenerator } from '../../src/engines/ingest/index.js';
import { CityTwin, DirectDeviceTransport, loadScenarioFile, ScenarioRunner, scenarioStartMs, type DeviceMessage } from '../../src/operations/twin/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const scenario = loadScenarioFile('content/scenarios/ukraine-2015.yaml', city);
const rules = loadRules('content/rules', loadTechniqueTable()).rules;
const QUIET_MS = 60 * 60_000;

async function play() {
  const startMs = scenarioStartMs(scenario, city, Date.UTC(2025, 11, 23, 12, 0));
  const clock = new ManualClock(startMs - QUIET_MS);
  const store = await SqliteStore.open({ path: ':memory:' });
  await store.migrate();
  const normalizer = new DeviceMessageNormalizer(await DeviceRegistry.open(city, store.state, () => clock.now()), clock, new EventIdGenerator('t'));
  const alerts: Alert[] = [];
  const incidents = new Map<string, Incident>();
  const correlator = new Correlator({ city, clock });
  const engine = new RuleEngine({ rules, city, clock, onAlert: (a) => alerts.push(a) });
  const rejected: string[] = [];
  const onMessage = (m: DeviceMessage) => {
    const r = normalizer.normalize(m.topic, JSON.stringify(m.body), 'twin');
    if (r.ok === true) engine.process([r.event as Event]);
    else if (r.ok === false) rejected.push(`${m.topic}: ${r.detail}`);
  };
  const twin = new CityTwin({ city, clock, transport: new DirectDeviceTransport(onMessage), seed: 2015 });
  await twin.start();
  engine.start();
  clock.advance(QUIET_MS);
  const quiet = alerts.splice(0);
  const runner = new ScenarioRunner({ twin, scenario });
  runner.start();
  clock.advance(45 * 60_000);
  engine.stop();
  await twin.stop();
  await store.close();
  for (const a of alerts) {
    const i = correlator.add(a);
    incidents.set(i.id, i);
  }
  return { quiet, alerts, incidents: [...incidents.values()], rejected, startMs };
}

const result = play();

describe('the Ukraine 2015 attack on the sample city', () => {
  it('raises nothing during an hour of normal operation before the attack', async () => {
    const { quiet, rejected } = await result;
    expect(rejected).toEqual([]);
    expect(quiet.map((a) => `${a.detector.id} ${a.assetIds.join(',')}`)).toEqual([]);
  });

  it('detects every step of the attack the rules cover', async () => {
    const fired = new Set((await result).alerts.map((a) => a.detector.id));
    for (const id of [
      'office-document-spawns-process',
      'beacon-to-external-host',
      'privileged-account-created',
      'vpn-login-at-odd-hour',
      'control-network-sweep',
      'remote-desktop-onto-control-console',
      'vpn-then-control-console',
      'ups-shutdown-scheduled',
      'breaker-opens-across-substations',
      'dispatch-call-flood',
      'firmware-upload-unsigned',
      'firmware-upload-outside-maintenance',
      'control-device-silent',
      'event-log-cleared',
    ]) {
      expect.soft(fired.has(id), id).toBe(true);
    }
  });

  it('groups the attack into one incident at the impact stage with the services and people at risk', async () => {
    const { alerts, incidents } = await result;
    const main = incidents.find((i) => i.alertIds.includes(alerts.find((a) => a.detector.id === 'breaker-opens-across-substations')!.id))!;
    expect(main).toMatchObject({ stage: 'impact', severity: 'critical' });
    expect(main.alertIds.length).toBeGreaterThanOrEqual(alerts.length * 0.9);
    expect(main.affectedServices.map((s) => s.kind)).toEqual(expect.arrayContaining(['power', 'water', 'traffic', 'emergency']));
    expect(main.peopleAffected).toBeGreaterThan(50_000);
    expect(main.summary.why).toMatch(/people/);
    expect(incidents.length).toBeLessThanOrEqual(3);
  });
});
