// Ingest subscribed to a real external broker (Mosquitto 2 on 127.0.0.1:1883, MQTT 5): device
// messages arrive through it, are checked against the city model, and a shared subscription splits
// them between two ingest processes without duplicates. Devices here get unique ids per run, because
// other tests may use the same broker at the same time.
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '../../src/domain/index.js';
import { MqttSubscriptionSource } from '../../src/engines/ingest/index.js';
import { smallCity, testAsset } from '../../src/engines/ingest/test-fixtures/small-city.js';
import { SERVICES, servicesAvailable } from '../support/services.js';
import { startHarness, until, type IngestHarness } from './ingest-support.js';

const available = await servicesAvailable('mosquitto');
const run = `${process.pid}-${Date.now().toString(36)}`;
const pumpId = `pump-${run}`;
const city = smallCity([testAsset(pumpId, 'pump', 'north')]);
const topic = `city/north/pump/${pumpId}/telemetry`;

const harnesses: IngestHarness[] = [];
let publisher: MqttClient | undefined;
afterEach(async () => {
  await publisher?.endAsync(true);
  publisher = undefined;
  for (const h of harnesses.splice(0)) await h.stop();
});

const reading = (seq: number) => JSON.stringify({ seq, metrics: { running: true, flow_lps: 12.5 } });
const pumpEvents = async (h: IngestHarness) =>
  ((await h.store.events.query({ assetId: pumpId, limit: 1000 })).items as TelemetryEvent[]).map((e) => e.seq!);

describe.skipIf(!available)('ingest from an external MQTT broker (Mosquitto)', () => {
  it('ingests device messages through the broker and quarantines bad ones', async () => {
    const h = await startHarness({ external: { url: SERVICES.mosquitto.url } }, city);
    harnesses.push(h);
    publisher = await mqtt.connectAsync(SERVICES.mosquitto.url, { protocolVersion: 5, clientId: `pub-${run}` });
    await publisher.publishAsync(topic, reading(1), { qos: 1 });
    await publisher.publishAsync(topic, '{broken', { qos: 1 });
    await publisher.publishAsync(`city/south/pump/${pumpId}/telemetry`, reading(2), { qos: 1 });
    await publisher.publishAsync(topic, reading(3), { qos: 1 });
    await until(async () => (await pumpEvents(h)).length >= 2 && (h.ingest.counters.snapshot().quarantinedByReason['malformed'] ?? 0) >= 1);
    await h.settle();
    expect((await pumpEvents(h)).sort()).toEqual([1, 3]);
    const mine = (await h.store.quarantine.list({ limit: 1000 })).items.filter((q) => q.origin?.includes(pumpId));
    expect(mine.map((q) => q.reason).sort()).toEqual(['bad-topic', 'malformed']);
  });

  it('splits a shared subscription between two ingest processes, each message once', async () => {
    const group = `cg-${run}`;
    const a = await startHarness({ external: { url: SERVICES.mosquitto.url, sharedGroup: group } }, city);
    const b = await startHarness({ external: { url: SERVICES.mosquitto.url, sharedGroup: group } }, city);
    harnesses.push(a, b);
    expect(a.ingest.external!.filter).toBe(`$share/${group}/city/+/+/+/+`);
    publisher = await mqtt.connectAsync(SERVICES.mosquitto.url, { protocolVersion: 5, clientId: `pub-${run}-2` });
    for (let i = 0; i < 40; i++) await publisher.publishAsync(topic, reading(i), { qos: 1 });
    await until(async () => (await pumpEvents(a)).length + (await pumpEvents(b)).length >= 40);
    const seqs = [...(await pumpEvents(a)), ...(await pumpEvents(b))].sort((x, y) => x - y);
    expect(seqs).toEqual([...Array(40).keys()]);
    expect((await pumpEvents(a)).length).toBeGreaterThan(0);
    expect((await pumpEvents(b)).length).toBeGreaterThan(0);
  });

  it('fails with CG_INGEST_EXTERNAL_BROKER when nothing listens at the URL', async () => {
    const source = new MqttSubscriptionSource({ url: 'mqtt://127.0.0.1:1', pipeline: undefined as never, connectTimeoutMs: 2000 });
    await expect(source.start()).rejects.toMatchObject({ code: 'CG_INGEST_EXTERNAL_BROKER' });
  });
});
