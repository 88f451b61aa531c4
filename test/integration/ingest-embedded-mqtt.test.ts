// Ingest through the embedded aedes broker over real TCP, into real SQLite: credentials, ACL,
// every kind of bad message with its quarantine count, and good messages around them all arriving.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '../../src/domain/index.js';
import { connectDevice, startHarness, until, type IngestHarness } from './ingest-support.js';

let h: IngestHarness | undefined;
const clients: MqttClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.endAsync(true).catch(() => undefined);
  await h?.stop();
  h = undefined;
});

async function harness(maxPayloadBytes = 64 * 1024) {
  h = await startHarness({ mqtt: { port: 0 }, maxPayloadBytes });
  return h;
}

async function device(hh: IngestHarness, assetId: string, password?: string) {
  const pw = password ?? (await hh.ingest.registry.issue(assetId)).password;
  const c = await connectDevice(hh.ingest.broker!.port, assetId, pw);
  clients.push(c);
  return c;
}

const reading = (seq: number, current = 100) => JSON.stringify({ seq, metrics: { closed: true, current_a: current, voltage_kv: 10.5 } });

describe('embedded MQTT ingest', () => {
  it('stores good telemetry and quarantines each bad message with its reason, losing none of the good ones around it', async () => {
    const hh = await harness(1024);
    const br1 = await device(hh, 'br-1');
    const tank = await device(hh, 'tank-1');
    const platformCred = await hh.ingest.registry.issuePlatform('bridge');
    const bridge = await connectDevice(hh.ingest.broker!.port, platformCred.username, platformCred.password, 'bridge-1');
    clients.push(bridge);
    const t = 'city/north/breaker/br-1/telemetry';
    const tankTopic = 'city/south/tank/tank-1/telemetry';

    await br1.publishAsync(t, reading(1), { qos: 1 });
    await tank.publishAsync(tankTopic, JSON.stringify({ metrics: { level_m: 4.2 } }), { qos: 1 });
    await br1.publishAsync(t, '{"metrics": {"closed": tru', { qos: 1 });
    await br1.publishAsync(t, reading(2), { qos: 1 });
    await br1.publishAsync(t, JSON.stringify({ metrics: { closed: 'open', current_a: 1, voltage_kv: 1 } }), { qos: 1 });
    await tank.publishAsync(tankTopic, JSON.stringify({ metrics: { level_m: 4.3 } }), { qos: 1 });
    await br1.publishAsync(t, JSON.stringify({ metrics: { closed: true, current_a: 1, voltage_kv: 1 }, pad: 'x'.repeat(2000) }), { qos: 1 });
    await bridge.publishAsync('city/north/breaker/ghost-7/telemetry', reading(1), { qos: 1 });
    await br1.publishAsync(t, reading(3), { qos: 1 });
    await tank.publishAsync(tankTopic, JSON.stringify({ metrics: { level_m: 4.4 } }), { qos: 1 });

    // A device publishing as another device is refused, quarantined and disconnected.
    const rogue = await device(hh, 'br-2');
    const closed = new Promise<void>((resolve) => rogue.once('close', () => resolve()));
    rogue.publish(t, reading(99, 9999), { qos: 0 });
    await closed;
    // Its own channel names are checked too.
    const sloppy = await device(hh, 'sig-1');
    const sloppyClosed = new Promise<void>((resolve) => sloppy.once('close', () => resolve()));
    sloppy.publish('city/south/signal-controller/sig-1/debug', 'hello', { qos: 0 });
    await sloppyClosed;

    await hh.settle();
    const stored = (await hh.store.events.query({ type: 'telemetry', limit: 100 })).items as TelemetryEvent[];
    expect(stored.filter((e) => e.assetId === 'br-1').map((e) => e.seq).sort()).toEqual([1, 2, 3]);
    expect(stored.filter((e) => e.assetId === 'tank-1').map((e) => e.metrics['level_m']).sort()).toEqual([4.2, 4.3, 4.4]);
    expect(stored.some((e) => e.metrics['current_a'] === 9999)).toBe(false);
    const expected = { malformed: 1, schema: 1, oversized: 1, 'unknown-device': 1, unauthorised: 1, 'bad-topic': 1 };
    expect(await hh.store.quarantine.countByReason()).toEqual(expected);
    expect(hh.ingest.counters.snapshot().quarantinedByReason).toEqual(expected);
    expect(hh.ingest.counters.snapshot().accepted['mqtt']).toBe(6);
    const oversized = (await hh.store.quarantine.list({ reason: 'oversized' })).items[0]!;
    expect(oversized.sizeBytes).toBeGreaterThan(1024);
    expect(oversized.origin).toContain(t);
    const unauthorised = (await hh.store.quarantine.list({ reason: 'unauthorised' })).items[0]!;
    expect(unauthorised.excerpt).toContain('9999');
  });

  it('lets a gateway publish for the devices behind it and refuses any other device', async () => {
    const hh = await harness();
    const cred = await hh.ingest.registry.issueGateway('north-segment', ['br-1', 'br-2']);
    const gw = await connectDevice(hh.ingest.broker!.port, cred.username, cred.password);
    clients.push(gw);
    await gw.publishAsync('city/north/breaker/br-1/telemetry', reading(1), { qos: 1 });
    await gw.publishAsync('city/north/breaker/br-2/telemetry', reading(2), { qos: 1 });
    const closed = new Promise<void>((resolve) => gw.once('close', () => resolve()));
    gw.publish('city/south/tank/tank-1/telemetry', JSON.stringify({ metrics: { level_m: 1 } }), { qos: 0 });
    await closed;
    await hh.settle();
    expect((await hh.store.events.query({})).items.map((e) => e.assetId).sort()).toEqual(['br-1', 'br-2']);
    expect(await hh.store.quarantine.countByReason()).toEqual({ unauthorised: 1 });
  });

  it('refuses a wrong password, counts it and reports the failed login as an event', async () => {
    const hh = await harness();
    await hh.ingest.registry.issue('br-1');
    await expect(connectDevice(hh.ingest.broker!.port, 'br-1', 'not-the-password')).rejects.toThrow();
    await expect(connectDevice(hh.ingest.broker!.port, 'ghost', 'whatever')).rejects.toThrow();
    await hh.settle();
    expect(hh.ingest.counters.snapshot().authFailures).toBe(2);
    const auths = (await hh.store.events.query({ type: 'auth' })).items;
    expect(auths).toHaveLength(2);
    expect(auths.find((e) => e.assetId === 'br-1')).toMatchObject({ type: 'auth', user: 'br-1', outcome: 'failure', method: 'mqtt', srcIp: expect.stringContaining('127.0.0.1') });
  });

  it('refuses a client id that differs from the asset id, so no device can take over another session', async () => {
    const hh = await harness();
    const { password } = await hh.ingest.registry.issue('br-1');
    await hh.ingest.registry.issue('br-2');
    await expect(connectDevice(hh.ingest.broker!.port, 'br-1', password, 'br-2')).rejects.toThrow();
  });

  it('lets a device subscribe only to its own command topic', async () => {
    const hh = await harness();
    const br1 = await device(hh, 'br-1');
    const own = await br1.subscribeAsync('city/north/breaker/br-1/cmd', { qos: 1 });
    expect(own[0]?.qos).toBe(1);
    // The broker answers 0x80 (failure) in the SUBACK; mqtt.js turns that into a rejection.
    await expect(br1.subscribeAsync('city/north/breaker/br-2/cmd', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    await expect(br1.subscribeAsync('city/#', { qos: 0 })).rejects.toThrow(/Subscribe error/);
    expect(hh.ingest.broker!.refusedSubscriptions).toBe(2);
  });

  it('sends a command to a device and resolves with its acknowledgement', async () => {
    const hh = await harness();
    const br1 = await device(hh, 'br-1');
    await br1.subscribeAsync('city/north/breaker/br-1/cmd', { qos: 1 });
    br1.on('message', (_topic, payload) => {
      const cmd = JSON.parse(payload.toString()) as { id: string; command: string };
      br1.publish('city/north/breaker/br-1/cmd-ack', JSON.stringify({ id: cmd.id, command: cmd.command, result: 'ok' }), { qos: 1 });
    });
    const ack = await hh.ingest.commander!.sendAndWait('br-1', { command: 'breaker.open', actor: { user: 'operator' } });
    expect(ack).toMatchObject({ assetId: 'br-1', command: 'breaker.open', result: 'ok' });
    await expect(hh.ingest.commander!.send('br-1', { command: 'pump.start' })).rejects.toMatchObject({ code: 'CG_INGEST_COMMAND_NOT_ACCEPTED' });
    await expect(hh.ingest.commander!.sendAndWait('tank-1', { command: 'device.reboot' }, 200)).rejects.toMatchObject({ code: 'CG_INGEST_COMMAND_TIMEOUT' });
  });

  it('disconnects a device whose credential is revoked and refuses the old password afterwards', async () => {
    const hh = await harness();
    const { password } = await hh.ingest.registry.issue('br-1');
    const br1 = await device(hh, 'br-1', password);
    const closed = new Promise<void>((resolve) => br1.once('close', () => resolve()));
    await hh.ingest.registry.revoke('br-1');
    await closed;
    await expect(connectDevice(hh.ingest.broker!.port, 'br-1', password)).rejects.toThrow();
    await until(() => hh.ingest.broker!.connectedClients === 0);
  });
});

describe('embedded MQTT over TLS', () => {
  it('accepts devices on the TLS listener with the same credentials and ACL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cityguard-tls-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    h = await startHarness({ mqtt: { port: 0, tls: { port: 0, certFile, keyFile } } });
    const { password } = await h.ingest.registry.issue('tank-1');
    const c = await mqtt.connectAsync(`mqtts://127.0.0.1:${h.ingest.broker!.tlsPort}`, {
      protocolVersion: 4, clientId: 'tank-1', username: 'tank-1', password, ca: readFileSync(certFile), reconnectPeriod: 0,
    });
    clients.push(c);
    await c.publishAsync('city/south/tank/tank-1/telemetry', JSON.stringify({ metrics: { level_m: 2 } }), { qos: 1 });
    await h.settle();
    expect(await h.store.events.count({ assetId: 'tank-1' })).toBe(1);
  });

  it('fails with CG_INGEST_TLS_FILES when the key or certificate cannot be read', async () => {
    await expect(startHarness({ mqtt: { port: 0, tls: { port: 0, certFile: '/nonexistent/cert.pem', keyFile: '/nonexistent/key.pem' } } })).rejects.toMatchObject({
      code: 'CG_INGEST_TLS_FILES',
    });
  });
});
