// Platform side of telemetry: authenticates and decrypts envelopes from enrolled devices. A session
// header is verified once (device signature, HPKE decapsulation) and cached; each message then costs
// one AEAD open and a replay-window check. Forged, replayed, stale or wrongly keyed messages are
// refused with a reason and counted; nothing here throws on bad input.
import type { Clock } from '../../platform/clock/index.js';
import { aeadOpen, HpkeRecipientKey, nonceForSequence } from '../../platform/crypto/index.js';
import type { DeviceRegistry } from './device-registry.js';
import { keyId, type PlatformIdentity } from './identities.js';
import { emptyRejectionCounts, rejected, type EnvelopeRejected, type EnvelopeRejection } from './rejection.js';
import { ReplayWindow } from './replay-window.js';
import { parseTelemetryEnvelope, sessionInfo, sessionSigningInput, type TelemetryEnvelope } from './telemetry-envelope.js';
import { EXPORT_KEY_CONTEXT, EXPORT_NONCE_CONTEXT } from './telemetry-sealer.js';

/** Tunables of the opener. */
export interface TelemetryOpenerOptions {
  clock: Clock;
  /** Largest accepted difference between a message's timestamp and now (default 5 minutes). */
  maxSkewMs?: number;
  /** Oldest session accepted, by its start time (default 2 hours; devices rekey hourly). */
  maxSessionAgeMs?: number;
  /** Reordering tolerated within a session, in messages (default 1024). */
  replayWindow?: number;
  /** Earlier platform encryption keys still accepted during a platform key rotation. */
  previousEncryptionKeys?: Array<{ privateKey: Uint8Array }>;
}

/** An authenticated, decrypted telemetry message. */
export interface TelemetryOpened {
  ok: true;
  deviceId: string;
  keyVersion: number;
  sessionId: number;
  seq: number;
  ts: number;
  payload: Buffer;
}

interface SessionState {
  id: number;
  keyVersion: number;
  headerBytes: Buffer;
  key: Buffer;
  baseNonce: Buffer;
  window: ReplayWindow;
}

/** Opens telemetry envelopes for the platform and counts what it refuses. */
export class TelemetryOpener {
  private readonly recipients = new Map<number, HpkeRecipientKey>();
  // The two newest sessions per device: the current one and the one it replaced (in-flight messages).
  private readonly sessions = new Map<string, SessionState[]>();
  private readonly rejections = emptyRejectionCounts();
  private opened = 0;

  constructor(
    private readonly registry: DeviceRegistry,
    platform: PlatformIdentity,
    private readonly options: TelemetryOpenerOptions,
  ) {
    for (const k of [platform.encryption, ...(options.previousEncryptionKeys ?? [])]) {
      const recipient = new HpkeRecipientKey(k.privateKey);
      this.recipients.set(keyId(recipient.publicKey).readUInt32BE(0), recipient);
    }
  }

  /** Opens one envelope, or says why not. */
  open(bytes: Uint8Array): TelemetryOpened | EnvelopeRejected {
    const result = this.tryOpen(bytes);
    if (result.ok) this.opened += 1;
    else this.rejections[result.reason] += 1;
    return result;
  }

  /** Messages opened and refused so far, by reason. */
  stats(): { opened: number; rejected: Record<EnvelopeRejection, number> } {
    return { opened: this.opened, rejected: { ...this.rejections } };
  }

  /** Drops cached sessions of a device (call after its keys were rotated or it was revoked). */
  forgetDevice(deviceId: string): void {
    this.sessions.delete(deviceId);
  }

  private tryOpen(bytes: Uint8Array): TelemetryOpened | EnvelopeRejected {
    const env = parseTelemetryEnvelope(bytes);
    if (!env) return rejected('malformed', 'not a version-1 telemetry envelope');
    const { deviceId } = env.session;
    const device = this.registry.get(deviceId);
    if (!device) return rejected('unknown-device', `no enrolled device ${deviceId}`, deviceId);
    if (device.status === 'revoked') return rejected('revoked-device', `device ${deviceId} is revoked`, deviceId);
    if (env.session.keyVersion !== device.keyVersion) {
      return rejected('wrong-device-key', `sealed under key version ${env.session.keyVersion}; current is ${device.keyVersion}`, deviceId);
    }
    const now = this.options.clock.now();
    const skew = this.options.maxSkewMs ?? 300_000;
    if (Math.abs(now - env.ts) > skew) return rejected('stale', `timestamp ${env.ts} is ${Math.round((now - env.ts) / 1000)} s from now`, deviceId);
    const session = this.session(env, now);
    if (!('key' in session)) return session;
    const verdict = session.window.check(env.seq);
    if (verdict !== 'fresh') return rejected('replayed', `sequence ${env.seq} of session ${env.session.sessionId} is ${verdict}`, deviceId);
    const payload = aeadOpen(session.key, nonceForSequence(session.baseNonce, env.seq), env.aad, env.ciphertext);
    if (!payload) return rejected('decrypt-failed', 'ciphertext or header does not authenticate', deviceId);
    session.window.accept(env.seq);
    return { ok: true, deviceId, keyVersion: device.keyVersion, sessionId: env.session.sessionId, seq: env.seq, ts: env.ts, payload };
  }

  private session(env: TelemetryEnvelope, now: number): SessionState | EnvelopeRejected {
    const { deviceId, sessionId } = env.session;
    const known = this.sessions.get(deviceId) ?? [];
    const match = known.find((s) => s.id === sessionId && s.keyVersion === env.session.keyVersion);
    if (match) {
      if (match.headerBytes.equals(env.headerBytes)) return match;
      return this.verifySignature(env) ? rejected('replayed', `session id ${sessionId} reused`, deviceId) : rejected('bad-signature', 'session header altered', deviceId);
    }
    if (known.length > 0 && sessionId < Math.min(...known.map((s) => s.id))) return rejected('replayed', `session ${sessionId} was retired`, deviceId);
    const maxAge = this.options.maxSessionAgeMs ?? 7_200_000;
    if (now - sessionId > maxAge) return rejected('stale', `session started ${Math.round((now - sessionId) / 1000)} s ago`, deviceId);
    if (!this.verifySignature(env)) return rejected('bad-signature', 'session signature does not verify with the enrolled key', deviceId);
    const recipient = this.recipients.get(env.session.platformKeyId.readUInt32BE(0));
    if (!recipient) return rejected('wrong-platform-key', 'sealed to a platform key this platform does not hold', deviceId);
    let state: SessionState;
    try {
      const context = recipient.setupReceiver(env.session.enc, sessionInfo(env.session));
      state = {
        id: sessionId,
        keyVersion: env.session.keyVersion,
        headerBytes: Buffer.from(env.headerBytes),
        key: context.export(EXPORT_KEY_CONTEXT, 32),
        baseNonce: context.export(EXPORT_NONCE_CONTEXT, 12),
        window: new ReplayWindow(this.options.replayWindow ?? 1024),
      };
    } catch {
      return rejected('decrypt-failed', 'HPKE decapsulation failed', deviceId);
    }
    this.sessions.set(deviceId, [...known, state].sort((a, b) => b.id - a.id).slice(0, 2));
    return state;
  }

  private verifySignature(env: TelemetryEnvelope): boolean {
    const device = this.registry.get(env.session.deviceId)!;
    return this.registry.verifier(device).verify(sessionSigningInput(env.session), env.signature);
  }
}
