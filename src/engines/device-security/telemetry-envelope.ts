// Wire format of sealed telemetry (device → platform), version 1. A session header, signed once per
// session by the device, carries the HPKE encapsulated key; each message adds its sequence number,
// timestamp and ChaCha20-Poly1305 ciphertext. Everything before the ciphertext is authenticated data.
//
//   u8 0xC7 │ u8 L │ L device id │ u32 key version │ 4 platform key id │ u64 session id (ms)
//   │ 32 enc │ 64 Ed25519 session signature │ u64 seq │ u64 ts (ms) │ ciphertext ‖ 16-byte tag
import { ByteReader, writeU64 } from './byte-reader.js';

/** First byte of a version-1 telemetry envelope. */
export const TELEMETRY_MAGIC = 0xc7;
/** Domain separation for the session signature and the HPKE info. */
export const SESSION_SIGNATURE_LABEL = Buffer.from('cityguard/telemetry-session/v1\n');
export const TELEMETRY_INFO_LABEL = Buffer.from('cityguard/telemetry/v1\n');

/** The signed session part of a telemetry envelope. */
export interface TelemetrySessionHeader {
  deviceId: string;
  keyVersion: number;
  platformKeyId: Buffer;
  /** Session start in ms; strictly increasing per device, so it also orders sessions. */
  sessionId: number;
  enc: Buffer;
}

/** A parsed envelope; `header` is the exact bytes of the signed session header (with signature). */
export interface TelemetryEnvelope {
  session: TelemetrySessionHeader;
  signature: Buffer;
  headerBytes: Buffer;
  seq: number;
  ts: number;
  /** Everything before the ciphertext: the AEAD's associated data. */
  aad: Buffer;
  ciphertext: Buffer;
}

/** The bytes the device signs for a session (everything up to and including enc). */
export function sessionSigningInput(h: TelemetrySessionHeader): Buffer {
  const id = Buffer.from(h.deviceId, 'utf8');
  const out = Buffer.alloc(1 + 1 + id.length + 4 + 4 + 8 + 32);
  let at = 0;
  out[at++] = TELEMETRY_MAGIC;
  out[at++] = id.length;
  at += id.copy(out, at);
  out.writeUInt32BE(h.keyVersion, at);
  at += 4;
  at += h.platformKeyId.copy(out, at, 0, 4);
  writeU64(out, h.sessionId, at);
  at += 8;
  h.enc.copy(out, at);
  return out;
}

/**
 * The HPKE `info` of a session: binds the key schedule to the device, key version, platform key and
 * session id (the signed header without enc, which HPKE's KEM context binds by itself).
 */
export function sessionInfo(h: Omit<TelemetrySessionHeader, 'enc'>): Buffer {
  return Buffer.concat([TELEMETRY_INFO_LABEL, sessionSigningInput({ ...h, enc: Buffer.alloc(32) }).subarray(0, -32)]);
}

/** Parses an envelope; undefined when it is not a well-formed version-1 telemetry envelope. */
export function parseTelemetryEnvelope(bytes: Uint8Array): TelemetryEnvelope | undefined {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const r = new ByteReader(buf);
  if (r.u8() !== TELEMETRY_MAGIC) return undefined;
  const idLength = r.u8();
  const deviceId = r.bytes(idLength).toString('utf8');
  const keyVersion = r.u32();
  const platformKeyId = r.bytes(4);
  const sessionId = r.u64();
  const enc = r.bytes(32);
  const signature = r.bytes(64);
  const headerEnd = r.offset;
  const seq = r.u64();
  const ts = r.u64();
  const aadEnd = r.offset;
  const ciphertext = r.rest();
  if (r.failed || idLength === 0 || ciphertext.length < 16) return undefined;
  return {
    session: { deviceId, keyVersion, platformKeyId, sessionId, enc },
    signature,
    headerBytes: buf.subarray(0, headerEnd),
    seq,
    ts,
    aad: buf.subarray(0, aadEnd),
    ciphertext,
  };
}
