import { fc, test } from '@fast-check/vitest';
import { Compile } from 'typebox/compile';
import { beforeAll, describe, expect, it } from 'vitest';
import { TELEMETRY_SCHEMAS, TelemetryMessage } from '../../domain/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import { SqliteStore } from '../../platform/store/index.js';
import { DeviceMessageNormalizer } from './device-message-normalizer.js';
import { DeviceRegistry } from './device-registry.js';
import { EventIdGenerator } from './event-ids.js';
import { smallCity } from './test-fixtures/small-city.js';

let n: DeviceMessageNormalizer;
const clock = new ManualClock(1_700_000_000_000);
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

beforeAll(async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  n = new DeviceMessageNormalizer(await DeviceRegistry.open(smallCity(), store.state), clock, new EventIdGenerator('t'));
});

describe('DeviceMessageNormalizer', () => {
  it('turns telemetry into a TelemetryEvent with the device, district and received time', () => {
    const r = n.normalize('city/north/breaker/br-1/telemetry', json({ ts: 1_699_999_999_000, seq: 7, metrics: { closed: true, current_a: 310, voltage_kv: 10.5 } }));
    expect(r).toEqual({
      ok: true,
      event: {
        id: 't-0', ts: 1_699_999_999_000, receivedTs: 1_700_000_000_000, source: 'mqtt', type: 'telemetry',
        assetId: 'br-1', district: 'north', seq: 7, metrics: { closed: true, current_a: 310, voltage_kv: 10.5 },
      },
    });
  });

  it('gives each event a different id', () => {
    const a = n.normalize('city/south/tank/tank-1/telemetry', json({ metrics: { level_m: 3 } }));
    const b = n.normalize('city/south/tank/tank-1/telemetry', json({ metrics: { level_m: 3 } }));
    expect(a.ok === true && b.ok === true && a.event.id !== b.event.id).toBe(true);
  });

  it.each([
    ['city/north/breaker/br-1/telemetry', '{"metrics":', 'malformed'],
    ['city/north/breaker/br-1/telemetry', '{"metrics":{"closed":"yes","current_a":1,"voltage_kv":1}}', 'schema'],
    ['city/north/breaker/br-1/telemetry', '{"metrics":{"closed":true,"current_a":1,"voltage_kv":1,"extra":1}}', 'schema'],
    ['city/south/tank/tank-1/telemetry', '{"metrics":{"level_m":3},"sneaky":true}', 'schema'],
    ['city/north/breaker/ghost/telemetry', '{"metrics":{}}', 'unknown-device'],
    ['city/south/breaker/br-1/telemetry', '{"metrics":{}}', 'bad-topic'],
    ['city/north/breaker/br-1/debug', '{}', 'bad-topic'],
    ['not/a/device/topic', '{}', 'bad-topic'],
    ['city/north/breaker/br-1/events', '{"type":"auth","user":"x"}', 'schema'],
    ['city/north/breaker/br-1/status', '{"online":"maybe"}', 'schema'],
    ['city/north/breaker/br-1/cmd-ack', '{"result":"ok"}', 'schema'],
  ])('refuses %s %s as %s', (topic, payload, reason) => {
    expect(n.normalize(topic, Buffer.from(payload))).toMatchObject({ ok: false, reason });
  });

  it('maps device events to command, auth, log and network events', () => {
    const cmd = n.normalize('city/north/breaker/br-1/events', json({ type: 'command', command: 'breaker.open', actor: { host: 'ws-9', ip: '10.9.9.9' }, result: 'ok' }));
    expect(cmd).toMatchObject({ ok: true, event: { type: 'command', assetId: 'br-1', command: 'breaker.open', actor: { host: 'ws-9' }, args: {}, result: 'ok' } });
    const auth = n.normalize('city/north/vpn-gateway/vpn-1/events', json({ type: 'auth', user: 'op', outcome: 'failure', method: 'vpn', srcIp: '203.0.113.1' }));
    expect(auth).toMatchObject({ ok: true, event: { type: 'auth', user: 'op', outcome: 'failure', attrs: {}, district: 'north' } });
    const log = n.normalize('city/north/hmi/hmi-1/events', json({ type: 'log', severity: 3, message: 'disk full' }));
    expect(log).toMatchObject({ ok: true, event: { type: 'log', severity: 3, message: 'disk full' } });
    const net = n.normalize('city/north/hmi/hmi-1/events', json({ type: 'network', srcIp: '10.0.0.20', dstIp: '10.1.0.11', transport: 'tcp', dstPort: 2404 }));
    expect(net).toMatchObject({ ok: true, event: { type: 'network', dstPort: 2404 } });
  });

  it('maps status (JSON or plain text) and acks to log events and hands the ack on', () => {
    expect(n.normalize('city/north/breaker/br-1/status', 'offline')).toMatchObject({ ok: true, event: { type: 'log', app: 'mqtt-status', attrs: { online: false } } });
    expect(n.normalize('city/north/breaker/br-1/status', json({ online: true, firmware: '2.1' }))).toMatchObject({ ok: true, event: { attrs: { online: true, firmware: '2.1' } } });
    const ack = n.normalize('city/north/breaker/br-1/cmd-ack', json({ id: 'cmd-1', command: 'breaker.open', result: 'rejected', reason: 'local mode' }));
    expect(ack).toMatchObject({ ok: true, event: { type: 'log', app: 'cmd-ack', attrs: { commandId: 'cmd-1', result: 'rejected' } }, ack: { id: 'cmd-1', assetId: 'br-1' } });
  });

  it('skips commands seen on a cmd topic: they are not device reports', () => {
    expect(n.normalize('city/north/breaker/br-1/cmd', json({ command: 'breaker.open' }))).toEqual({ ok: 'skip' });
  });
});

describe('telemetry envelope check', () => {
  const envelope = Compile(TelemetryMessage);
  const breaker = Compile(TELEMETRY_SCHEMAS['breaker']);
  const value = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 4 }), fc.constant(null), fc.constant([]), fc.constant({}));
  const metrics = fc.oneof(
    fc.record({ closed: value, current_a: value, voltage_kv: value }, { requiredKeys: [] }),
    fc.dictionary(fc.constantFrom('closed', 'current_a', 'voltage_kv', 'load_mw', 'other'), value),
    value,
  );
  const body = fc.oneof(
    fc.record({ ts: value, seq: value, metrics, extra: value }, { requiredKeys: [] }),
    fc.record({ ts: fc.oneof(fc.nat(), fc.double()), seq: fc.oneof(fc.nat(), fc.integer(), fc.double()), metrics }, { requiredKeys: ['metrics'] }),
    value,
  );
  test.prop([body])('accepts exactly what TelemetryMessage and the kind schema accept together', (b) => {
    const text = JSON.stringify(b);
    const sent: unknown = JSON.parse(text);
    const expected = envelope.Check(sent) && breaker.Check((sent as { metrics: unknown }).metrics);
    expect(n.normalize('city/north/breaker/br-1/telemetry', text).ok === true).toBe(expected);
  });
});
