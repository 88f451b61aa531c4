// The trust layer in the running demo: devices enroll with one-time tokens and speak only sealed
// messages over MQTT with TLS, so a platform client on the broker sees nothing readable; commands
// are signed and sealed; forged, replayed, stale and wrongly keyed messages are refused, counted,
// quarantined and alerted on; rotate-credentials revokes a device's keys; everything lands in the
// ledger, which a witness cosigns and `cityguard ledger verify` accepts — until a byte is changed.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerCheckpointInfo, LedgerEntryPage, LedgerVerifyResult } from '../../src/contracts/index.js';
import type { Action, Alert, Event, QuarantineItem } from '../../src/domain/index.js';
import { demoConfig, startRuntime, type Runtime } from '../../src/app/runtime/index.js';
import {
  DeviceClient,
  frameDeviceMessage,
  generateDeviceIdentity,
  generatePlatformIdentity,
  importDeviceIdentity,
  platformPublicKeys,
} from '../../src/engines/device-security/index.js';
import { Ledger } from '../../src/engines/ledger/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { silentLogger } from '../../src/platform/log/index.js';
import { until } from '../support/until.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'cg-trust-'));
let runtime: Runtime;
let token: string;
const captured: Array<{ topic: string; payload: Buffer }> = [];
let observer: MqttClient;

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
}

/** An MQTT client over the broker's TLS listener, trusting the demo CA. */
function tlsClient(username: string, password: string): Promise<MqttClient> {
  return connectAsync(`mqtts://127.0.0.1:${runtime.ingest.broker!.tlsPort}`, {
    protocolVersion: 4,
    clientId: username,
    username,
    password,
    ca: readFileSync(join(dataDir, 'certs', 'ca.pem')),
    rejectUnauthorized: true,
    reconnectPeriod: 0,
  });
}

/** A twin device's keys as the device keeps them: what an attacker who stole them would have. */
function stolenKeys(assetId: string) {
  const keys = JSON.parse(readFileSync(join(dataDir, 'twin', 'device-keys.json'), 'utf8')) as Record<string, string>;
  return importDeviceIdentity(keys[assetId]!);
}

const reading = { metrics: { on: true, power_w: 120 } };
const topicOf = (assetId: string, channel: string) => `city/downtown/street-light/${assetId}/${channel}`;

beforeAll(async () => {
  const config = demoConfig({ port: 0, dataDir, attackAfterS: 3600, speed: 60, seed: 11, mqttPort: 0, syslogPort: 0 });
  runtime = await startRuntime(config, { logger: silentLogger() });
  token = await runtime.createToken('test-admin', 'admin');
  const cred = await runtime.ingest.registry.issuePlatform('observer');
  observer = await tlsClient(cred.username, cred.password);
  observer.on('message', (topic, payload) => captured.push({ topic, payload: Buffer.from(payload) }));
  await observer.subscribeAsync('city/#', { qos: 0 });
}, 180_000);

afterAll(async () => {
  await observer?.endAsync().catch(() => undefined);
  await runtime?.stop();
}, 60_000);

