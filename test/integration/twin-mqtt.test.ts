// Simulated devices over real MQTT: each device is its own client with its own credentials, against
// an aedes broker that checks them and an ACL, and against the Mosquitto on 127.0.0.1:1883.
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { connect, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_CHANNELS, type City, CityModel } from '../../src/domain/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import { CityTwin, MqttDeviceTransport } from '../../src/operations/twin/index.js';
import { SERVICES, servicesAvailable } from '../support/services.js';

const sample = loadCityFile('content/cities/sample-city.yaml');
const HILLSIDE = { districts: ['hillside'] };
const OPERATOR = { username: 'cityguard-ops', password: 'ops-secret' };

async function waitFor(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An aedes broker with one password per device and an ACL: a device publishes only under its own id. */
async function startBroker(passwords: Map<string, string>) {
  const published: Array<{ clientId: string; topic: string; payload: string }> = [];
  const refused: string[] = [];
  const operators = new Set<string>();
  const denied: string[] = [];
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const isOperator = username === OPERATOR.username && password?.toString() === OPERATOR.password;
      if (isOperator) operators.add(client.id);
      if (isOperator || (username === client.id && passwords.get(username ?? '') === password?.toString()))
        return done(null, true);
      refused.push(client.id);
      done(Object.assign(new Error('bad credentials'), { returnCode: 4 as const }), null);
    },
    authorizePublish: (client, packet, done) => {
      if (!client || operators.has(client.id)) return done(null);
      const parts = packet.topic.split('/');
      const own =
        parts.length === 5 &&
        parts[0] === 'city' &&
        parts[3] === client.id &&
        (DEVICE_CHANNELS as readonly string[]).includes(parts[4]!);
      if (!own) denied.push(`${client.id} → ${packet.topic}`);
      done(own ? null : new Error(`${client.id} may not publish to ${packet.topic}`));
    },
  });
  broker.on('publish', (packet, client) => {
    if (client)
      published.push({ clientId: client.id, topic: packet.topic, payload: packet.payload.toString() });
  });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    await new Promise<void>((r) => broker.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { url, published, refused, denied, close };
}

