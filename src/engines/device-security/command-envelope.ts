// Wire format of commands (platform → device), version 1: signed by the platform's Ed25519 key, then
// sealed with HPKE single-shot (RFC 9180 §6.1) to the device's X25519 key, so a broker can neither
// read nor forge them. The header (before enc) is the HPKE aad and is also signed.
//
//   u8 0xC8 │ u8 L │ L device id │ u32 device key version │ 32 enc │ HPKE ciphertext of:
//      u64 seq │ u64 ts (ms) │ u32 n │ n bytes command JSON │ 64 Ed25519 signature
import { ByteReader, writeU64 } from './byte-reader.js';

/** First byte of a version-1 command envelope. */
export const COMMAND_MAGIC = 0xc8;
/** Domain separation for the command signature and HPKE info. */
export const COMMAND_LABEL = Buffer.from('cityguard/command/v1\n');

/** Header fields that address a command. */
export interface CommandHeader {
  deviceId: string;
  keyVersion: number;
}

/** The header bytes before enc (used in the HPKE info and the signed message). */
export function commandHeaderBytes(h: CommandHeader): Buffer {
  const id = Buffer.from(h.deviceId, 'utf8');
  const out = Buffer.alloc(2 + id.length + 4);
  out[0] = COMMAND_MAGIC;
  out[1] = id.length;
  id.copy(out, 2);
  out.writeUInt32BE(h.keyVersion, 2 + id.length);
  return out;
}

/** The message the platform signs. */
export function commandSigningInput(header: Buffer, seq: number, ts: number, json: Buffer): Buffer {
  const numbers = Buffer.alloc(16);
  writeU64(numbers, seq, 0);
  writeU64(numbers, ts, 8);
  return Buffer.concat([COMMAND_LABEL, header, numbers, json]);
}

/** The plaintext sealed inside a command envelope. */
export function commandPlaintext(seq: number, ts: number, json: Buffer, signature: Buffer): Buffer {
  const out = Buffer.alloc(20 + json.length + 64);
  writeU64(out, seq, 0);
  writeU64(out, ts, 8);
  out.writeUInt32BE(json.length, 16);
  json.copy(out, 20);
  signature.copy(out, 20 + json.length);
  return out;
}

/** A parsed outer envelope. */
export interface CommandEnvelope {
  header: CommandHeader;
  headerBytes: Buffer;
  enc: Buffer;
  ciphertext: Buffer;
}

/** Parses the outer envelope; undefined when malformed. */
export function parseCommandEnvelope(bytes: Uint8Array): CommandEnvelope | undefined {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const r = new ByteReader(buf);
  if (r.u8() !== COMMAND_MAGIC) return undefined;
  const idLength = r.u8();
  const deviceId = r.bytes(idLength).toString('utf8');
  const keyVersion = r.u32();
  const headerEnd = r.offset;
  const enc = r.bytes(32);
  const ciphertext = r.rest();
  if (r.failed || idLength === 0 || ciphertext.length < 16) return undefined;
  return { header: { deviceId, keyVersion }, headerBytes: buf.subarray(0, headerEnd), enc, ciphertext };
}

/** Parses the decrypted plaintext; undefined when malformed. */
export function parseCommandPlaintext(plaintext: Buffer): { seq: number; ts: number; json: Buffer; signature: Buffer } | undefined {
  const r = new ByteReader(plaintext);
  const seq = r.u64();
  const ts = r.u64();
  const json = r.bytes(r.u32());
  const signature = r.bytes(64);
  if (r.failed || r.remaining !== 0) return undefined;
  return { seq, ts, json, signature };
}
