// What the twin publishes is what ingest accepts: every message of a Ukraine 2015 run through the
// ingest engine's normalizer, none quarantined, each becoming the Event its channel promises.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';
import { DeviceMessageNormalizer, DeviceRegistry, EventIdGenerator } from '../../src/engines/ingest/index.js';
import {
  CityTwin,
  DirectDeviceTransport,
  loadScenarioFile,
  ScenarioRunner,
  type DeviceMessage,
} from '../../src/operations/twin/index.js';

describe('twin → ingest', () => {
  it('ingest accepts every message of an attacked city and maps events to their types', async () => {
    const city = loadCityFile('content/cities/sample-city.yaml');
    const scenario = loadScenarioFile('content/scenarios/ukraine-2015.yaml', city);
    const store = await SqliteStore.open({ path: ':memory:' });
    const clock = new ManualClock(Date.UTC(2025, 11, 23, 21, 0));
    const normalizer = new DeviceMessageNormalizer(
      await DeviceRegistry.open(city, store.state),
      clock,
      new EventIdGenerator(),
    );
    const messages: DeviceMessage[] = [];
    const twin = new CityTwin({
      city,
      clock,
      transport: new DirectDeviceTransport((m) => messages.push(m)),
      seed: 9,
    });
    await twin.start();
    new ScenarioRunner({ twin, scenario }).start();
    clock.advance(2_700_000);
    await twin.stop();
    const quarantined: string[] = [];
    const types = new Map<string, number>();
    for (const m of messages) {
      const r = normalizer.normalize(m.topic, JSON.stringify(m.body));
      if (r.ok === true) types.set(r.event.type, (types.get(r.event.type) ?? 0) + 1);
      else quarantined.push(`${m.topic}: ${r.ok === false ? `${r.reason} ${r.detail}` : 'skipped'}`);
    }
    await store.close();
    expect(quarantined.slice(0, 5)).toEqual([]);
    expect([...types.keys()].sort()).toEqual(['auth', 'command', 'log', 'network', 'telemetry']);
    expect(types.get('command')).toBe(19);
  });
});
