// The documented multi-process setup on one machine (docs/scale-out.md), started through the real
// command line against the real Mosquitto (MQTT 5), NATS and PostgreSQL: `cityguard serve` (API,
// correlation, and one of two ingest processes), `cityguard worker --roles ingest` (the other one;
// both in one MQTT 5 shared subscription), and two `cityguard worker` detection processes. Device
// messages sent to Mosquitto are each stored once, both ingest processes take a share, and a
// reading no tank can have becomes one alert (detected by a worker) and an incident (correlated by serve).
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/platform/store/index.js';
import { SERVICES, servicesAvailable } from '../support/services.js';
import { removeScaleRun, scaleRun, spawnServe, spawnWorker, waitFor, type WorkerProcess } from './scale-worker-support.js';

const up = await servicesAvailable('nats', 'postgres', 'mosquitto');
const run = scaleRun('multi', {
  mqtt: `{ embedded: { enabled: false }, external: { url: ${JSON.stringify(SERVICES.mosquitto.url)}, sharedGroup: cg-${process.pid}-${Date.now().toString(36)} } }`,
  cluster: '{ detection: workers, leaseS: 3, heartbeatS: 0.5, checkpointS: 0.5, worker: { port: 0 } }',
});
const procs: WorkerProcess[] = [];
afterAll(async () => {
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
  if (up) await removeScaleRun(run);
});

const TANKS = [
  ['riverside', 'ww-clearwell'],
  ['hillside', 'res-hillside'],
] as const;
const READINGS = 150;

async function json<T>(url: string): Promise<T | undefined> {
  const res = await fetch(url).catch(() => undefined);
  return res?.ok ? ((await res.json()) as T) : undefined;
}

describe.skipIf(!up)('the multi-process setup: serve, an ingest worker and two detection workers', () => {
  it('stores each device message once, shares ingest between two processes, and detects and correlates across processes', { timeout: 5 * 60_000 }, async () => {
    const serve = await spawnServe(run);
    procs.push(serve);
    const ingest = await spawnWorker(run, 'ingest-1', 'ingest');
    procs.push(ingest);
    procs.push(await spawnWorker(run, 'detect-1'), await spawnWorker(run, 'detect-2'));
    const owned = async (p: WorkerProcess) => (await json<{ partitions: unknown[] }>(`${p.url}/status`))?.partitions.length ?? 0;
    await waitFor(async () => (await owned(procs[2]!)) === 2 && (await owned(procs[3]!)) === 2, 'the detection workers to split the partitions');
    expect((await fetch(`${ingest.url}/ready`)).status).toBe(200);

    const client = await mqtt.connectAsync(SERVICES.mosquitto.url, { protocolVersion: 5, clientId: `devices-${run.tag}` });
    for (let seq = 0; seq < READINGS; seq++) {
      for (const [district, id] of TANKS) await client.publishAsync(`city/${district}/tank/${id}/telemetry`, JSON.stringify({ seq, metrics: { level_m: 3.1 } }), { qos: 1 });
    }
    // The clear-water tank is 5 m high: 7.5 m cannot be true.
    await client.publishAsync('city/riverside/tank/ww-clearwell/telemetry', JSON.stringify({ seq: READINGS, metrics: { level_m: 7.5 } }), { qos: 1 });
    await client.endAsync();

    const store = new PostgresStore({ url: SERVICES.postgres.url, schema: run.schema });
    try {
      const count = (assetId: string) => store.events.count({ assetId });
      await waitFor(async () => (await count('ww-clearwell')) >= READINGS + 1 && (await count('res-hillside')) >= READINGS, 'every reading stored', 120_000);
      await waitFor(async () => (await store.incidents.count()) >= 1, 'the incident from serve’s correlation', 60_000);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // anything doubled would have arrived by now
      expect(await count('ww-clearwell')).toBe(READINGS + 1);
      expect(await count('res-hillside')).toBe(READINGS);
      const alerts = (await store.alerts.list({ limit: 100 })).items;
      expect(alerts.map((a) => `${a.detector.id} ${a.assetIds[0]}`)).toEqual(['tank-level-out-of-bounds ww-clearwell']);
      const incidents = (await store.incidents.list({ limit: 10 })).items;
      expect(incidents).toHaveLength(1);
      expect(incidents[0]!.alertIds).toEqual([alerts[0]!.id]);
      // Both ingest processes took part of the shared subscription.
      const byWorker = (await json<{ ingest: { accepted: Record<string, number> } }>(`${ingest.url}/status`))!.ingest.accepted['mqtt'] ?? 0;
      expect(byWorker).toBeGreaterThan(0);
      expect(byWorker).toBeLessThan(2 * READINGS + 1);
    } finally {
      await store.close();
    }
  });
});
