// Error factories of the device-security engine, one per code; docs/errors.md explains each.
import { CityguardError } from '../../domain/index.js';

/** Why an enrollment or key rotation request was refused. */
export type RequestRejection =
  | 'malformed'
  | 'undecryptable'
  | 'unknown-token'
  | 'token-expired'
  | 'token-for-other-device'
  | 'bad-signature'
  | 'stale'
  | 'already-enrolled'
  | 'not-enrolled'
  | 'revoked'
  | 'wrong-key-version';

/** An enrollment request was refused; nothing was recorded. */
export function enrollmentRejected(reason: RequestRejection, detail: string, deviceId?: string): CityguardError {
  return new CityguardError('CG_DEVICE_ENROLLMENT_REJECTED', `device enrollment refused (${reason}): ${detail}`, { reason, deviceId });
}

/** A key rotation request was refused; the device keeps its current keys. */
export function rotationRejected(reason: RequestRejection, detail: string, deviceId?: string): CityguardError {
  return new CityguardError('CG_DEVICE_ROTATION_REJECTED', `device key rotation refused (${reason}): ${detail}`, { reason, deviceId });
}

/** An operation named a device that is not enrolled (or is revoked). */
export function deviceNotEnrolled(deviceId: string, detail: string): CityguardError {
  return new CityguardError('CG_DEVICE_NOT_ENROLLED', `device ${deviceId} ${detail}`, { deviceId });
}
