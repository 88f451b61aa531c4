import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.js';
import { DeviceAuthority } from './device-authority.js';
import { DeviceClient } from './device-client.js';
import { DeviceRegistry } from './device-registry.js';
import { generateDeviceIdentity, generatePlatformIdentity, platformPublicKeys } from './identities.js';
import { TelemetryOpener } from './telemetry-opener.js';

async function enrolledDevice(options: { rekeyAfterMessages?: number } = {}) {
  const clock = new ManualClock(1_800_000_000_000);
  const platform = generatePlatformIdentity();
  const registry = await DeviceRegistry.load();
  const authority = new DeviceAuthority(registry, platform, { clock });
  const device = new DeviceClient(generateDeviceIdentity('pump-7'), platformPublicKeys(platform), { clock, ...options });
  const { token } = await authority.issueToken('pump-7');
  await authority.enroll(device.enrollmentRequest(token));
  const opener = new TelemetryOpener(registry, platform, { clock });
  return { clock, platform, registry, authority, device, opener };
}

const reading = (n: number) => ({ assetId: 'pump-7', flowLps: 12.5 + n, pressureBar: 3.1 });

describe('telemetry envelopes', () => {
  it('opens what an enrolled device sealed, including messages that arrive out of order', async () => {
    const { device, opener } = await enrolledDevice();
    const sealed = [0, 1, 2, 3].map((n) => device.sealTelemetry(reading(n)));
    for (const i of [2, 0, 3, 1]) {
      const r = opener.open(sealed[i]!);
      expect(r.ok && JSON.parse(r.payload.toString())).toEqual(reading(i));
    }
    expect(opener.stats().opened).toBe(4);
  });

  it('hides the payload from the broker: the reading is not in the envelope bytes', async () => {
    const { device } = await enrolledDevice();
    const sealed = device.sealTelemetry({ secretSetpoint: 'chlorine-11100ppm' });
    expect(sealed.includes(Buffer.from('chlorine'))).toBe(false);
  });

  it('refuses a replayed message, and messages of a session two rekeys old', async () => {
    const { device, opener } = await enrolledDevice({ rekeyAfterMessages: 2 });
    const first = device.sealTelemetry(reading(0));
    expect(opener.open(first).ok).toBe(true);
    expect(opener.open(first)).toMatchObject({ ok: false, reason: 'replayed', quarantineReason: 'replayed' });
    const sameSession = device.sealTelemetry(reading(1));
    for (let n = 0; n < 4; n++) expect(opener.open(device.sealTelemetry(reading(n))).ok).toBe(true);
    expect(opener.open(sameSession)).toMatchObject({ ok: false, reason: 'replayed' });
  });

  it('refuses stale messages and sessions', async () => {
    const { clock, device, opener } = await enrolledDevice();
    const old = device.sealTelemetry(reading(0));
    clock.advance(10 * 60_000);
    expect(opener.open(old)).toMatchObject({ ok: false, reason: 'stale', quarantineReason: 'stale' });
    clock.advance(3 * 3_600_000);
    const fresh = device.sealTelemetry(reading(1));
    expect(opener.open(fresh).ok).toBe(true);
  });

  it('refuses forgeries: another key claiming the device, an altered header, an altered ciphertext', async () => {
    const { clock, platform, device, opener } = await enrolledDevice();
    const impostor = new DeviceClient(generateDeviceIdentity('pump-7'), platformPublicKeys(platform), { clock });
    expect(opener.open(impostor.sealTelemetry(reading(0)))).toMatchObject({ ok: false, reason: 'bad-signature', quarantineReason: 'forged' });

    const genuine = device.sealTelemetry(reading(1));
    const header = Buffer.from(genuine);
    header[40]! ^= 0x01;
    expect(opener.open(header)).toMatchObject({ ok: false, quarantineReason: 'forged' });
    const body = Buffer.from(genuine);
    body[body.length - 20]! ^= 0x01;
    expect(opener.open(body)).toMatchObject({ ok: false, reason: 'decrypt-failed' });
    expect(opener.open(genuine).ok).toBe(true);
  });

  it('refuses wrongly keyed messages: another platform key, a retired device key, a revoked or unknown device', async () => {
    const { clock, platform, authority, device, opener } = await enrolledDevice();
    const otherPlatform = generatePlatformIdentity();
    const misdirected = new DeviceClient(device.identity, platformPublicKeys(otherPlatform), { clock });
    expect(opener.open(misdirected.sealTelemetry(reading(0)))).toMatchObject({ ok: false, reason: 'wrong-platform-key', quarantineReason: 'decrypt-failed' });

    const beforeRotation = device.sealTelemetry(reading(1));
    const next = generateDeviceIdentity('pump-7');
    const { device: rotated } = await authority.rotate(device.rotationRequest(next));
    device.useIdentity(next, rotated.keyVersion);
    expect(opener.open(beforeRotation)).toMatchObject({ ok: false, reason: 'wrong-device-key', quarantineReason: 'decrypt-failed' });
    expect(opener.open(device.sealTelemetry(reading(2))).ok).toBe(true);

    const stranger = new DeviceClient(generateDeviceIdentity('valve-9'), platformPublicKeys(platform), { clock });
    expect(opener.open(stranger.sealTelemetry(reading(3)))).toMatchObject({ ok: false, reason: 'unknown-device', quarantineReason: 'unknown-device' });

    await authority.revoke('pump-7', 'stolen from the pumping station');
    opener.forgetDevice('pump-7');
    expect(opener.open(device.sealTelemetry(reading(4)))).toMatchObject({ ok: false, reason: 'revoked-device', quarantineReason: 'unauthorised' });
    const counts = opener.stats().rejected;
    expect(counts).toMatchObject({ 'wrong-platform-key': 1, 'wrong-device-key': 1, 'unknown-device': 1, 'revoked-device': 1 });
  });

  it('keeps opening messages sealed to the previous platform key during a platform key rotation', async () => {
    const { clock, platform, registry, device } = await enrolledDevice();
    const next = generatePlatformIdentity();
    const opener = new TelemetryOpener(registry, { ...platform, encryption: next.encryption }, { clock, previousEncryptionKeys: [platform.encryption] });
    expect(opener.open(device.sealTelemetry(reading(0))).ok).toBe(true);
  });

  it('never accepts an envelope with any single byte changed, and never throws', async () => {
    const { device, opener } = await enrolledDevice();
    const genuine = device.sealTelemetry(reading(0));
    fc.assert(
      fc.property(fc.nat({ max: genuine.length - 1 }), fc.integer({ min: 1, max: 255 }), (position, xor) => {
        const tampered = Buffer.from(genuine);
        tampered[position]! ^= xor;
        expect(opener.open(tampered).ok).toBe(false);
      }),
      { numRuns: 400 },
    );
    expect(opener.open(genuine).ok).toBe(true);
    for (const junk of [Buffer.alloc(0), Buffer.of(0xc7), Buffer.alloc(300, 0xc7), genuine.subarray(0, 100)]) expect(opener.open(junk).ok).toBe(false);
  });
});
