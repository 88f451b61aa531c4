// Shared set-up for ingest integration tests: a real SQLite store in a temporary folder, the
// in-process bus and ingest started on free ports; plus an MQTT 3.1.1 client for devices.
import mqtt, { type MqttClient } from 'mqtt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CityModel } from '../../src/domain/index.js';
import { startIngest, type IngestConfig, type IngestService } from '../../src/engines/ingest/index.js';
import { smallCity } from '../../src/engines/ingest/test-fixtures/small-city.js';
import { InProcessBus } from '../../src/platform/bus/index.js';
import { SystemClock } from '../../src/platform/clock/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';

/** A running ingest over real parts, and how to tear it down. */
export interface IngestHarness {
  ingest: IngestService;
  store: SqliteStore;
  bus: InProcessBus;
  city: CityModel;
  /** Waits until every accepted message is on the bus, persisted, and quarantine records are written. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts ingest on the small test city with the given sources. */
export async function startHarness(config: IngestConfig, city: CityModel = smallCity()): Promise<IngestHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'cityguard-ingest-'));
  const store = await SqliteStore.open({ path: join(dir, 'store.db') });
  await store.assets.upsertMany(city.city.assets);
  const bus = new InProcessBus();
  let ingest: IngestService;
  try {
    ingest = await startIngest({ city, bus, store, clock: new SystemClock() }, config);
  } catch (error) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ingest, store, bus, city,
    async settle() {
      await bus.drain();
      await ingest.quarantine.flush();
    },
    async stop() {
      await ingest.stop();
      await bus.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Connects an MQTT 3.1.1 client (no automatic reconnect). */
export function connectDevice(port: number, username: string, password: string, clientId = username): Promise<MqttClient> {
  return mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { protocolVersion: 4, clientId, username, password, reconnectPeriod: 0, connectTimeout: 5000 });
}

/** Resolves once `condition` holds, polling every 10 ms (the test timeout bounds the wait). */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}
