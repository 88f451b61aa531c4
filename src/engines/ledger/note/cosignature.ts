// Witness cosignatures (C2SP tlog-cosignature, Ed25519 type 0x04): the signed message is
// "cosignature/v1\n" ‖ "time <T>\n" ‖ the whole checkpoint text, and the signature blob is
// a big-endian u64 timestamp (seconds) followed by the 64-byte Ed25519 signature.
import { Ed25519Signer, Ed25519Verifier } from '../../../platform/crypto/index.js';
import { SIG_TYPE_COSIGNATURE, type NotePrivateKey, type NotePublicKey } from './note-keys.js';
import { ed25519NoteVerifier, type NoteSignature, type NoteVerifier } from './signed-note.js';

/** The message a cosigner signs for `text` at `timestampSec`. */
export function cosignatureMessage(text: Buffer, timestampSec: number): Buffer {
  return Buffer.concat([Buffer.from(`cosignature/v1\ntime ${timestampSec}\n`), text]);
}

/** Makes timestamped cosignatures with a witness key. */
export class Cosigner {
  readonly name: string;
  readonly keyId: number;
  private readonly signer: Ed25519Signer;

  constructor(key: NotePrivateKey) {
    this.name = key.name;
    this.keyId = key.keyId;
    this.signer = new Ed25519Signer({ privateKey: key.privateKey, publicKey: key.publicKey });
  }

  /** The cosignature of checkpoint text `text` at `timestampSec`. */
  cosign(text: string, timestampSec: number): NoteSignature {
    if (!Number.isSafeInteger(timestampSec) || timestampSec < 0) throw new RangeError(`bad cosignature time ${timestampSec}`);
    const ts = Buffer.alloc(8);
    ts.writeBigUInt64BE(BigInt(timestampSec));
    const sig = this.signer.sign(cosignatureMessage(Buffer.from(text, 'utf8'), timestampSec));
    return { name: this.name, keyId: this.keyId, signature: Buffer.concat([ts, sig]) };
  }
}

/** The timestamp (seconds) inside a cosignature blob, or undefined when the blob is malformed. */
export function cosignatureTime(signature: Buffer): number | undefined {
  if (signature.length !== 72) return undefined;
  const ts = signature.readBigUInt64BE(0);
  return ts > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(ts);
}

/** A verifier of one witness's cosignatures. */
export function cosignatureVerifier(key: NotePublicKey): NoteVerifier {
  const verifier = new Ed25519Verifier(key.publicKey);
  return {
    name: key.name,
    keyId: key.keyId,
    verify(text, signature) {
      const ts = cosignatureTime(signature);
      return ts !== undefined && verifier.verify(cosignatureMessage(text, ts), signature.subarray(8));
    },
  };
}

/** The verifier matching a key's signature type: cosignature (0x04) or plain Ed25519 (0x01). */
export function verifierForKey(key: NotePublicKey): NoteVerifier {
  return key.type === SIG_TYPE_COSIGNATURE ? cosignatureVerifier(key) : ed25519NoteVerifier(key);
}
