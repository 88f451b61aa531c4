// Captures dropped into a watched folder reach the live platform: their Modbus traffic becomes
// network events, and the forged command in the Lemay capture becomes a stored, published alert.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuntimeConfig, startRuntime, type Runtime } from '../../src/app/runtime/index.js';
import { silentLogger } from '../../src/platform/log/index.js';
import { tinyCity } from '../support/tiny-city.js';

const CAPTURE = '../shared/data/lemay-modbus/send_a_fake_command_modbus_6RTU_with_operate.pcap';
const present = existsSync(CAPTURE);
if (!present) console.warn(`skipping: ${CAPTURE} not found (the shared data sets are not on this machine)`);

let runtime: Runtime | undefined;
afterAll(() => runtime?.stop());

describe.skipIf(!present)('captures in a watched folder', () => {
  it('turns a capture into network events and alerts on the rogue Modbus master', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-captures-'));
    const watch = join(dir, 'captures');
    mkdirSync(watch);
    writeFileSync(join(dir, 'city.yaml'), stringify(tinyCity()));
    writeFileSync(
      join(dir, 'config.yaml'),
      stringify({
        city: 'city.yaml',
        dataDir: 'data',
        api: { port: 0 },
        mqtt: { embedded: { enabled: false } },
        syslog: { enabled: false },
        captures: { watchDir: 'captures', learnPackets: 4700, pollMs: 200 },
      }),
    );
    runtime = await startRuntime(loadRuntimeConfig(join(dir, 'config.yaml')), { logger: silentLogger() });
    copyFileSync(CAPTURE, join(watch, 'tap-0001.pcap'));
    const deadline = Date.now() + 60_000;
    let alerts = (await runtime.store.alerts.list({ limit: 100 })).items;
    while (!alerts.some((a) => /rogue Modbus master 192\.168\.1\.101/.test(a.title + a.explanation.what)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      alerts = (await runtime.store.alerts.list({ limit: 100 })).items;
    }
    expect(alerts.map((a) => a.title + ' ' + a.explanation.what).join('\n')).toMatch(/rogue Modbus master 192\.168\.1\.101/);
    expect(await runtime.store.events.count({ type: 'network' })).toBeGreaterThan(1000);
  }, 90_000);
});
