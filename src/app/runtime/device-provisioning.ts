// The API's device provisioning, from the running ingest registry and device security.
import type { DeviceProvisioning } from '../api/index.js';
import { ingestUnknownDevice, type DeviceRegistry } from '../../engines/ingest/index.js';
import type { DeviceSecurityStage } from './device-security-stage.js';

/** Credentials through the live registry (a replaced one disconnects at once); tokens when device security runs. */
export function deviceProvisioning(registry: DeviceRegistry, deviceSecurity: DeviceSecurityStage | undefined): DeviceProvisioning {
  return {
    async issueCredential(assetId) {
      const replaced = registry.hasCredential(assetId);
      const issued = replaced ? await registry.rotate(assetId) : await registry.issue(assetId);
      return { ...issued, replaced };
    },
    issueGatewayCredential: (name, assetIds) => registry.issueGateway(name, assetIds),
    ...(deviceSecurity
      ? {
          issueEnrollmentToken: async (assetId: string, by: string) => {
            if (!registry.asset(assetId)) throw ingestUnknownDevice(assetId);
            return deviceSecurity.issueToken(assetId, by);
          },
        }
      : {}),
  };
}
