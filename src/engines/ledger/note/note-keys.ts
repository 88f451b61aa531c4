// Signed-note keys (C2SP signed-note): key ids, the `name+id+base64` verifier key strings and the
// `PRIVATE+KEY+…` signer key strings, for Ed25519 note signatures (type 0x01) and Ed25519
// timestamped cosignatures (type 0x04, C2SP tlog-cosignature).
import { createHash } from 'node:crypto';
import { publicKeyOfRaw } from '../../../platform/crypto/index.js';
import { keyInvalid } from '../errors.js';

/** Signature type byte of plain Ed25519 note signatures. */
export const SIG_TYPE_ED25519 = 0x01;
/** Signature type byte of Ed25519 cosignature/v1 signatures. */
export const SIG_TYPE_COSIGNATURE = 0x04;

/** The signature types this ledger signs and verifies. */
export type NoteSignatureType = typeof SIG_TYPE_ED25519 | typeof SIG_TYPE_COSIGNATURE;

/** A public key named as in a signed note. */
export interface NotePublicKey {
  name: string;
  type: NoteSignatureType;
  keyId: number;
  publicKey: Buffer;
}

/** A private key named as in a signed note; `privateKey` is the 32-byte Ed25519 seed. */
export interface NotePrivateKey extends NotePublicKey {
  privateKey: Buffer;
}

/** True when `text` has an ASCII control character (below U+0020, or DEL); newlines allowed if asked. */
export function hasControlCharacter(text: string, allowNewline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && !(allowNewline && c === 0x0a)) || c === 0x7f) return true;
  }
  return false;
}

/** Key names are non-empty and contain no Unicode space and no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(name) && !hasControlCharacter(name, false);
}

/** key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4] as a big-endian uint32. */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  return createHash('sha256').update(name).update(Buffer.of(0x0a, type)).update(publicKey).digest().readUInt32BE(0);
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** `name+keyid+base64(type ‖ public key)`. */
export function formatVerifierKey(key: NotePublicKey): string {
  return `${key.name}+${hex8(key.keyId)}+${Buffer.concat([Buffer.of(key.type), key.publicKey]).toString('base64')}`;
}

/** `PRIVATE+KEY+name+keyid+base64(type ‖ seed)`. */
export function formatSignerKey(key: NotePrivateKey): string {
  return `PRIVATE+KEY+${key.name}+${hex8(key.keyId)}+${Buffer.concat([Buffer.of(key.type), key.privateKey]).toString('base64')}`;
}

function splitKey(text: string, what: string): { name: string; keyId: number; type: number; material: Buffer } {
  const first = text.indexOf('+');
  const name = text.slice(0, first);
  const idHex = text.slice(first + 1, first + 9);
  const b64 = text.slice(first + 10);
  if (first <= 0 || text[first + 9] !== '+' || !/^[0-9a-f]{8}$/.test(idHex) || !isValidKeyName(name)) {
    throw keyInvalid(`${what} must look like name+8-hex-digits+base64`);
  }
  const raw = Buffer.from(b64, 'base64');
  if (raw.toString('base64') !== b64 || raw.length !== 33) throw keyInvalid(`${what} key material is not base64 of 33 bytes`);
  const type = raw[0]!;
  if (type !== SIG_TYPE_ED25519 && type !== SIG_TYPE_COSIGNATURE) throw keyInvalid(`${what} has unsupported signature type 0x${type.toString(16)}`);
  return { name, keyId: parseInt(idHex, 16), type, material: raw.subarray(1) };
}

/** Parses a verifier key string, checking that its key id matches its name and key. */
export function parseVerifierKey(text: string): NotePublicKey {
  const { name, keyId, type, material } = splitKey(text.trim(), 'verifier key');
  if (noteKeyId(name, type, material) !== keyId) throw keyInvalid(`verifier key id ${hex8(keyId)} does not match ${name}'s key`);
  return { name, keyId, type: type as NoteSignatureType, publicKey: material };
}

/** Parses a signer key string and derives its public key, checking the key id. */
export function parseSignerKey(text: string): NotePrivateKey {
  const trimmed = text.trim();
  if (!trimmed.startsWith('PRIVATE+KEY+')) throw keyInvalid('signer key must start with PRIVATE+KEY+');
  const { name, keyId, type, material } = splitKey(trimmed.slice('PRIVATE+KEY+'.length), 'signer key');
  const publicKey = publicKeyOfRaw('ed25519', material);
  if (noteKeyId(name, type, publicKey) !== keyId) throw keyInvalid(`signer key id ${hex8(keyId)} does not match ${name}'s key`);
  return { name, keyId, type: type as NoteSignatureType, publicKey, privateKey: Buffer.from(material) };
}

/** Builds a named key from raw Ed25519 keys. */
export function notePrivateKey(name: string, type: NoteSignatureType, keys: { privateKey: Uint8Array; publicKey: Uint8Array }): NotePrivateKey {
  if (!isValidKeyName(name)) throw keyInvalid(`key name "${name}" must be non-empty with no spaces or '+'`);
  const publicKey = Buffer.from(keys.publicKey);
  return { name, type, keyId: noteKeyId(name, type, publicKey), publicKey, privateKey: Buffer.from(keys.privateKey) };
}

/** The public half of a named key. */
export function publicHalf(key: NotePrivateKey): NotePublicKey {
  return { name: key.name, type: key.type, keyId: key.keyId, publicKey: key.publicKey };
}
