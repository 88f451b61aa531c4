import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRawKeyPair } from '../../platform/crypto/index.js';
import { Ledger } from './ledger.js';
import { formatSignedNote, parseSignedNote } from './note/signed-note.js';
import { Cosigner } from './note/cosignature.js';
import { notePrivateKey, publicHalf, SIG_TYPE_COSIGNATURE } from './note/note-keys.js';
import { consistencyBundle, inclusionBundle, verifyProofBundle } from './proof-bundle.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('proof bundles', () => {
  it('verify offline against the log key, with k-of-n witnesses, and fail when anything is altered', async () => {
    await Ledger.init(dir, 'city.example/ledger');
    const ledger = await Ledger.open({ dataDir: dir, checkpointEveryMs: 0 });
    await ledger.appendMany(Array.from({ length: 5 }, (_, i) => ({ kind: 'action.approved', payload: { i } })));
    const old = await ledger.checkpoint();
    await ledger.appendMany(Array.from({ length: 6 }, (_, i) => ({ kind: 'auth.login', payload: { i } })));
    const note = await ledger.checkpoint();
    const witness = notePrivateKey('neighbour.example/w', SIG_TYPE_COSIGNATURE, generateRawKeyPair('ed25519'));
    const parsed = parseSignedNote(note);
    if (!parsed.ok) throw new Error(parsed.error);
    const cosigned = formatSignedNote({ text: parsed.value.text, signatures: [...parsed.value.signatures, new Cosigner(witness).cosign(parsed.value.text, 1_800_000_000)] });
    await ledger.storeCosignedCheckpoint(cosigned);

    const policy = { log: ledger.logKey, witnesses: [publicHalf(witness)], minWitnesses: 1 };
    const inclusion = await inclusionBundle(ledger, 7);
    expect(inclusion.treeSize).toBe(11);
    expect(verifyProofBundle(inclusion, policy)).toMatchObject({ ok: true });
    expect(verifyProofBundle(inclusion, { ...policy, minWitnesses: 2 }).ok).toBe(false);
    expect(verifyProofBundle({ ...inclusion, index: 6 }, policy).ok).toBe(false);
    const altered = Buffer.from(inclusion.entry, 'base64').toString().replace('"i":2', '"i":3');
    expect(verifyProofBundle({ ...inclusion, entry: Buffer.from(altered).toString('base64') }, policy).ok).toBe(false);

    const consistency = await consistencyBundle(ledger, 5, 11);
    expect(verifyProofBundle(consistency, policy)).toMatchObject({ ok: true });
    expect(verifyProofBundle({ ...consistency, oldCheckpoint: null }, policy, { oldCheckpoint: old })).toMatchObject({ ok: true });
    expect(verifyProofBundle({ ...consistency, proof: consistency.proof.slice(1) }, policy).ok).toBe(false);
    expect(verifyProofBundle({ type: 'nonsense' }, policy).ok).toBe(false);
    await ledger.close();
  });
});
