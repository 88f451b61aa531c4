// Device side of telemetry: seals each reading to the platform's X25519 key. One HPKE encapsulation
// (RFC 9180 base mode) per session, signed by the device's Ed25519 key; per-message keys come from
// the HPKE secret export (§5.3) with an explicit sequence number in the nonce, so the platform can
// open messages that arrive late, twice or not at all (MQTT QoS 0) — which §9.7.1 leaves to the
// application. The session rekeys after `rekeyAfterMessages` or `rekeyAfterMs`.
import type { Clock } from '../../platform/clock/index.js';
import { aeadSealAfterAad, Ed25519Signer, HpkePublicKey, nonceForSequence, setupBaseSender } from '../../platform/crypto/index.js';
import { writeU64 } from './byte-reader.js';
import { keyId, type DeviceIdentity, type PlatformPublicKeys } from './identities.js';
import { sessionInfo, sessionSigningInput, type TelemetrySessionHeader } from './telemetry-envelope.js';

/** Exporter contexts for the per-session AEAD key and base nonce. */
export const EXPORT_KEY_CONTEXT = Buffer.from('cityguard telemetry key');
export const EXPORT_NONCE_CONTEXT = Buffer.from('cityguard telemetry nonce');

/** When a device starts a new session. */
export interface SealerOptions {
  clock: Clock;
  /** Device key version assigned at enrollment or rotation. */
  keyVersion: number;
  /** Messages per session (default 100 000). */
  rekeyAfterMessages?: number;
  /** Session lifetime in ms (default 1 hour). */
  rekeyAfterMs?: number;
}

interface Session {
  id: number;
  prefix: Buffer;
  key: Buffer;
  baseNonce: Buffer;
  seq: number;
}

/** Seals telemetry payloads from one device to the platform. */
export class TelemetrySealer {
  private readonly signer: Ed25519Signer;
  private readonly platformKey: HpkePublicKey;
  private readonly platformKeyId: Buffer;
  private session: Session | undefined;
  private lastSessionId = 0;

  constructor(
    private readonly identity: DeviceIdentity,
    platform: PlatformPublicKeys,
    private readonly options: SealerOptions,
  ) {
    this.signer = new Ed25519Signer(identity.signing);
    this.platformKey = new HpkePublicKey(platform.encryptionPublicKey);
    this.platformKeyId = keyId(platform.encryptionPublicKey);
  }

  /** Seals one payload (bytes, or any JSON value) into an envelope. */
  seal(payload: Uint8Array | string | object): Buffer {
    const now = Math.floor(this.options.clock.now());
    const session = this.currentSession(now);
    const plaintext = payload instanceof Uint8Array ? payload : Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
    const aad = Buffer.allocUnsafe(session.prefix.length + 16);
    session.prefix.copy(aad, 0);
    writeU64(aad, session.seq, session.prefix.length);
    writeU64(aad, now, session.prefix.length + 8);
    const envelope = aeadSealAfterAad(session.key, nonceForSequence(session.baseNonce, session.seq), aad, plaintext);
    session.seq += 1;
    return envelope;
  }

  /** Forces a new session (e.g. after the platform's key changed). */
  rekey(): void {
    this.session = undefined;
  }

  private currentSession(now: number): Session {
    const s = this.session;
    const maxMessages = this.options.rekeyAfterMessages ?? 100_000;
    const maxAgeMs = this.options.rekeyAfterMs ?? 3_600_000;
    if (s && s.seq < maxMessages && now - s.id < maxAgeMs) return s;
    const id = Math.max(this.lastSessionId + 1, now);
    this.lastSessionId = id;
    const header: TelemetrySessionHeader = {
      deviceId: this.identity.deviceId,
      keyVersion: this.options.keyVersion,
      platformKeyId: this.platformKeyId,
      sessionId: id,
      enc: Buffer.alloc(32),
    };
    const { enc, context } = setupBaseSender(this.platformKey, sessionInfo(header));
    header.enc = enc;
    const signed = sessionSigningInput(header);
    const prefix = Buffer.concat([signed, this.signer.sign(signed)]);
    this.session = { id, prefix, key: context.export(EXPORT_KEY_CONTEXT, 32), baseNonce: context.export(EXPORT_NONCE_CONTEXT, 12), seq: 0 };
    return this.session;
  }
}
