// Platform side of commands: signs and seals a command to one enrolled device. Sequence numbers
// start from the clock (µs) and only go up, so they stay fresh across platform restarts.
import type { Clock } from '../../platform/clock/index.js';
import { Ed25519Signer, hpkeSeal } from '../../platform/crypto/index.js';
import { COMMAND_LABEL, commandHeaderBytes, commandPlaintext, commandSigningInput } from './command-envelope.js';
import type { DeviceRegistry } from './device-registry.js';
import { deviceNotEnrolled } from './errors.js';
import type { PlatformIdentity } from './identities.js';

/** Seals commands for devices. */
export class CommandSealer {
  private readonly signer: Ed25519Signer;
  private lastSeq = 0;

  constructor(
    private readonly registry: DeviceRegistry,
    platform: PlatformIdentity,
    private readonly clock: Clock,
  ) {
    this.signer = new Ed25519Signer(platform.signing);
  }

  /** The envelope carrying `command` (any JSON value) to `deviceId`; throws if the device is not active. */
  seal(deviceId: string, command: unknown): Buffer {
    const device = this.registry.get(deviceId);
    if (!device || device.status !== 'active') throw deviceNotEnrolled(deviceId, device ? 'is revoked' : 'is not enrolled');
    const ts = Math.floor(this.clock.now());
    const seq = Math.max(this.lastSeq + 1, ts * 1000);
    this.lastSeq = seq;
    const header = commandHeaderBytes({ deviceId, keyVersion: device.keyVersion });
    const json = Buffer.from(JSON.stringify(command) ?? 'null');
    const signature = this.signer.sign(commandSigningInput(header, seq, ts, json));
    const sealedTo = Buffer.from(device.encryptionPublicKey, 'base64');
    // The aad is the header plus enc, which only exists after encapsulation; the header alone is
    // authenticated here and enc by HPKE itself (it is part of the KEM context).
    const { enc, ciphertext } = hpkeSeal(sealedTo, Buffer.concat([COMMAND_LABEL, header]), header, commandPlaintext(seq, ts, json, signature));
    return Buffer.concat([header, enc, ciphertext]);
  }
}
