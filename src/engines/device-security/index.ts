// Device security: device identities, enrollment with one-time tokens, telemetry sealed to the
// platform with HPKE (RFC 9180), signed and sealed commands, replay windows, key rotation and
// revocation. `DeviceClient` is the device side; the rest is the platform side.
export { DeviceClient, type DeviceClientOptions } from './device-client.js';
export { DeviceAuthority, type DeviceAuthorityOptions, type TrustEvent } from './device-authority.js';
export { DeviceRegistry, type DeviceRecord, type EnrollmentTokenRecord } from './device-registry.js';
export { TelemetryOpener, type TelemetryOpened, type TelemetryOpenerOptions } from './telemetry-opener.js';
export { TelemetrySealer, type SealerOptions } from './telemetry-sealer.js';
export { CommandSealer } from './command-sealer.js';
export { CommandOpener, type CommandOpened } from './command-opener.js';
export { ReplayWindow, type ReplayVerdict } from './replay-window.js';
export {
  ENVELOPE_REJECTIONS,
  QUARANTINE_REASON_OF,
  type EnvelopeRejected,
  type EnvelopeRejection,
} from './rejection.js';
export {
  exportIdentity,
  generateDeviceIdentity,
  generatePlatformIdentity,
  importDeviceIdentity,
  importPlatformIdentity,
  isValidDeviceId,
  keyFingerprint,
  platformPublicKeys,
  type DeviceIdentity,
  type PlatformIdentity,
  type PlatformPublicKeys,
} from './identities.js';
export type { RequestRejection } from './errors.js';
export { frameDeviceMessage, looksSealed, unframeDeviceMessage } from './device-message-frame.js';
export { COMMAND_MAGIC } from './command-envelope.js';
export { TELEMETRY_MAGIC } from './telemetry-envelope.js';
