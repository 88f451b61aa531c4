// Provisioning real devices: the MQTT credential each device (or field gateway) logs in with, and
// the one-time token a device enrolls its end-to-end keys with. Secrets are shown once, in the
// answer, and never stored in clear. Admin only; mounted by the runtime through `extraRoutes`.
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { ErrorResponse } from '../../../contracts/index.js';
import { CityguardError } from '../../../domain/index.js';
import { IdParams } from './query-schemas.js';

/** What the routes need from the running ingest and device security. */
export interface DeviceProvisioning {
  /** Issues a device's credential; an existing one is replaced and its client disconnected. */
  issueCredential(assetId: string): Promise<{ username: string; password: string; replaced: boolean }>;
  /** Issues a gateway credential that may publish for the listed devices only. */
  issueGatewayCredential(name: string, assetIds: readonly string[]): Promise<{ username: string; password: string }>;
  /** Issues a one-time enrollment token; absent when end-to-end device security is off. */
  issueEnrollmentToken?: (assetId: string, by: string) => Promise<{ token: string; expiresAt: number }>;
}

const Credential = Type.Object({
  username: Type.String(),
  password: Type.String({ description: 'shown once; only a salted HMAC is kept' }),
  replaced: Type.Optional(Type.Boolean({ description: 'an earlier credential existed and no longer works' })),
});
const GatewayBody = Type.Object({ devices: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 10_000 }) }, { additionalProperties: false });
const EnrollmentToken = Type.Object({ deviceId: Type.String(), token: Type.String(), expiresAt: Type.String({ description: 'ISO 8601' }) });

/** POST /api/devices/:id/credentials, /api/gateways/:id/credentials and /api/devices/:id/enrollment-token (admin). */
export function deviceProvisioningRoutes(p: DeviceProvisioning): (app: FastifyInstance) => void {
  return (app) => {
    app.post(
      '/api/devices/:id/credentials',
      {
        config: { role: 'admin' },
        schema: {
          tags: ['devices'],
          summary: 'Issue the MQTT credential a device logs in with (username = asset id); replaces and disconnects an earlier one',
          params: IdParams,
          response: { 200: Credential, 404: ErrorResponse },
        },
      },
      async (request) => p.issueCredential((request.params as { id: string }).id),
    );
    app.post(
      '/api/gateways/:id/credentials',
      {
        config: { role: 'admin' },
        schema: {
          tags: ['devices'],
          summary: 'Issue a field gateway credential (username gateway:<id>) that publishes for the listed devices only',
          params: IdParams,
          body: GatewayBody,
          response: { 200: Credential, 404: ErrorResponse },
        },
      },
      async (request) => p.issueGatewayCredential((request.params as { id: string }).id, (request.body as { devices: string[] }).devices),
    );
    app.post(
      '/api/devices/:id/enrollment-token',
      {
        config: { role: 'admin' },
        schema: {
          tags: ['devices'],
          summary: 'Issue a one-time token the device enrolls its end-to-end keys with (devices.e2e on)',
          params: IdParams,
          response: { 200: EnrollmentToken, 404: ErrorResponse, 409: ErrorResponse },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        if (!p.issueEnrollmentToken)
          throw new CityguardError('CG_API_DEVICE_SECURITY_OFF', 'end-to-end device security is off (devices.e2e in the configuration): devices enroll no keys', { deviceId: id });
        const { token, expiresAt } = await p.issueEnrollmentToken(id, request.principal?.user ?? 'unknown');
        return { deviceId: id, token, expiresAt: new Date(expiresAt).toISOString() };
      },
    );
  };
}