describe('devices end to end in the demo', () => {
  it('enrolls every twin device with a one-time token, recorded in the ledger', async () => {
    const devices = runtime.deviceSecurity!.registry.list();
    expect(devices.length).toBe(runtime.city.assets.size);
    expect(devices.every((d) => d.status === 'active' && d.keyVersion === 1)).toBe(true);
    const enrolled = await api<LedgerEntryPage>('GET', '/api/ledger/entries?kind=device.enrolled&limit=1000');
    expect(new Set(enrolled.body.items.map((e) => (e.payload as { deviceId: string }).deviceId)).size).toBe(runtime.city.assets.size);
    const tokens = await api<LedgerEntryPage>('GET', '/api/ledger/entries?kind=device.token-issued&limit=1000');
    expect(tokens.body.items.length).toBe(runtime.city.assets.size);
    expect(JSON.stringify(tokens.body)).not.toMatch(/"token":/);
  });

  it('lets a platform client on the broker see only ciphertext', async () => {
    await until('device traffic on the broker', 30_000, () => (captured.filter((m) => m.topic.endsWith('/telemetry')).length > 200 ? true : undefined));
    const device = captured.filter((m) => /\/(telemetry|events|status|cmd-ack)$/.test(m.topic));
    expect(device.length).toBeGreaterThan(200);
    const readable = device.filter((m) => m.payload[0] !== 0xc7 || /metrics|power_w|"online"|"type"/.test(m.payload.toString('latin1')));
    expect(readable.map((m) => `${m.topic}: ${m.payload.toString('utf8').slice(0, 80)}`)).toEqual([]);
    const status = await api<{ quarantine: Record<string, number> }>('GET', '/api/status');
    expect(status.body.quarantine).toEqual({});
  }, 60_000);

  it('sends commands signed and sealed, and the device answers sealed', async () => {
    const target = 'light-downtown-01';
    const before = captured.length;
    const ack = await runtime.ingest.commander!.sendAndWait(target, { command: 'device.safe-mode', args: { on: true } }, 30_000);
    expect(ack.result).toBe('ok');
    // The observer is another client of the broker: the copy it receives may arrive after the device's answer.
    const commands = await until('the observer seeing the command', 10_000, async () => {
      const seen = captured.slice(before).filter((m) => m.topic === topicOf(target, 'cmd'));
      return seen.length > 0 ? seen : undefined;
    });
    expect(commands.length).toBe(1);
    expect(commands[0]!.payload[0]).toBe(0xc8);
    expect(commands[0]!.payload.toString('latin1')).not.toContain('safe-mode');
    // The broker (or anyone on it) replays the sealed command: the device refuses it and says so.
    await observer.publishAsync(topicOf(target, 'cmd'), commands[0]!.payload, { qos: 1 });
    await observer.publishAsync(topicOf(target, 'cmd'), JSON.stringify({ id: 'x', ts: runtime.clock.now(), command: 'device.safe-mode', args: { on: false } }), { qos: 1 });
    const refusals = await until('the device reporting refused commands', 30_000, async () => {
      const { body } = await api<{ items: Event[] }>('GET', `/api/events?assetId=${target}&type=log&limit=50`);
      const guard = body.items.filter((e) => e.type === 'log' && e.app === 'command-guard');
      return guard.length >= 2 ? guard : undefined;
    });
    expect(refusals.map((e) => (e.type === 'log' ? e.attrs['reason'] : '')).sort()).toEqual(['plaintext', 'replayed']);
  }, 60_000);

  it('refuses forged, replayed, stale and wrongly keyed messages: quarantined with the reason, counted and alerted', async () => {
    const victims = ['light-downtown-02', 'light-downtown-03', 'light-downtown-04', 'light-downtown-05'] as const;
    for (const v of victims) expect(runtime.city.asset(v)?.kind).toBe('street-light');
    const tap = await runtime.ingest.registry.issueGateway('tap', [...victims]);
    const gateway = await tlsClient(tap.username, tap.password);
    try {
      // The newest sealed reading seen on the broker: its session is still the device's current one.
      const sealedOf = (assetId: string) => captured.findLast((m) => m.topic === topicOf(assetId, 'telemetry'))!.payload;
      // Replayed: a sealed reading the platform already accepted, sent again.
      await gateway.publishAsync(topicOf(victims[0], 'telemetry'), sealedOf(victims[0]));
      // Forged: the same bytes with the device's session signature altered; and plaintext.
      const forged = Buffer.from(sealedOf(victims[0]));
      forged[2 + victims[0].length + 48 + 10]! ^= 0x40;
      await gateway.publishAsync(topicOf(victims[0], 'telemetry'), forged);
      await gateway.publishAsync(topicOf(victims[1], 'telemetry'), JSON.stringify(reading));
      // Stale: sealed with the device's own (stolen) keys ten hours ago, as if held back.
      const keyVersion = (id: string) => runtime.deviceSecurity!.registry.get(id)!.keyVersion;
      const platform = runtime.deviceSecurity!.platformKeys;
      const old = new DeviceClient(stolenKeys(victims[2]), platform, { clock: new ManualClock(runtime.clock.now() - 10 * 3_600_000), keyVersion: keyVersion(victims[2]) });
      await gateway.publishAsync(topicOf(victims[2], 'telemetry'), old.sealTelemetry(frameDeviceMessage('telemetry', JSON.stringify(reading))));
      // Wrongly keyed: sealed to a platform key this platform does not hold, and under a key version it never had.
      const elsewhere = new DeviceClient(stolenKeys(victims[3]), platformPublicKeys(generatePlatformIdentity()), { clock: runtime.clock, keyVersion: keyVersion(victims[3]) });
      await gateway.publishAsync(topicOf(victims[3], 'telemetry'), elsewhere.sealTelemetry(frameDeviceMessage('telemetry', JSON.stringify(reading))));
      const future = new DeviceClient(generateDeviceIdentity(victims[3]), platform, { clock: runtime.clock, keyVersion: keyVersion(victims[3]) + 1 });
      await gateway.publishAsync(topicOf(victims[3], 'telemetry'), future.sealTelemetry(frameDeviceMessage('telemetry', JSON.stringify(reading))));
    } finally {
      await gateway.endAsync();
    }
    const expected = { replayed: 'T0830', 'bad-signature': 'T0856', plaintext: 'T0856', stale: 'T0830', 'wrong-platform-key': 'T0830', 'wrong-device-key': 'T0830' } as const;
    const alerts = await until('an alert for every refusal', 30_000, async () => {
      const { body } = await api<{ items: Alert[] }>('GET', '/api/alerts?limit=500');
      const mine = body.items.filter((a) => a.detector.kind === 'device-security');
      return Object.keys(expected).every((r) => mine.some((a) => a.evidence.facts['reason'] === r)) ? mine : undefined;
    });
    for (const [reason, technique] of Object.entries(expected)) {
      const alert = alerts.find((a) => a.evidence.facts['reason'] === reason)!;
      expect(alert.technique.id, reason).toBe(technique);
      expect(alert.explanation.whatToDo.length).toBeGreaterThan(0);
    }
    const filed = [['replayed', 'replayed'], ['bad-signature', 'forged'], ['plaintext', 'forged'], ['stale', 'stale'], ['wrong-platform-key', 'decrypt-failed'], ['wrong-device-key', 'decrypt-failed']];
    const details = await until('every refusal in the quarantine', 20_000, async () => {
      const { body } = await api<{ items: QuarantineItem[] }>('GET', '/api/quarantine?limit=100');
      const lines = body.items.map((q) => `${q.reason} ${q.detail}`);
      return filed.every(([reason, q]) => lines.some((d) => d.startsWith(`${q} ${reason}:`))) ? lines : undefined;
    });
    expect(details.length).toBeGreaterThanOrEqual(filed.length);
    const metrics = await api<string>('GET', '/metrics');
    for (const reason of Object.keys(expected)) expect(metrics.body).toMatch(new RegExp(`cityguard_device_messages_refused_total\\{reason="${reason}"\\} [1-9]`));
    const recorded = await until('the alerts in the ledger', 20_000, async () => {
      const { body } = await api<LedgerEntryPage>('GET', '/api/ledger/entries?kind=alert.raised&limit=500');
      const ids = new Set(body.items.map((e) => (e.payload as { id: string }).id));
      return alerts.every((a) => ids.has(a.id)) ? true : undefined;
    });
    expect(recorded).toBe(true);
  }, 90_000);

  it('revokes a device’s keys when rotate-credentials runs, issues a new enrollment token and records both', async () => {
    const target = 'light-downtown-06';
    const proposed = await api<Action>('POST', '/api/actions', { kind: 'rotate-credentials', target: { type: 'asset', id: target }, reason: 'keys may be stolen' });
    expect(proposed.status).toBe(200);
    if (proposed.body.status === 'awaiting-approval') {
      const first = await api<Action>('POST', `/api/actions/${proposed.body.id}/approve`, { comment: 'go' });
      expect(first.status).toBe(200);
      if (first.body.status === 'awaiting-approval') {
        const second = await runtime.createToken('second-admin', 'admin');
        const res = await fetch(`${runtime.url}/api/actions/${proposed.body.id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${second}`, 'content-type': 'application/json' }, body: '{}' });
        expect(res.status).toBe(200);
      }
    }
    await until('the rotation to finish', 30_000, async () => ((await api<Action>('GET', `/api/actions/${proposed.body.id}`)).body.status === 'done' ? true : undefined));
    await until('the device keys revoked', 20_000, () => (runtime.deviceSecurity!.registry.get(target)?.status === 'revoked' ? true : undefined));
    const file = join(dataDir, 'credentials', `${target}.enrollment-token`);
    await until('the token file', 10_000, () => (statSync(file, { throwIfNoEntry: false }) ? true : undefined));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const tokenText = readFileSync(file, 'utf8').match(/^token=(.+)$/m)![1]!;
    const about = async (kind: string) =>
      (await api<LedgerEntryPage>('GET', `/api/ledger/entries?kind=${kind}&limit=1000`)).body.items.filter((e) => (e.payload as { deviceId?: string }).deviceId === target);
    await until('revocation and token in the ledger', 20_000, async () => ((await about('device.revoked')).length === 1 && (await about('device.token-issued')).length === 2 ? true : undefined));
    const recent = (await api<LedgerEntryPage>('GET', '/api/ledger/entries?limit=1000')).body.items;
    expect(JSON.stringify(recent)).not.toContain(tokenText);
    const action = recent.filter((e) => (e.payload as { id?: string; actionId?: string }).id === proposed.body.id || (e.payload as { actionId?: string }).actionId === proposed.body.id);
    expect(action.map((e) => e.kind)).toEqual(expect.arrayContaining(['action.changed', 'action.approved']));
    expect(recent.some((e) => e.kind === 'auth.token-used' && (e.payload as { url: string }).url === '/api/actions')).toBe(true);
    // The technician enrolls the device again with the token and new keys: key version 2, recorded.
    const next = new DeviceClient(generateDeviceIdentity(target), runtime.deviceSecurity!.platformKeys, { clock: runtime.clock });
    const device = await runtime.deviceSecurity!.enroll(next.enrollmentRequest(tokenText));
    expect(device).toMatchObject({ status: 'active', keyVersion: 2 });
  }, 90_000);

  it('records key rotation by a device, signed by its old and new keys', async () => {
    const target = 'light-downtown-07';
    const current = runtime.deviceSecurity!.registry.get(target)!;
    const client = new DeviceClient(stolenKeys(target), runtime.deviceSecurity!.platformKeys, { clock: runtime.clock, keyVersion: current.keyVersion });
    const rotated = await runtime.deviceSecurity!.rotate(client.rotationRequest(generateDeviceIdentity(target)));
    expect(rotated.keyVersion).toBe(current.keyVersion + 1);
    const { body } = await api<LedgerEntryPage>('GET', '/api/ledger/entries?kind=device.key-rotated&limit=10');
    expect(body.items.some((e) => (e.payload as { deviceId: string }).deviceId === target)).toBe(true);
  });
});

