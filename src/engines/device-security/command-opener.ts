// Device side of commands: opens what the platform sealed to this device, checks the platform's
// signature, the timestamp and the sequence number, and refuses anything else with a reason.
import type { Clock } from '../../platform/clock/index.js';
import { Ed25519Verifier, hpkeOpen, HpkeRecipientKey } from '../../platform/crypto/index.js';
import { COMMAND_LABEL, commandSigningInput, parseCommandEnvelope, parseCommandPlaintext } from './command-envelope.js';
import type { DeviceIdentity, PlatformPublicKeys } from './identities.js';
import { emptyRejectionCounts, rejected, type EnvelopeRejected, type EnvelopeRejection } from './rejection.js';

/** A command that passed every check. */
export interface CommandOpened {
  ok: true;
  command: unknown;
  seq: number;
  ts: number;
}

/** Opens commands addressed to one device identity. */
export class CommandOpener {
  private recipient: HpkeRecipientKey;
  private readonly verifier: Ed25519Verifier;
  // Commands are accepted in strictly increasing order only: a delayed older command ("open") must
  // never undo a newer one ("close"), so anything not newer than the last accepted is refused.
  private lastSeq = -1;
  private readonly rejections = emptyRejectionCounts();
  private opened = 0;

  constructor(
    private identity: DeviceIdentity,
    private keyVersion: number,
    platform: PlatformPublicKeys,
    private readonly options: { clock: Clock; maxSkewMs?: number },
  ) {
    this.recipient = new HpkeRecipientKey(identity.encryption.privateKey);
    this.verifier = new Ed25519Verifier(platform.signingPublicKey);
  }

  /** Opens one command envelope, or says why not. */
  open(bytes: Uint8Array): CommandOpened | EnvelopeRejected {
    const result = this.tryOpen(bytes);
    if (result.ok) this.opened += 1;
    else this.rejections[result.reason] += 1;
    return result;
  }

  /** Switches to rotated keys; counters and the last accepted sequence number carry over. */
  useIdentity(identity: DeviceIdentity, keyVersion: number): void {
    this.identity = identity;
    this.keyVersion = keyVersion;
    this.recipient = new HpkeRecipientKey(identity.encryption.privateKey);
  }

  /** The highest command sequence number accepted; persist it to keep replay protection across restarts. */
  get lastAcceptedSeq(): number {
    return this.lastSeq;
  }

  /** Restores the last accepted sequence number saved before a restart. */
  restoreLastAcceptedSeq(seq: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  /** Commands opened and refused so far, by reason. */
  stats(): { opened: number; rejected: Record<EnvelopeRejection, number> } {
    return { opened: this.opened, rejected: { ...this.rejections } };
  }

  private tryOpen(bytes: Uint8Array): CommandOpened | EnvelopeRejected {
    const env = parseCommandEnvelope(bytes);
    if (!env) return rejected('malformed', 'not a version-1 command envelope');
    const { deviceId, keyVersion } = env.header;
    if (deviceId !== this.identity.deviceId) return rejected('wrong-device-key', `addressed to ${deviceId}`, deviceId);
    if (keyVersion !== this.keyVersion) return rejected('wrong-device-key', `sealed to key version ${keyVersion}; this device holds ${this.keyVersion}`, deviceId);
    const plaintext = hpkeOpen(this.recipient, env.enc, Buffer.concat([COMMAND_LABEL, env.headerBytes]), env.headerBytes, env.ciphertext);
    if (!plaintext) return rejected('decrypt-failed', 'not sealed to this device key, or altered', deviceId);
    const inner = parseCommandPlaintext(plaintext);
    if (!inner) return rejected('malformed', 'decrypted command is malformed', deviceId);
    if (!this.verifier.verify(commandSigningInput(env.headerBytes, inner.seq, inner.ts, inner.json), inner.signature)) {
      return rejected('bad-signature', 'not signed by the platform', deviceId);
    }
    const now = this.options.clock.now();
    if (Math.abs(now - inner.ts) > (this.options.maxSkewMs ?? 300_000)) return rejected('stale', `command time ${inner.ts} is too far from now`, deviceId);
    if (inner.seq <= this.lastSeq) return rejected('replayed', `command ${inner.seq} is not newer than ${this.lastSeq}`, deviceId);
    let command: unknown;
    try {
      command = JSON.parse(inner.json.toString('utf8'));
    } catch {
      return rejected('malformed', 'command is not JSON', deviceId);
    }
    this.lastSeq = inner.seq;
    return { ok: true, command, seq: inner.seq, ts: inner.ts };
  }
}
