// Checkpoints (C2SP tlog-checkpoint): a signed note whose text is the origin line, the tree size
// in decimal, the base64 root hash, and optional extension lines — and the policy that opens one:
// a valid log signature plus at least k cosignatures from n trusted witnesses.
import { fail, ok, type Checked } from '../result.js';
import { verifierForKey } from './cosignature.js';
import type { NotePublicKey } from './note-keys.js';
import { parseSignedNote, verifySignedNote, type NoteSignature } from './signed-note.js';

/** A log's tree head as a checkpoint states it. */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  extensions: string[];
}

/** The note text of a checkpoint. */
export function formatCheckpoint(cp: Checkpoint): string {
  return [cp.origin, String(cp.size), cp.rootHash.toString('base64'), ...cp.extensions].join('\n') + '\n';
}

/** Parses checkpoint note text (without signatures). */
export function parseCheckpoint(text: string): Checked<Checkpoint> {
  if (!text.endsWith('\n')) return fail('checkpoint text does not end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (!origin || sizeText === undefined || rootText === undefined) return fail('checkpoint needs origin, size and root hash lines');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) return fail(`bad tree size "${sizeText}"`);
  const rootHash = Buffer.from(rootText, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== rootText) return fail('root hash is not base64 of 32 bytes');
  if (extensions.some((e) => e.length === 0)) return fail('empty extension line');
  return ok({ origin, size: Number(sizeText), rootHash, extensions });
}

/** Whom to trust when opening a checkpoint. */
export interface CheckpointPolicy {
  /** The log's key; its name must equal the checkpoint origin. */
  log: NotePublicKey;
  /** Witness cosigning keys (type 0x04). */
  witnesses?: readonly NotePublicKey[];
  /** How many distinct witnesses must have cosigned (k of n); 0 by default. */
  minWitnesses?: number;
  /** Reject signature lines from keys not in the policy, as `ledger verify` does for its own files. */
  strict?: boolean;
}

/** A checkpoint whose signatures satisfied a policy. */
export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  text: string;
  signatures: NoteSignature[];
  witnessedBy: string[];
}

/** Verifies a checkpoint note against a policy and parses its text. */
export function openCheckpoint(note: string, policy: CheckpointPolicy): Checked<OpenedCheckpoint> {
  const parsed = parseSignedNote(note);
  if (!parsed.ok) return parsed;
  const witnesses = policy.witnesses ?? [];
  const verified = verifySignedNote(parsed.value, [policy.log, ...witnesses].map(verifierForKey));
  if (!verified.ok) return verified;
  const { verifiedBy, unknown } = verified.value;
  if (!verifiedBy.includes(policy.log.name)) return fail(`no valid signature by log key ${policy.log.name}`);
  if (policy.strict && unknown.length > 0) return fail(`signature by unknown key ${unknown[0]!.name}`);
  const witnessedBy = verifiedBy.filter((n) => witnesses.some((w) => w.name === n));
  const needed = policy.minWitnesses ?? 0;
  if (witnessedBy.length < needed) return fail(`cosigned by ${witnessedBy.length} of the ${needed} witnesses required`);
  const checkpoint = parseCheckpoint(parsed.value.text);
  if (!checkpoint.ok) return checkpoint;
  if (checkpoint.value.origin !== policy.log.name) return fail(`origin "${checkpoint.value.origin}" is not the log's name ${policy.log.name}`);
  return ok({ checkpoint: checkpoint.value, text: parsed.value.text, signatures: parsed.value.signatures, witnessedBy });
}
