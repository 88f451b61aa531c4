import { describe, expect, it } from 'vitest';
import { generateRawKeyPair } from '../../../platform/crypto/index.js';
import { formatCheckpoint, openCheckpoint, parseCheckpoint } from './checkpoint.js';
import { Cosigner, cosignatureVerifier } from './cosignature.js';
import {
  formatSignerKey,
  formatVerifierKey,
  notePrivateKey,
  parseSignerKey,
  parseVerifierKey,
  publicHalf,
  SIG_TYPE_COSIGNATURE,
  SIG_TYPE_ED25519,
} from './note-keys.js';
import { ed25519NoteSigner, ed25519NoteVerifier, formatSignedNote, parseSignedNote, signNote, verifySignedNote } from './signed-note.js';

// The example key and note of the Go reference implementation (golang.org/x/mod/sumdb/note).
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const SIGNED = `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('signed notes', () => {
  it('reproduces the reference note byte for byte from the reference signer key', () => {
    const skey = parseSignerKey(SKEY);
    expect(formatVerifierKey(publicHalf(skey))).toBe(VKEY);
    expect(formatSignerKey(skey)).toBe(SKEY);
    expect(signNote(TEXT, [ed25519NoteSigner(skey)])).toBe(SIGNED);
  });

  it('verifies the reference note and rejects it after a one-character change', () => {
    const verifier = ed25519NoteVerifier(parseVerifierKey(VKEY));
    const parsed = parseSignedNote(SIGNED);
    expect(parsed.ok && verifySignedNote(parsed.value, [verifier])).toEqual({ ok: true, value: { verifiedBy: ['PeterNeumann'], unknown: [] } });
    const changed = parseSignedNote(SIGNED.replace('cryptography', 'cryptographY'));
    expect(changed.ok && verifySignedNote(changed.value, [verifier]).ok).toBe(false);
  });

  it('rejects mangled verifier keys', () => {
    expect(() => parseVerifierKey(VKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(/does not match/);
    expect(() => parseVerifierKey('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow();
    expect(() => parseVerifierKey(VKEY.slice(0, -2))).toThrow();
  });

  it('rejects malformed notes with a reason', () => {
    expect(parseSignedNote('no blank line\n— a AAAAAAA=\n').ok).toBe(false);
    expect(parseSignedNote(`${TEXT}\n— PeterNeumann not-base64!\n`).ok).toBe(false);
    expect(parseSignedNote(`${TEXT}\n— PeterNeumann AAAA\n`).ok).toBe(false);
    expect(parseSignedNote(`${TEXT}\x01\n\n— a AAAAAAA=\n`).ok).toBe(false);
  });
});

describe('checkpoints and cosignatures', () => {
  const log = notePrivateKey('city.example/ledger', SIG_TYPE_ED25519, generateRawKeyPair('ed25519'));
  const w1 = notePrivateKey('witness.example/w1', SIG_TYPE_COSIGNATURE, generateRawKeyPair('ed25519'));
  const w2 = notePrivateKey('witness.example/w2', SIG_TYPE_COSIGNATURE, generateRawKeyPair('ed25519'));
  const text = formatCheckpoint({ origin: log.name, size: 42, rootHash: Buffer.alloc(32, 7), extensions: [] });
  const signed = signNote(text, [ed25519NoteSigner(log)]);

  function cosigned(...cosigners: Cosigner[]): string {
    const parsed = parseSignedNote(signed);
    if (!parsed.ok) throw new Error(parsed.error);
    return formatSignedNote({ text, signatures: [...parsed.value.signatures, ...cosigners.map((c) => c.cosign(text, 1_700_000_000))] });
  }

  it('round-trips the checkpoint text', () => {
    expect(parseCheckpoint(text)).toEqual({ ok: true, value: { origin: log.name, size: 42, rootHash: Buffer.alloc(32, 7), extensions: [] } });
    expect(parseCheckpoint(text.replace('42', '042')).ok).toBe(false);
  });

  it('verifies a cosignature over the whole checkpoint text and rejects it for other text', () => {
    const sig = new Cosigner(w1).cosign(text, 1_700_000_000);
    expect(cosignatureVerifier(publicHalf(w1)).verify(Buffer.from(text), sig.signature)).toBe(true);
    expect(cosignatureVerifier(publicHalf(w1)).verify(Buffer.from(text.replace('42', '43')), sig.signature)).toBe(false);
  });

  it('requires k of n witness cosignatures', () => {
    const policy = { log: publicHalf(log), witnesses: [publicHalf(w1), publicHalf(w2)] };
    expect(openCheckpoint(signed, { ...policy, minWitnesses: 1 }).ok).toBe(false);
    expect(openCheckpoint(cosigned(new Cosigner(w1)), { ...policy, minWitnesses: 1 }).ok).toBe(true);
    expect(openCheckpoint(cosigned(new Cosigner(w1)), { ...policy, minWitnesses: 2 }).ok).toBe(false);
    const both = openCheckpoint(cosigned(new Cosigner(w1), new Cosigner(w2)), { ...policy, minWitnesses: 2 });
    expect(both.ok && both.value.witnessedBy.sort()).toEqual([w1.name, w2.name]);
  });

  it('does not count a cosignature by a key the policy does not trust, and strict mode rejects it', () => {
    const stranger = notePrivateKey('witness.example/w1', SIG_TYPE_COSIGNATURE, generateRawKeyPair('ed25519'));
    const note = cosigned(new Cosigner(stranger));
    expect(openCheckpoint(note, { log: publicHalf(log), witnesses: [publicHalf(w1)], minWitnesses: 1 }).ok).toBe(false);
    expect(openCheckpoint(note, { log: publicHalf(log), strict: true }).ok).toBe(false);
    expect(openCheckpoint(note, { log: publicHalf(log) }).ok).toBe(true);
  });
});
