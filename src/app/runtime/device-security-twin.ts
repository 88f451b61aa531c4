// Provisions the twin's simulated devices for end-to-end encryption, as a field technician would:
// each device gets a one-time enrollment token, makes its own keys, and sends a sealed enrollment
// request the platform checks and records. Device keys are kept in one file in the data directory
// (standing in for each device's own storage), so a restarted demo keeps its enrolled devices.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  DeviceClient,
  exportIdentity,
  generateDeviceIdentity,
  importDeviceIdentity,
  type DeviceIdentity,
} from '../../engines/device-security/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { DeviceSecurityStage } from './device-security-stage.js';

const PROVISIONER = 'twin provisioning';

function readKeys(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}

/** One device: reuse its enrolled keys, or enroll it (again) with a token and fresh keys. */
async function provisionOne(security: DeviceSecurityStage, assetId: string, stored: string | undefined, clock: Clock): Promise<{ identity: DeviceIdentity; client: DeviceClient }> {
  const known = stored ? importDeviceIdentity(stored) : undefined;
  const record = security.registry.get(assetId);
  if (known && record?.status === 'active' && record.signingPublicKey === Buffer.from(known.signing.publicKey).toString('base64')) {
    return { identity: known, client: new DeviceClient(known, security.platformKeys, { clock, keyVersion: record.keyVersion }) };
  }
  if (record?.status === 'active') await security.revoke(assetId, 'the simulated device lost its keys and is enrolled again', PROVISIONER);
  const identity = generateDeviceIdentity(assetId);
  const { token } = await security.issueToken(assetId, PROVISIONER);
  const request = new DeviceClient(identity, security.platformKeys, { clock }).enrollmentRequest(token);
  const device = await security.enroll(request);
  return { identity, client: new DeviceClient(identity, security.platformKeys, { clock, keyVersion: device.keyVersion }) };
}

/** Enrolls every twin device that is not enrolled with the keys it holds; returns each device's client. */
export async function provisionTwinDevices(security: DeviceSecurityStage, assetIds: readonly string[], keyFile: string, clock: Clock): Promise<Map<string, DeviceClient>> {
  const stored = readKeys(keyFile);
  // All at once: the ledger's group commit then writes the enrollments in a few batches.
  const results = await Promise.all(assetIds.map(async (id) => [id, await provisionOne(security, id, stored[id], clock)] as const));
  const keys: Record<string, string> = {};
  for (const [id, { identity }] of results) keys[id] = exportIdentity(identity);
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  await writeFile(keyFile, JSON.stringify(keys) + '\n', { mode: 0o600 });
  return new Map(results.map(([id, { client }]) => [id, client]));
}
