// Offline verification of a ledger directory, byte by byte: every entry against its index record
// and its own recorded position, the tree rebuilt from the entries themselves, and every stored
// checkpoint against that tree and the trusted keys. Reports the first bad entry, never throws on
// damage (a missing directory is the only error).
import { MerkleTree } from './merkle/merkle-tree.js';
import { openCheckpoint, type CheckpointPolicy } from './note/checkpoint.js';
import type { NotePublicKey } from './note/note-keys.js';
import { parseVerifierKey } from './note/note-keys.js';
import { CheckpointLog } from './storage/checkpoint-log.js';
import { ledgerPaths, readMeta, readVerifierKey, readWitnesses } from './storage/data-dir.js';
import { verifyEntries, type LedgerProblem } from './verify-entries.js';

export type { LedgerProblem, LedgerProblemCode } from './verify-entries.js';

/** What to trust while verifying. */
export interface LedgerVerifyOptions {
  dataDir: string;
  /** The log's key as the verifier knows it; read from the data directory when absent (with a warning). */
  logKey?: NotePublicKey;
  /** Witness keys; `witnesses.json` in the data directory when absent. */
  witnesses?: NotePublicKey[];
  /** Cosignatures required on the latest checkpoint (k of n). */
  minWitnesses?: number;
  /** A checkpoint note kept outside the ledger (e.g. from a witness): the ledger must still contain it. */
  trustedCheckpoint?: string;
}

/** The outcome of verification. */
export interface LedgerVerifyReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  latestCheckpointSize: number;
  witnessedBy: string[];
  /** Lowest entry index any problem names. */
  firstBadEntry?: number;
  /** Lowest checkpoint record number any problem names. */
  firstBadCheckpoint?: number;
  problems: LedgerProblem[];
  warnings: string[];
}

async function trustedKeys(options: LedgerVerifyOptions, warnings: string[]): Promise<CheckpointPolicy> {
  let log = options.logKey;
  if (!log) {
    log = await readVerifierKey(options.dataDir);
    warnings.push('log key read from the data directory itself; pass the log key kept elsewhere to detect a wholesale rewrite');
  }
  const witnesses = options.witnesses ?? (await readWitnesses(options.dataDir)).map((w) => parseVerifierKey(w.vkey));
  return { log, witnesses, strict: true };
}

/** Verifies a ledger directory and reports every problem found. */
export async function verifyLedger(options: LedgerVerifyOptions): Promise<LedgerVerifyReport> {
  const warnings: string[] = [];
  const meta = await readMeta(options.dataDir);
  const policy = await trustedKeys(options, warnings);
  const problems: LedgerProblem[] = [];
  if (policy.log.name !== meta.origin) problems.push({ code: 'meta', detail: `ledger.json origin ${meta.origin} is not the log key's name ${policy.log.name}` });
  const tree = new MerkleTree();
  const entries = await verifyEntries(options.dataDir, tree, problems, warnings);
  const checked = await verifyCheckpoints(options, policy, tree, problems);
  if (checked.count === 0 && entries > 0) warnings.push(`no checkpoint: none of the ${entries} entries is signed yet`);
  else if (entries > checked.latestSize) warnings.push(`${entries - checked.latestSize} entries after the latest checkpoint are not signed yet`);
  if (options.trustedCheckpoint !== undefined) checkTrusted(options.trustedCheckpoint, policy, tree, problems);
  const lowest = (values: Array<number | undefined>) => {
    const present = values.filter((v): v is number => v !== undefined);
    return present.length > 0 ? Math.min(...present) : undefined;
  };
  return {
    ok: problems.length === 0,
    entries,
    checkpoints: checked.count,
    latestCheckpointSize: checked.latestSize,
    witnessedBy: checked.witnessedBy,
    firstBadEntry: lowest(firstBadEntries(problems)),
    firstBadCheckpoint: lowest(problems.map((p) => p.checkpoint)),
    problems,
    warnings,
  };
}

/**
 * Entries to blame: every exactly located problem, plus the start of each range a signed root no
 * longer matches unless an exact problem inside that range already explains it.
 */
function firstBadEntries(problems: LedgerProblem[]): Array<number | undefined> {
  const exact = problems.filter((p) => p.until === undefined && p.entry !== undefined).map((p) => p.entry!);
  const ranges = problems.filter((p) => p.until !== undefined && !exact.some((e) => e >= p.entry! && e < p.until!));
  return [...exact, ...ranges.map((p) => p.entry)];
}

async function verifyCheckpoints(options: LedgerVerifyOptions, policy: CheckpointPolicy, tree: MerkleTree, problems: LedgerProblem[]) {
  const { records, problem } = await new CheckpointLog(ledgerPaths(options.dataDir).checkpoints).readAll();
  if (problem) problems.push({ code: 'checkpoint-frame', checkpoint: problem.record, detail: `checkpoint record ${problem.record} at byte ${problem.offset}: ${problem.detail}` });
  const matched: number[] = [0];
  let latestSize = 0;
  let witnessedBy: string[] = [];
  records.forEach(({ note }, k) => {
    const opened = openCheckpoint(note, policy);
    if (!opened.ok) {
      problems.push({ code: 'checkpoint-signature', checkpoint: k, detail: `checkpoint record ${k}: ${opened.error}` });
      return;
    }
    const { size, rootHash } = opened.value.checkpoint;
    if (size > tree.size) {
      problems.push({ code: 'checkpoint-beyond-log', checkpoint: k, entry: tree.size, detail: `checkpoint record ${k} signed ${size} entries but only ${tree.size} remain: entries from ${tree.size} were removed` });
      return;
    }
    if (!tree.root(size).equals(rootHash)) {
      const from = Math.max(...matched.filter((s) => s < size));
      problems.push({ code: 'checkpoint-root-mismatch', checkpoint: k, entry: from, until: size, detail: `entries ${from}..${size - 1} differ from what checkpoint record ${k} signed` });
      return;
    }
    matched.push(size);
    if (size >= latestSize) {
      latestSize = size;
      witnessedBy = opened.value.witnessedBy;
    }
  });
  const needed = options.minWitnesses ?? 0;
  if (needed > 0 && witnessedBy.length < needed) {
    problems.push({ code: 'witness-quorum', detail: `the latest checkpoint (${latestSize} entries) has ${witnessedBy.length} of the ${needed} witness cosignatures required` });
  }
  return { count: records.length, latestSize, witnessedBy };
}

function checkTrusted(note: string, policy: CheckpointPolicy, tree: MerkleTree, problems: LedgerProblem[]): void {
  const opened = openCheckpoint(note, { ...policy, strict: false });
  if (!opened.ok) {
    problems.push({ code: 'trusted-checkpoint', detail: `the trusted checkpoint does not verify: ${opened.error}` });
    return;
  }
  const { size, rootHash } = opened.value.checkpoint;
  if (size > tree.size) problems.push({ code: 'trusted-checkpoint', entry: tree.size, detail: `the trusted checkpoint has ${size} entries; the ledger was rolled back to ${tree.size}` });
  else if (!tree.root(size).equals(rootHash)) problems.push({ code: 'trusted-checkpoint', detail: `the ledger's first ${size} entries differ from the trusted checkpoint (a fork)` });
}
