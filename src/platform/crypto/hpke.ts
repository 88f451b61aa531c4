// HPKE (RFC 9180) base mode for one suite: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
// ChaCha20-Poly1305 (kem 0x0020, kdf 0x0001, aead 0x0003), on node:crypto. Checked against the
// RFC's Appendix A.2.1 vectors and against @hpke/core in hpke.test.ts.
import { diffieHellman, type KeyObject } from 'node:crypto';
import { aeadOpen, aeadSeal, AEAD_KEY_BYTES, AEAD_NONCE_BYTES, nonceForSequence } from './chacha20-poly1305.js';
import { hkdfExpand, hkdfExtract, SHA256_BYTES } from './hkdf.js';
import { generateRawKeyPair, privateKeyFromRaw, publicKeyFromRaw, rawPublicKey, type RawKeyPair } from './raw-keys.js';

/** Length of the encapsulated key (Nenc) for X25519. */
export const HPKE_ENC_BYTES = 32;

const VERSION_LABEL = Buffer.from('HPKE-v1');
const KEM_SUITE_ID = Buffer.from([...Buffer.from('KEM'), 0x00, 0x20]);
const HPKE_SUITE_ID = Buffer.from([...Buffer.from('HPKE'), 0x00, 0x20, 0x00, 0x01, 0x00, 0x03]);
const MODE_BASE = 0x00;
const EMPTY = Buffer.alloc(0);

function labeledExtract(suiteId: Buffer, salt: Uint8Array, label: string, ikm: Uint8Array): Buffer {
  return hkdfExtract(salt, Buffer.concat([VERSION_LABEL, suiteId, Buffer.from(label), ikm]));
}

function labeledExpand(suiteId: Buffer, prk: Uint8Array, label: string, info: Uint8Array, length: number): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(length);
  return hkdfExpand(prk, Buffer.concat([prefix, VERSION_LABEL, suiteId, Buffer.from(label), info]), length);
}

/** DH(sk, pk) with the all-zero output check RFC 9180 §7.1.4 requires for X25519. */
function dh(privateKey: KeyObject, publicKey: KeyObject): Buffer {
  const out = diffieHellman({ privateKey, publicKey });
  if (out.every((b) => b === 0)) throw new Error('X25519 produced the all-zero shared secret');
  return out;
}

function extractAndExpand(dhOutput: Buffer, kemContext: Buffer): Buffer {
  const prk = labeledExtract(KEM_SUITE_ID, EMPTY, 'eae_prk', dhOutput);
  return labeledExpand(KEM_SUITE_ID, prk, 'shared_secret', kemContext, SHA256_BYTES);
}

/** An HPKE encryption context (RFC 9180 §5.2): the AEAD key, base nonce and exporter secret. */
export class HpkeContext {
  private seq = 0;

  constructor(
    readonly key: Buffer,
    readonly baseNonce: Buffer,
    readonly exporterSecret: Buffer,
  ) {}

  /** Seal with the next sequence number; messages must reach `open` in the same order (§9.7.1). */
  seal(aad: Uint8Array, plaintext: Uint8Array): Buffer {
    const out = aeadSeal(this.key, nonceForSequence(this.baseNonce, this.seq), aad, plaintext);
    this.seq += 1;
    return out;
  }

  /** Open the next message; undefined when it does not authenticate (the sequence number then stays). */
  open(aad: Uint8Array, ciphertext: Uint8Array): Buffer | undefined {
    const out = aeadOpen(this.key, nonceForSequence(this.baseNonce, this.seq), aad, ciphertext);
    if (out !== undefined) this.seq += 1;
    return out;
  }

  /** Secret export (§5.3): `length` bytes bound to this context and `exporterContext`. */
  export(exporterContext: Uint8Array, length: number): Buffer {
    return labeledExpand(HPKE_SUITE_ID, this.exporterSecret, 'sec', exporterContext, length);
  }
}

function keySchedule(sharedSecret: Buffer, info: Uint8Array): HpkeContext {
  const pskIdHash = labeledExtract(HPKE_SUITE_ID, EMPTY, 'psk_id_hash', EMPTY);
  const infoHash = labeledExtract(HPKE_SUITE_ID, EMPTY, 'info_hash', info);
  const context = Buffer.concat([Buffer.of(MODE_BASE), pskIdHash, infoHash]);
  const secret = labeledExtract(HPKE_SUITE_ID, sharedSecret, 'secret', EMPTY);
  return new HpkeContext(
    labeledExpand(HPKE_SUITE_ID, secret, 'key', context, AEAD_KEY_BYTES),
    labeledExpand(HPKE_SUITE_ID, secret, 'base_nonce', context, AEAD_NONCE_BYTES),
    labeledExpand(HPKE_SUITE_ID, secret, 'exp', context, SHA256_BYTES),
  );
}

/** A recipient's X25519 key, parsed once so each decapsulation costs one DH. */
export class HpkeRecipientKey {
  readonly publicKey: Buffer;
  private readonly key: KeyObject;

  constructor(privateKey: Uint8Array) {
    this.key = privateKeyFromRaw('x25519', privateKey);
    this.publicKey = rawPublicKey(this.key);
  }

  /** Decap (§4.1) then KeySchedule (§5.1) for base mode; throws on a malformed `enc`. */
  setupReceiver(enc: Uint8Array, info: Uint8Array): HpkeContext {
    if (enc.length !== HPKE_ENC_BYTES) throw new RangeError(`enc must be ${HPKE_ENC_BYTES} bytes`);
    const shared = extractAndExpand(dh(this.key, publicKeyFromRaw('x25519', enc)), Buffer.concat([enc, this.publicKey]));
    return keySchedule(shared, info);
  }
}

/** A recipient's X25519 public key, parsed once for repeated encapsulation. */
export class HpkePublicKey {
  readonly key: KeyObject;

  constructor(readonly raw: Uint8Array) {
    this.key = publicKeyFromRaw('x25519', raw);
  }
}

/** SetupBaseS (§5.1.1): encapsulates to `recipient`; `ephemeral` is for known-answer tests only. */
export function setupBaseSender(
  recipient: HpkePublicKey | Uint8Array,
  info: Uint8Array,
  ephemeral?: RawKeyPair,
): { enc: Buffer; context: HpkeContext } {
  const pkR = recipient instanceof HpkePublicKey ? recipient : new HpkePublicKey(recipient);
  const pairE = ephemeral ?? generateRawKeyPair('x25519');
  const skE = privateKeyFromRaw('x25519', pairE.privateKey, pairE.publicKey);
  const enc = Buffer.from(pairE.publicKey);
  const shared = extractAndExpand(dh(skE, pkR.key), Buffer.concat([enc, pkR.raw]));
  return { enc, context: keySchedule(shared, info) };
}

/** Single-shot Seal (§6.1): one message to `recipientPublicKey`. */
export function hpkeSeal(
  recipientPublicKey: HpkePublicKey | Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
): { enc: Buffer; ciphertext: Buffer } {
  const { enc, context } = setupBaseSender(recipientPublicKey, info);
  return { enc, ciphertext: context.seal(aad, plaintext) };
}

/** Single-shot Open (§6.1); undefined when the message does not decrypt under this key. */
export function hpkeOpen(
  recipient: HpkeRecipientKey,
  enc: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
): Buffer | undefined {
  try {
    return recipient.setupReceiver(enc, info).open(aad, ciphertext);
  } catch {
    return undefined;
  }
}
