import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.js';
import { CommandSealer } from './command-sealer.js';
import { DeviceAuthority } from './device-authority.js';
import { DeviceClient } from './device-client.js';
import { DeviceRegistry } from './device-registry.js';
import { generateDeviceIdentity, generatePlatformIdentity, platformPublicKeys } from './identities.js';

async function setup() {
  const clock = new ManualClock(1_800_000_000_000);
  const platform = generatePlatformIdentity();
  const registry = await DeviceRegistry.load();
  const authority = new DeviceAuthority(registry, platform, { clock });
  const enroll = async (id: string) => {
    const client = new DeviceClient(generateDeviceIdentity(id), platformPublicKeys(platform), { clock });
    await authority.enroll(client.enrollmentRequest((await authority.issueToken(id)).token));
    return client;
  };
  return { clock, platform, registry, authority, enroll, sealer: new CommandSealer(registry, platform, clock) };
}

const safeMode = { command: 'enter-safe-mode', args: { reason: 'incident INC-42' } };

describe('signed commands to devices', () => {
  it('delivers a command only the addressed device can read', async () => {
    const { enroll, sealer } = await setup();
    const breaker = await enroll('breaker-4');
    const sealed = sealer.seal('breaker-4', safeMode);
    expect(sealed.includes(Buffer.from('safe-mode'))).toBe(false);
    expect(breaker.openCommand(sealed)).toMatchObject({ ok: true, command: safeMode });
  });

  it('refuses a replayed command and an older command arriving after a newer one', async () => {
    const { enroll, sealer, clock } = await setup();
    const breaker = await enroll('breaker-4');
    const open = sealer.seal('breaker-4', { command: 'open' });
    clock.advance(1_000);
    const close = sealer.seal('breaker-4', { command: 'close' });
    expect(breaker.openCommand(close).ok).toBe(true);
    expect(breaker.openCommand(close)).toMatchObject({ ok: false, reason: 'replayed' });
    expect(breaker.openCommand(open)).toMatchObject({ ok: false, reason: 'replayed', quarantineReason: 'replayed' });
  });

  it('refuses a stale command', async () => {
    const { enroll, sealer, clock } = await setup();
    const breaker = await enroll('breaker-4');
    const sealed = sealer.seal('breaker-4', safeMode);
    clock.advance(6 * 60_000);
    expect(breaker.openCommand(sealed)).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('refuses a command signed by anyone but the platform, even when sealed to the right device key', async () => {
    const { enroll, registry, clock } = await setup();
    const breaker = await enroll('breaker-4');
    const rogue = new CommandSealer(registry, generatePlatformIdentity(), clock);
    expect(breaker.openCommand(rogue.seal('breaker-4', safeMode))).toMatchObject({ ok: false, reason: 'bad-signature', quarantineReason: 'forged' });
  });

  it('refuses commands for another device and commands sealed to a rotated-out key', async () => {
    const { enroll, sealer, authority } = await setup();
    const breaker = await enroll('breaker-4');
    await enroll('breaker-5');
    expect(breaker.openCommand(sealer.seal('breaker-5', safeMode))).toMatchObject({ ok: false, reason: 'wrong-device-key' });
    const beforeRotation = sealer.seal('breaker-4', safeMode);
    const next = generateDeviceIdentity('breaker-4');
    const { device } = await authority.rotate(breaker.rotationRequest(next));
    breaker.useIdentity(next, device.keyVersion);
    expect(breaker.openCommand(beforeRotation)).toMatchObject({ ok: false, reason: 'wrong-device-key', quarantineReason: 'decrypt-failed' });
    expect(breaker.openCommand(sealer.seal('breaker-4', safeMode)).ok).toBe(true);
    expect(breaker.commandStats().rejected['wrong-device-key']).toBe(2);
  });

  it('never accepts a command with any single byte changed', async () => {
    const { enroll, sealer } = await setup();
    const breaker = await enroll('breaker-4');
    const genuine = sealer.seal('breaker-4', safeMode);
    fc.assert(
      fc.property(fc.nat({ max: genuine.length - 1 }), fc.integer({ min: 1, max: 255 }), (position, xor) => {
        const tampered = Buffer.from(genuine);
        tampered[position]! ^= xor;
        expect(breaker.openCommand(tampered).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(breaker.openCommand(genuine).ok).toBe(true);
  });
});
