// Signed notes (C2SP signed-note): text ending in a newline, a blank line, then signature lines
// `— <name> base64(keyid ‖ signature)`. Parsing is strict because notes arrive from untrusted peers.
import { Ed25519Signer, Ed25519Verifier } from '../../../platform/crypto/index.js';
import { fail, ok, type Checked } from '../result.js';
import { hasControlCharacter, type NotePrivateKey, type NotePublicKey } from './note-keys.js';

const EM_DASH = '\u2014';
/** Most signatures accepted on one note (the spec requires accepting at least 16). */
export const MAX_NOTE_SIGNATURES = 100;

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** The signature bytes after the 4-byte key id. */
  signature: Buffer;
}

/** A note split into its text (with final newline) and its signature lines. */
export interface SignedNote {
  text: string;
  signatures: NoteSignature[];
}

/** Checks one signature of a known key over a note's text. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: Buffer, signature: Buffer): boolean;
}

/** Makes signatures with one key over a note's text. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: Buffer): Buffer;
}

/** A plain Ed25519 note verifier (signature type 0x01). */
export function ed25519NoteVerifier(key: NotePublicKey): NoteVerifier {
  const verifier = new Ed25519Verifier(key.publicKey);
  return { name: key.name, keyId: key.keyId, verify: (text, signature) => verifier.verify(text, signature) };
}

/** A plain Ed25519 note signer (signature type 0x01). */
export function ed25519NoteSigner(key: NotePrivateKey): NoteSigner {
  const signer = new Ed25519Signer({ privateKey: key.privateKey, publicKey: key.publicKey });
  return { name: key.name, keyId: key.keyId, sign: (text) => signer.sign(text) };
}

/** Formats one signature line, newline included. */
export function signatureLine(sig: NoteSignature): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(sig.keyId);
  return `${EM_DASH} ${sig.name} ${Buffer.concat([id, sig.signature]).toString('base64')}\n`;
}

/** Formats a note from its text and signatures. */
export function formatSignedNote(note: SignedNote): string {
  return `${note.text}\n${note.signatures.map(signatureLine).join('')}`;
}

/** Signs `text` with each signer and formats the note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  const bytes = Buffer.from(text, 'utf8');
  return formatSignedNote({ text, signatures: signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(bytes) })) });
}

function parseSignatureLine(line: string): NoteSignature | undefined {
  const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
  if (!m) return undefined;
  const raw = Buffer.from(m[2]!, 'base64');
  if (raw.length < 5 || raw.toString('base64') !== m[2]) return undefined;
  return { name: m[1]!, keyId: raw.readUInt32BE(0), signature: raw.subarray(4) };
}

/** Splits a note into text and signatures, rejecting anything the format does not allow. */
export function parseSignedNote(note: string): Checked<SignedNote> {
  if (hasControlCharacter(note, true)) return fail('note contains control characters');
  if (!note.endsWith('\n')) return fail('note does not end with a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return fail('note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) return fail(`note has more than ${MAX_NOTE_SIGNATURES} signatures`);
  const signatures: NoteSignature[] = [];
  for (const [i, line] of lines.entries()) {
    const sig = parseSignatureLine(line);
    if (!sig) return fail(`signature line ${i + 1} is malformed`);
    signatures.push(sig);
  }
  return ok({ text, signatures });
}

/** Which known keys signed a note, and which signatures no known key claims. */
export interface NoteVerification {
  verifiedBy: string[];
  unknown: NoteSignature[];
}

/**
 * Verifies every signature whose (name, key id) matches a known key. A failing signature from a
 * known key rejects the whole note; unknown signatures are reported, not trusted.
 */
export function verifySignedNote(note: SignedNote, verifiers: readonly NoteVerifier[]): Checked<NoteVerification> {
  const text = Buffer.from(note.text, 'utf8');
  const verifiedBy = new Set<string>();
  const unknown: NoteSignature[] = [];
  for (const sig of note.signatures) {
    const verifier = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!verifier) {
      unknown.push(sig);
      continue;
    }
    if (!verifier.verify(text, sig.signature)) return fail(`signature by ${sig.name} does not verify`);
    verifiedBy.add(sig.name);
  }
  return ok({ verifiedBy: [...verifiedBy], unknown });
}
