import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../domain/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import { SqliteStore } from '../../platform/store/index.js';
import { DeviceAuthority } from './device-authority.js';
import { DeviceClient } from './device-client.js';
import { DeviceRegistry } from './device-registry.js';
import { generateDeviceIdentity, generatePlatformIdentity, platformPublicKeys, type PlatformIdentity } from './identities.js';

function setup(registry: DeviceRegistry, platform: PlatformIdentity = generatePlatformIdentity()) {
  const clock = new ManualClock(1_800_000_000_000);
  const authority = new DeviceAuthority(registry, platform, { clock, tokenTtlMs: 60_000 });
  const client = (id: string, to: PlatformIdentity = platform) => new DeviceClient(generateDeviceIdentity(id), platformPublicKeys(to), { clock });
  return { clock, platform, authority, client };
}

const enrollmentRejected = (reason: string) => (e: unknown) => isCityguardError(e, 'CG_DEVICE_ENROLLMENT_REJECTED') && e.details['reason'] === reason;
const rotationRejected = (reason: string) => (e: unknown) => isCityguardError(e, 'CG_DEVICE_ROTATION_REJECTED') && e.details['reason'] === reason;

describe('enrollment', () => {
  it('enrolls with a one-time token and returns the ledger event, without the token in it', async () => {
    const registry = await DeviceRegistry.load();
    const { authority, client } = setup(registry);
    const issued = await authority.issueToken('siren-3', 'ops@city');
    expect(issued.event).toMatchObject({ kind: 'device.token-issued', payload: { deviceId: 'siren-3', issuedBy: 'ops@city' } });
    const { device, event } = await authority.enroll(client('siren-3').enrollmentRequest(issued.token));
    expect(device).toMatchObject({ deviceId: 'siren-3', keyVersion: 1, status: 'active' });
    expect(event.kind).toBe('device.enrolled');
    expect(JSON.stringify(event)).not.toContain(issued.token);
    expect(registry.get('siren-3')?.keyVersion).toBe(1);
  });

  it('refuses a token used twice, an expired token, and a token issued for another device', async () => {
    const registry = await DeviceRegistry.load();
    const { authority, client, clock } = setup(registry);
    const { token } = await authority.issueToken('siren-3');
    await authority.enroll(client('siren-3').enrollmentRequest(token));
    await expect(authority.enroll(client('siren-3').enrollmentRequest(token))).rejects.toSatisfy(enrollmentRejected('unknown-token'));
    const other = await authority.issueToken('siren-5');
    await expect(authority.enroll(client('siren-6').enrollmentRequest(other.token))).rejects.toSatisfy(enrollmentRejected('token-for-other-device'));
    const late = await authority.issueToken('siren-7');
    clock.advance(61_000);
    await expect(authority.enroll(client('siren-7').enrollmentRequest(late.token))).rejects.toSatisfy(enrollmentRejected('token-expired'));
  });

  it('refuses a request sealed to another platform, a damaged one, and a replayed old one', async () => {
    const registry = await DeviceRegistry.load();
    const { authority, client, clock } = setup(registry);
    const { token } = await authority.issueToken('siren-3');
    await expect(authority.enroll(client('siren-3', generatePlatformIdentity()).enrollmentRequest(token))).rejects.toSatisfy(enrollmentRejected('undecryptable'));
    const damaged = client('siren-3').enrollmentRequest(token);
    damaged[50]! ^= 1;
    await expect(authority.enroll(damaged)).rejects.toSatisfy(enrollmentRejected('undecryptable'));
    const old = client('siren-3').enrollmentRequest(token);
    clock.advance(11 * 60_000);
    await expect(authority.enroll(old)).rejects.toSatisfy(enrollmentRejected('stale'));
  });

  it('persists devices and tokens in a real SQLite store across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-devices-'));
    try {
      const path = join(dir, 'state.sqlite');
      const platform = generatePlatformIdentity();
      let store = await SqliteStore.open({ path });
      const first = setup(await DeviceRegistry.load(store.state), platform);
      const pending = await first.authority.issueToken('light-12');
      await first.authority.enroll(first.client('light-11').enrollmentRequest((await first.authority.issueToken('light-11')).token));
      await store.close();
      store = await SqliteStore.open({ path });
      const registry = await DeviceRegistry.load(store.state);
      expect(registry.get('light-11')?.status).toBe('active');
      const second = setup(registry, platform);
      await expect(second.authority.enroll(second.client('light-12').enrollmentRequest(pending.token))).resolves.toMatchObject({ device: { deviceId: 'light-12' } });
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('key rotation and revocation', () => {
  it('rotates only with a request signed by both the current and the new key, from the current version', async () => {
    const registry = await DeviceRegistry.load();
    const { authority, client } = setup(registry);
    const device = client('valve-2');
    await authority.enroll(device.enrollmentRequest((await authority.issueToken('valve-2')).token));
    const next = generateDeviceIdentity('valve-2');
    const thief = client('valve-2');
    await expect(authority.rotate(thief.rotationRequest(next))).rejects.toSatisfy(rotationRejected('bad-signature'));
    const request = device.rotationRequest(next);
    const { device: rotated, event } = await authority.rotate(request);
    expect(rotated.keyVersion).toBe(2);
    expect(event).toMatchObject({ kind: 'device.key-rotated', payload: { deviceId: 'valve-2', fromVersion: 1, keyVersion: 2 } });
    await expect(authority.rotate(request)).rejects.toSatisfy(rotationRejected('wrong-key-version'));
  });

  it('revokes a device and lets it enroll again only with a new token', async () => {
    const registry = await DeviceRegistry.load();
    const { authority, client } = setup(registry);
    await authority.enroll(client('cam-1').enrollmentRequest((await authority.issueToken('cam-1')).token));
    const { event } = await authority.revoke('cam-1', 'tampering detected', 'ops@city');
    expect(event).toMatchObject({ kind: 'device.revoked', payload: { deviceId: 'cam-1', reason: 'tampering detected', revokedBy: 'ops@city' } });
    expect(registry.get('cam-1')?.status).toBe('revoked');
    const fresh = client('cam-1');
    await expect(authority.rotate(fresh.rotationRequest(generateDeviceIdentity('cam-1')))).rejects.toSatisfy(rotationRejected('revoked'));
    const { device } = await authority.enroll(fresh.enrollmentRequest((await authority.issueToken('cam-1')).token));
    expect(device).toMatchObject({ status: 'active', keyVersion: 2 });
  });
});
