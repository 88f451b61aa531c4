// The small library a device (or the twin's simulated device) uses: build its enrollment and
// rotation requests, seal telemetry to the platform, and open the commands sent to it.
import type { Clock } from '../../platform/clock/index.js';
import { CommandOpener, type CommandOpened } from './command-opener.js';
import { createEnrollmentRequest, createRotationRequest } from './device-requests.js';
import type { DeviceIdentity, PlatformPublicKeys } from './identities.js';
import type { EnvelopeRejected, EnvelopeRejection } from './rejection.js';
import { TelemetrySealer } from './telemetry-sealer.js';

/** Options of a device client. */
export interface DeviceClientOptions {
  clock: Clock;
  /** The key version the platform assigned (1 after enrollment). */
  keyVersion?: number;
  rekeyAfterMessages?: number;
  rekeyAfterMs?: number;
  /** Command timestamps further than this from now are refused (default 5 minutes). */
  maxCommandSkewMs?: number;
}

/** One device's end of the secure channel. */
export class DeviceClient {
  private sealer: TelemetrySealer;
  private readonly commands: CommandOpener;
  private keyVersionValue: number;

  constructor(
    private identityValue: DeviceIdentity,
    private readonly platform: PlatformPublicKeys,
    private readonly options: DeviceClientOptions,
  ) {
    this.keyVersionValue = options.keyVersion ?? 1;
    this.sealer = this.makeSealer();
    this.commands = new CommandOpener(this.identityValue, this.keyVersionValue, this.platform, {
      clock: this.options.clock,
      ...(this.options.maxCommandSkewMs !== undefined ? { maxSkewMs: this.options.maxCommandSkewMs } : {}),
    });
  }

  /** The identity currently in use. */
  get identity(): DeviceIdentity {
    return this.identityValue;
  }

  /** The key version currently in use. */
  get keyVersion(): number {
    return this.keyVersionValue;
  }

  /** A sealed enrollment request carrying the one-time token. */
  enrollmentRequest(token: string): Buffer {
    return createEnrollmentRequest(this.identityValue, token, this.platform, Math.floor(this.options.clock.now()));
  }

  /** A sealed request to rotate to `next`; call `useIdentity(next, version + 1)` once the platform accepts. */
  rotationRequest(next: DeviceIdentity): Buffer {
    return createRotationRequest(this.identityValue, this.keyVersionValue, next, this.platform, Math.floor(this.options.clock.now()));
  }

  /** Switches to new keys (after a rotation the platform accepted). */
  useIdentity(identity: DeviceIdentity, keyVersion: number): void {
    this.identityValue = identity;
    this.keyVersionValue = keyVersion;
    this.sealer = this.makeSealer();
    this.commands.useIdentity(identity, keyVersion);
  }

  /** Seals one telemetry payload (bytes, text or JSON value) for the platform. */
  sealTelemetry(payload: Uint8Array | string | object): Buffer {
    return this.sealer.seal(payload);
  }

  /** Opens a command from the platform. */
  openCommand(bytes: Uint8Array): CommandOpened | EnvelopeRejected {
    return this.commands.open(bytes);
  }

  /** The last accepted command sequence number: persist it so replays stay refused after a restart. */
  get lastCommandSeq(): number {
    return this.commands.lastAcceptedSeq;
  }

  /** Restores the value of `lastCommandSeq` saved before a restart. */
  restoreLastCommandSeq(seq: number): void {
    this.commands.restoreLastAcceptedSeq(seq);
  }

  /** Commands opened and refused by this device, by reason. */
  commandStats(): { opened: number; rejected: Record<EnvelopeRejection, number> } {
    return this.commands.stats();
  }

  private makeSealer(): TelemetrySealer {
    return new TelemetrySealer(this.identityValue, this.platform, {
      clock: this.options.clock,
      keyVersion: this.keyVersionValue,
      ...(this.options.rekeyAfterMessages !== undefined ? { rekeyAfterMessages: this.options.rekeyAfterMessages } : {}),
      ...(this.options.rekeyAfterMs !== undefined ? { rekeyAfterMs: this.options.rekeyAfterMs } : {}),
    });
  }
}
