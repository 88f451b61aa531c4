import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.js';
import { SqliteStore } from '../../platform/store/index.js';
import {
  DeviceAuthority,
  DeviceClient,
  DeviceRegistry as EnrolledDevices,
  frameDeviceMessage,
  generateDeviceIdentity,
  generatePlatformIdentity,
  platformPublicKeys,
  TelemetryOpener,
} from '../device-security/index.js';
import type { DeviceEnvelopes, SealedRefusal } from './device-envelopes.js';
import { DeviceMessageNormalizer } from './device-message-normalizer.js';
import { DeviceRegistry } from './device-registry.js';
import { EventIdGenerator } from './event-ids.js';
import { smallCity } from './test-fixtures/small-city.js';

const TELEMETRY = 'city/north/breaker/br-1/telemetry';
const reading = { ts: 1_800_000_000_000, metrics: { closed: true, current_a: 310, voltage_kv: 10.5 } };

let clock: ManualClock;
let normalizer: DeviceMessageNormalizer;
let device: DeviceClient;
let refusals: SealedRefusal[];

beforeEach(async () => {
  clock = new ManualClock(1_800_000_000_000);
  const platform = generatePlatformIdentity();
  const enrolled = await EnrolledDevices.load();
  const authority = new DeviceAuthority(enrolled, platform, { clock });
  device = new DeviceClient(generateDeviceIdentity('br-1'), platformPublicKeys(platform), { clock });
  await authority.enroll(device.enrollmentRequest((await authority.issueToken('br-1')).token));
  const opener = new TelemetryOpener(enrolled, platform, { clock });
  refusals = [];
  const envelopes: DeviceEnvelopes = {
    open: (bytes) => opener.open(bytes),
    sealedOnly: (id) => enrolled.get(id) !== undefined,
    sealCommand: () => undefined,
    refused: (r) => refusals.push(r),
  };
  const store = await SqliteStore.open({ path: ':memory:' });
  normalizer = new DeviceMessageNormalizer(await DeviceRegistry.open(smallCity(), store.state), clock, new EventIdGenerator('t'), envelopes);
});

const seal = (channel: string, body: unknown) => device.sealTelemetry(frameDeviceMessage(channel, JSON.stringify(body)));

describe('sealed device messages in ingest', () => {
  it('opens a sealed reading into the same telemetry event plaintext would give', () => {
    const r = normalizer.normalize(TELEMETRY, seal('telemetry', reading));
    expect(r).toMatchObject({ ok: true, event: { type: 'telemetry', assetId: 'br-1', metrics: reading.metrics } });
    expect(refusals).toEqual([]);
  });

  it('refuses plaintext from an enrolled device as forged, but accepts its broker-sent last will', () => {
    expect(normalizer.normalize(TELEMETRY, Buffer.from(JSON.stringify(reading)))).toMatchObject({ ok: false, reason: 'forged' });
    expect(refusals.map((r) => r.reason)).toEqual(['plaintext']);
    const will = normalizer.normalize('city/north/breaker/br-1/status', Buffer.from('{"online":false,"reason":"connection lost"}'));
    expect(will).toMatchObject({ ok: true, event: { app: 'mqtt-status', attrs: { online: false } } });
    expect(normalizer.normalize('city/north/breaker/br-1/status', Buffer.from('{"online":true}'))).toMatchObject({ ok: false, reason: 'forged' });
  });

  it('refuses a replayed envelope, one moved to another channel, and one moved to another device’s topic', () => {
    const sealed = seal('telemetry', reading);
    expect(normalizer.normalize(TELEMETRY, sealed).ok).toBe(true);
    expect(normalizer.normalize(TELEMETRY, sealed)).toMatchObject({ ok: false, reason: 'replayed' });
    expect(normalizer.normalize(TELEMETRY, seal('events', { type: 'log', severity: 6, app: 'x', message: 'm' }))).toMatchObject({ ok: false, reason: 'forged' });
    expect(normalizer.normalize('city/south/tank/tank-1/telemetry', seal('telemetry', { metrics: { level_m: 3 } }))).toMatchObject({ ok: false, reason: 'forged' });
    expect(refusals.map((r) => r.reason)).toEqual(['replayed', 'channel-mismatch', 'device-mismatch']);
    expect(refusals[2]).toMatchObject({ assetId: 'tank-1', claimedDeviceId: 'br-1' });
  });

  it('refuses an envelope with a flipped ciphertext byte and a held-back one, naming the reason', () => {
    const tampered = seal('telemetry', reading);
    tampered[tampered.length - 1]! ^= 1;
    expect(normalizer.normalize(TELEMETRY, tampered)).toMatchObject({ ok: false, reason: 'decrypt-failed' });
    const held = seal('telemetry', reading);
    clock.advance(10 * 60_000);
    expect(normalizer.normalize(TELEMETRY, held)).toMatchObject({ ok: false, reason: 'stale' });
    expect(refusals.map((r) => r.reason)).toEqual(['decrypt-failed', 'stale']);
  });

  it('still takes plaintext from devices that never enrolled', () => {
    expect(normalizer.normalize('city/south/tank/tank-1/telemetry', Buffer.from('{"metrics":{"level_m":3}}'))).toMatchObject({ ok: true });
    expect(refusals).toEqual([]);
  });
});
