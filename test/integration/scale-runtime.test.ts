// The runtime on its scale-out parts, chosen by configuration alone: PostgreSQL store and NATS
// JetStream bus on the real servers. An event that a rule matches, published twice with the same
// id (as a redelivering ingest would), becomes exactly one alert in PostgreSQL.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Event, RuntimeConfig } from '../../src/domain/index.js';
import { contentPath, startRuntime } from '../../src/app/runtime/index.js';
import { loadContentText } from '../../src/platform/content/index.js';
import { RuntimeConfig as RuntimeConfigSchema } from '../../src/domain/index.js';
import { TOPICS } from '../../src/platform/bus/index.js';
import { silentLogger } from '../../src/platform/log/index.js';
import { SERVICES, servicesAvailable } from '../support/services.js';

const up = await servicesAvailable('nats', 'postgres');
const tag = `${process.pid}_${Date.now().toString(36)}`;
const schema = `cg_scale_${tag}`;
const streamPrefix = `CGSCALE-${tag.replace(/_/g, '-')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'cityguard-scale-'));

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (!up) return;
  const client = new pg.Client({ connectionString: SERVICES.postgres.url });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
  const nc = await connect({ servers: SERVICES.nats.url });
  const jsm = await jetstreamManager(nc);
  for await (const s of jsm.streams.list()) if (s.config.name.startsWith(`${streamPrefix}_`)) await jsm.streams.delete(s.config.name);
  await nc.close();
});

function scaleConfig(): RuntimeConfig {
  return loadContentText<RuntimeConfig>(
    `
city: ${JSON.stringify(contentPath('cities', 'sample-city.yaml'))}
dataDir: ${JSON.stringify(dataDir)}
api: { host: 127.0.0.1, port: 0 }
mqtt: { embedded: { enabled: false } }
syslog: { enabled: false }
store: { kind: postgres, url: ${JSON.stringify(SERVICES.postgres.url)}, schema: ${schema} }
bus: { kind: nats, url: ${JSON.stringify(SERVICES.nats.url)}, partitions: 4, streamPrefix: ${streamPrefix}, maxAgeS: 3600 }
`,
    'scale-out test configuration',
    RuntimeConfigSchema,
  );
}

describe.skipIf(!up)('runtime on PostgreSQL and NATS JetStream', () => {
  it('turns a matching event published twice with one id into exactly one stored alert', async () => {
    const runtime = await startRuntime(scaleConfig(), { logger: silentLogger() });
    try {
      const now = Date.now();
      const event: Event = {
        id: `evt-${tag}`, ts: now, receivedTs: now, source: 'syslog', type: 'log', assetId: 'hmi-cc-1',
        severity: 4, host: 'cc-op01', app: 'Microsoft-Windows-Eventlog', message: 'The audit log was cleared.', attrs: { eventId: 1102 },
      };
      await runtime.bus.publish(TOPICS.eventReceived, event, { key: 'hmi-cc-1', id: event.id });
      await runtime.bus.publish(TOPICS.eventReceived, event, { key: 'hmi-cc-1', id: event.id });
      await runtime.bus.drain();
      while ((await runtime.store.alerts.count()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      await runtime.bus.drain();
      const alerts = (await runtime.store.alerts.list({})).items;
      expect(alerts.map((a) => a.detector.id)).toEqual(['event-log-cleared']);
      expect(runtime.bus.stats().topics[TOPICS.eventReceived]).toMatchObject({ published: 1, duplicates: 1 });
    } finally {
      await runtime.stop();
    }
  });
});
