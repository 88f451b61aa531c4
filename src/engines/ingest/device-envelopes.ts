// End-to-end encrypted device messages as ingest sees them: what the runtime supplies (opening
// sealed envelopes, which devices must seal, sealing commands) and what ingest reports back for
// every message it refused, so the runtime can count, alert and record. Ingest never holds keys.
import type { DeviceCommandMessage, QuarantineReason } from '../../domain/index.js';
import type { EnvelopeRejected, EnvelopeRejection, TelemetryOpened } from '../device-security/index.js';

/** Why a device message was refused under end-to-end encryption. */
export type SealedRefusalReason =
  | EnvelopeRejection
  /** Plaintext from a device enrolled for end-to-end encryption: anyone on the path could have written it. */
  | 'plaintext'
  /** Sealed by one device but published on another device's topic. */
  | 'device-mismatch'
  /** Sealed for one channel but published on another (e.g. an event moved onto `telemetry`). */
  | 'channel-mismatch';

/** One refused message, for alerts and metrics. */
export interface SealedRefusal {
  /** The asset the topic names. */
  assetId: string;
  channel: string;
  reason: SealedRefusalReason;
  quarantineReason: QuarantineReason;
  detail: string;
  /** The device the envelope claims, when its header could be read (unauthenticated). */
  claimedDeviceId?: string;
}

/** The platform side of device end-to-end encryption, as wired by the runtime. */
export interface DeviceEnvelopes {
  /** Authenticates, replay-checks and decrypts one sealed envelope, or says why not. Never throws. */
  open(bytes: Uint8Array): TelemetryOpened | EnvelopeRejected;
  /** True when plaintext from this asset must be refused (it is enrolled, or was). */
  sealedOnly(assetId: string): boolean;
  /** The signed and sealed command for an enrolled device; undefined sends it as plain JSON. */
  sealCommand(assetId: string, message: DeviceCommandMessage): Buffer | undefined;
  /** Told of every device message refused here (ingest then quarantines it). Must not throw. */
  refused(refusal: SealedRefusal): void;
}