function operator(
  url: string,
  opts: { username?: string; password?: string } = OPERATOR,
): Promise<MqttClient> {
  const client = connect(url, {
    protocolVersion: 4,
    clientId: `ops-${randomBytes(3).toString('hex')}`,
    ...opts,
    reconnectPeriod: 0,
  });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('MqttDeviceTransport against aedes with per-device credentials', () => {
  const ids = sample.select(HILLSIDE).map((a) => a.id);
  const passwords = new Map(ids.map((id) => [id, randomBytes(12).toString('base64url')]));

  async function setUp(password: (id: string) => string) {
    const broker = await startBroker(passwords);
    cleanups.push(broker.close);
    const clock = new ManualClock(Date.UTC(2025, 11, 23, 9, 0));
    const transport = new MqttDeviceTransport({ url: broker.url, password, connectConcurrency: 8 });
    const twin = new CityTwin({
      city: sample,
      clock,
      transport,
      seed: 5,
      only: HILLSIDE,
      publishIntervalMs: 5000,
    });
    cleanups.push(() => twin.stop());
    const report = await twin.start();
    return { broker, clock, transport, twin, report };
  }

  it('connects every device as itself and publishes telemetry only under its own id', async () => {
    const { broker, clock, report } = await setUp((id) => passwords.get(id)!);
    expect(report).toEqual({ connected: ids.length, failed: [] });
    clock.advance(5000);
    await waitFor(
      () =>
        new Set(broker.published.filter((p) => p.topic.endsWith('/telemetry')).map((p) => p.clientId))
          .size === ids.length,
      'telemetry from every device',
    );
    expect(broker.denied).toEqual([]);
    for (const p of broker.published) expect(p.topic.split('/')[3]).toBe(p.clientId);
    const light = broker.published.find(
      (p) => p.clientId === 'light-hillside-01' && p.topic.endsWith('/telemetry'),
    )!;
    expect(light.topic).toBe('city/hillside/street-light/light-hillside-01/telemetry');
    expect(JSON.parse(light.payload)).toMatchObject({ seq: 0, metrics: { on: false } });
  });

  it('refuses a device with the wrong password; nothing is published under its name', async () => {
    const victim = 'bs-hill-plc';
    const { broker, clock, transport, report } = await setUp((id) =>
      id === victim ? 'guessed-1111' : passwords.get(id)!,
    );
    expect(report.connected).toBe(ids.length - 1);
    expect(report.failed).toEqual([
      { assetId: victim, reason: 'broker refused the connection: bad user name or password' },
    ]);
    expect(broker.refused).toContain(victim);
    clock.advance(10_000);
    await waitFor(
      () => broker.published.some((p) => p.clientId === 'bs-hill-p1' && p.topic.endsWith('/telemetry')),
      'telemetry from the others',
    );
    expect(broker.published.some((p) => p.clientId === victim)).toBe(false);
    expect(transport.stats().dropped).toBeGreaterThan(0);
  });

  it('obeys a command that arrives through the broker and acknowledges it; answers garbage with a rejection', async () => {
    const { broker, twin } = await setUp((id) => passwords.get(id)!);
    const ops = await operator(broker.url);
    cleanups.push(() => ops.endAsync());
    const acks: Array<{ topic: string; body: Record<string, unknown> }> = [];
    ops.on('message', (topic, payload) => acks.push({ topic, body: JSON.parse(payload.toString()) }));
    await ops.subscribeAsync('city/+/+/+/cmd-ack');
    const cmd = 'city/hillside/pump/bs-hill-p1/cmd';
    await ops.publishAsync(
      cmd,
      JSON.stringify({ id: 'k-1', command: 'pump.start', actor: { user: 'op1', host: 'cc-op01' } }),
    );
    await waitFor(() => acks.length === 1, 'the ack');
    expect(acks[0]).toEqual({
      topic: 'city/hillside/pump/bs-hill-p1/cmd-ack',
      body: expect.objectContaining({ id: 'k-1', command: 'pump.start', result: 'ok' }),
    });
    expect(twin.readings('bs-hill-p1')).toMatchObject({ running: true });
    const event = broker.published.find((p) => p.topic === 'city/hillside/pump/bs-hill-p1/events');
    expect(JSON.parse(event!.payload)).toMatchObject({
      type: 'command',
      command: 'pump.start',
      actor: { user: 'op1' },
      result: 'ok',
    });
    await ops.publishAsync(cmd, 'start the pump please');
    await waitFor(() => acks.length === 2, 'the rejection');
    expect(acks[1]!.body).toMatchObject({ command: '(unreadable)', result: 'rejected' });
    expect(twin.stats().malformedCommands).toBe(1);
  });
});

describe('MqttDeviceTransport without a broker', () => {
  it('reports every device as failed, quickly, when nothing listens at the URL', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const clock = new ManualClock(0);
    const transport = new MqttDeviceTransport({ url: `mqtt://127.0.0.1:${port}`, password: () => 'x' });
    const twin = new CityTwin({ city: sample, clock, transport, only: { ids: ['siren-01', 'siren-02'] } });
    const report = await twin.start();
    await twin.stop();
    expect(report).toEqual({
      connected: 0,
      failed: [
        { assetId: 'siren-01', reason: 'broker unreachable: ECONNREFUSED' },
        { assetId: 'siren-02', reason: 'broker unreachable: ECONNREFUSED' },
      ],
    });
  });
});

describe('MqttDeviceTransport against Mosquitto', () => {
  it('streams every device to a subscriber of the real broker', async (ctx) => {
    if (!(await servicesAvailable('mosquitto'))) return ctx.skip();
    // A district of our own, so other tests using the shared broker never see these devices.
    const district = `twin-${randomBytes(4).toString('hex')}`;
    const assets = sample
      .select(HILLSIDE)
      .slice(0, 12)
      .map((a) => ({ ...a, id: `${a.id}.${district}`, district, params: {} }));
    const city: City = {
      ...sample.city,
      districts: [{ ...sample.city.districts[0]!, id: district }],
      assets,
    };
    const model = new CityModel(city);
    const sub = await operator(SERVICES.mosquitto.url, {});
    cleanups.push(() => sub.endAsync());
    const seen = new Map<string, number>();
    sub.on('message', (topic) => {
      const id = topic.split('/')[3]!;
      if (topic.endsWith('/telemetry')) seen.set(id, (seen.get(id) ?? 0) + 1);
    });
    await sub.subscribeAsync(`city/${district}/#`);
    const clock = new ManualClock(Date.UTC(2025, 11, 23, 9, 0));
    const twin = new CityTwin({
      city: model,
      clock,
      transport: new MqttDeviceTransport({ url: SERVICES.mosquitto.url, password: (id) => `pw-${id}` }),
      seed: 3,
    });
    cleanups.push(() => twin.stop());
    expect((await twin.start()).connected).toBe(assets.length);
    clock.advance(5000);
    await waitFor(() => seen.size === assets.length, 'telemetry from every device via Mosquitto');
    expect([...seen.keys()].sort()).toEqual(assets.map((a) => a.id).sort());
  });
});
