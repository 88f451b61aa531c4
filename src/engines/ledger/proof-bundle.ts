// Self-contained proofs for offline checking: an inclusion proof carries the entry bytes and the
// signed checkpoint it is relative to; a consistency proof carries both checkpoints. Anyone with
// the log key (and witness keys) can verify one without the ledger.
import { decodeEntry } from './entry.js';
import type { Ledger } from './ledger.js';
import { verifyConsistency, verifyInclusion } from './merkle/proof-verify.js';
import { leafHash } from './merkle/tree-hash.js';
import { openCheckpoint, type CheckpointPolicy } from './note/checkpoint.js';
import { parseSignedNote } from './note/signed-note.js';
import { parseCheckpoint } from './note/checkpoint.js';
import { fail, ok, type Checked } from './result.js';

/** An inclusion proof of one entry. Hashes and entry bytes are base64. */
export interface InclusionBundle {
  type: 'inclusion';
  index: number;
  treeSize: number;
  entry: string;
  proof: string[];
  checkpoint: string | null;
}

/** A consistency proof between two tree sizes. */
export interface ConsistencyBundle {
  type: 'consistency';
  oldSize: number;
  newSize: number;
  proof: string[];
  oldCheckpoint: string | null;
  newCheckpoint: string | null;
}

/** Either kind of proof bundle. */
export type ProofBundle = InclusionBundle | ConsistencyBundle;

function sizeOf(note: string): number | undefined {
  const parsed = parseSignedNote(note);
  const cp = parsed.ok ? parseCheckpoint(parsed.value.text) : undefined;
  return cp?.ok ? cp.value.size : undefined;
}

/** The stored checkpoint for `size` with the most signatures, if any. */
export async function storedCheckpointFor(ledger: Ledger, size: number): Promise<string | null> {
  const notes = (await ledger.storedCheckpoints()).filter((n) => sizeOf(n) === size);
  notes.sort((a, b) => b.split('\u2014').length - a.split('\u2014').length);
  return notes[0] ?? null;
}

/** An inclusion proof of entry `index` relative to the latest checkpoint (or `size`). */
export async function inclusionBundle(ledger: Ledger, index: number, size?: number): Promise<InclusionBundle> {
  const latest = ledger.latestCheckpoint();
  const treeSize = size ?? (latest !== undefined && (sizeOf(latest) ?? 0) > index ? sizeOf(latest)! : ledger.size);
  const proof = ledger.inclusionProof(index, treeSize);
  const { bytes } = await ledger.read(index);
  return {
    type: 'inclusion',
    index,
    treeSize,
    entry: bytes.toString('base64'),
    proof: proof.proof.map((h) => h.toString('base64')),
    checkpoint: await storedCheckpointFor(ledger, treeSize),
  };
}

/** A consistency proof from `oldSize` to `newSize`, with the stored checkpoints for both sizes. */
export async function consistencyBundle(ledger: Ledger, oldSize: number, newSize: number): Promise<ConsistencyBundle> {
  return {
    type: 'consistency',
    oldSize,
    newSize,
    proof: ledger.consistencyProof(oldSize, newSize).map((h) => h.toString('base64')),
    oldCheckpoint: await storedCheckpointFor(ledger, oldSize),
    newCheckpoint: await storedCheckpointFor(ledger, newSize),
  };
}

/** Checkpoints the verifier supplies instead of (or in the absence of) those in the bundle. */
export interface SuppliedCheckpoints {
  checkpoint?: string;
  oldCheckpoint?: string;
}

const hashes = (list: unknown): Buffer[] | undefined =>
  Array.isArray(list) && list.every((h) => typeof h === 'string') ? list.map((h) => Buffer.from(h as string, 'base64')) : undefined;

/** Verifies a proof bundle against trusted keys; returns a one-line summary of what it proves. */
export function verifyProofBundle(bundle: unknown, policy: CheckpointPolicy, supplied: SuppliedCheckpoints = {}): Checked<string> {
  const type = (bundle as { type?: unknown } | null)?.type;
  if (type === 'inclusion') return verifyInclusionBundle(bundle as Partial<InclusionBundle>, policy, supplied);
  if (type === 'consistency') return verifyConsistencyBundle(bundle as Partial<ConsistencyBundle>, policy, supplied);
  return fail('not a proof bundle (type must be "inclusion" or "consistency")');
}

function verifyInclusionBundle(b: Partial<InclusionBundle>, policy: CheckpointPolicy, supplied: SuppliedCheckpoints): Checked<string> {
  const note = supplied.checkpoint ?? b.checkpoint;
  const proof = hashes(b.proof);
  if (typeof note !== 'string') return fail('no checkpoint to verify against (pass one)');
  if (typeof b.entry !== 'string' || !proof || typeof b.index !== 'number') return fail('bundle is missing entry, index or proof');
  const opened = openCheckpoint(note, policy);
  if (!opened.ok) return fail(`checkpoint: ${opened.error}`);
  const { size, rootHash } = opened.value.checkpoint;
  const bytes = Buffer.from(b.entry, 'base64');
  if (!verifyInclusion(leafHash(bytes), b.index, size, proof, rootHash)) return fail(`entry ${b.index} is not in the tree of ${size} entries the checkpoint signs`);
  const entry = decodeEntry(bytes);
  const what = entry.ok ? `${entry.value.kind} at ${new Date(entry.value.ts).toISOString()}` : 'an entry';
  return ok(`entry ${b.index} (${what}) is included in ${opened.value.checkpoint.origin} at size ${size}; witnessed by ${opened.value.witnessedBy.length}`);
}

function verifyConsistencyBundle(b: Partial<ConsistencyBundle>, policy: CheckpointPolicy, supplied: SuppliedCheckpoints): Checked<string> {
  const oldNote = supplied.oldCheckpoint ?? b.oldCheckpoint;
  const newNote = supplied.checkpoint ?? b.newCheckpoint;
  const proof = hashes(b.proof);
  if (typeof oldNote !== 'string' || typeof newNote !== 'string' || !proof) return fail('bundle needs both checkpoints and a proof');
  const older = openCheckpoint(oldNote, { ...policy, minWitnesses: 0 });
  const newer = openCheckpoint(newNote, policy);
  if (!older.ok) return fail(`old checkpoint: ${older.error}`);
  if (!newer.ok) return fail(`new checkpoint: ${newer.error}`);
  const a = older.value.checkpoint;
  const c = newer.value.checkpoint;
  if (!verifyConsistency(a.size, c.size, proof, a.rootHash, c.rootHash)) return fail(`the tree of ${c.size} entries does not extend the tree of ${a.size} (fork or bad proof)`);
  return ok(`${c.origin}: the tree of ${c.size} entries extends the tree of ${a.size}; witnessed by ${newer.value.witnessedBy.length}`);
}