describe('the ledger of a demo run', () => {
  it('shows a checkpoint cosigned by the in-process witness, and verifies through the API', async () => {
    const cp = await until('a cosigned checkpoint', 30_000, async () => {
      const { body } = await api<LedgerCheckpointInfo>('GET', '/api/ledger/checkpoint');
      return body.cosignatures.length > 0 ? body : undefined;
    });
    expect(cp.cosignatures[0]!.witness).toBe('witness.neighbour-city.example');
    const kinds = new Set((await api<LedgerEntryPage>('GET', '/api/ledger/entries?limit=1000')).body.items.map((e) => e.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['rule.changed', 'playbook.changed', 'config.changed', 'device.enrolled', 'alert.raised']));
    const verified = await api<LedgerVerifyResult>('POST', '/api/ledger/verify', {});
    expect(verified.body).toMatchObject({ ok: true, problems: [], witnessedBy: ['witness.neighbour-city.example'] });
  }, 60_000);

  it('passes `cityguard ledger verify` after the run, and fails naming the entry once a byte of it changes', async () => {
    await observer.endAsync();
    await runtime.stop();
    const dir = join(dataDir, 'ledger');
    const ok = await run('node', ['bin/cityguard.js', 'ledger', 'verify', '--data-dir', dir]);
    expect(ok.stdout).toMatch(/ledger intact/);
    // Change one byte inside entry k's JSON in its segment (the index record says where it is).
    const ledger = await Ledger.open({ dataDir: dir, readOnly: true });
    const k = Math.floor(ledger.size / 2);
    await ledger.close();
    const index = readFileSync(join(dir, 'index.bin'));
    const [segment, length, offset] = [index.readUInt32BE(k * 48), index.readUInt32BE(k * 48 + 4), index.readUInt32BE(k * 48 + 12)];
    const segPath = join(dir, 'segments', `${String(segment).padStart(10, '0')}.seg`);
    const bytes = readFileSync(segPath);
    const at = offset + 4 + Math.floor(length / 2);
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(segPath, bytes);
    const bad = await run('node', ['bin/cityguard.js', 'ledger', 'verify', '--data-dir', dir]).then(
      () => undefined,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(bad?.code).not.toBe(0);
    expect(`${bad?.stdout}${bad?.stderr}`).toMatch(new RegExp(`first bad entry: ${k}\\b`));
  }, 90_000);
});
