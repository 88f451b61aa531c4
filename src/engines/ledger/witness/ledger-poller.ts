// Polling mode of a witness on the same machine as a ledger: read the ledger directory read-only,
// build the add-checkpoint request from its latest checkpoint and a consistency proof computed from
// the log's own files, and hand it to the witness. A proof that fails here is a fork on disk.
import { Ledger } from '../ledger.js';
import { formatAddCheckpointBody } from './add-checkpoint-body.js';
import type { AddCheckpointOutcome, Witness } from './witness.js';
import { parseSignedNote } from '../note/signed-note.js';
import { parseCheckpoint } from '../note/checkpoint.js';

/** Polls one ledger directory once; undefined when it has no checkpoint yet. */
export async function pollLedgerOnce(witness: Witness, dataDir: string): Promise<AddCheckpointOutcome | undefined> {
  const ledger = await Ledger.open({ dataDir, readOnly: true });
  try {
    const note = ledger.latestCheckpoint();
    if (note === undefined) return undefined;
    const parsed = parseSignedNote(note);
    const cp = parsed.ok ? parseCheckpoint(parsed.value.text) : undefined;
    if (!cp?.ok) return undefined;
    const oldSize = witness.latest(ledger.origin)?.size ?? 0;
    // A log now shorter than what was cosigned has no proof to give; the witness judges the request
    // as it stands and raises the rollback alarm.
    const proof = oldSize <= cp.value.size ? ledger.consistencyProof(oldSize, cp.value.size) : [];
    return await witness.addCheckpoint(formatAddCheckpointBody({ oldSize, proof, note }));
  } finally {
    await ledger.close();
  }
}
