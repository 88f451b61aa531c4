// The ledger engine: a witnessed, tamper-evident log (RFC 9162 Merkle tree, C2SP checkpoints and
// cosignatures). The runtime appends every alert, action, approval, change and login through `Ledger`.
export { Ledger, type InclusionProof, type LedgerOptions, type LedgerReceipt, type LedgerStats } from './ledger.js';
export { LEDGER_KINDS, MAX_PAYLOAD_BYTES, decodeEntry, type LedgerAppend, type LedgerEntry } from './entry.js';
export { verifyLedger, type LedgerProblem, type LedgerProblemCode, type LedgerVerifyOptions, type LedgerVerifyReport } from './verify-ledger.js';
export { MerkleTree } from './merkle/merkle-tree.js';
export { verifyConsistency, verifyInclusion, rootFromInclusionProof } from './merkle/proof-verify.js';
export { leafHash, nodeHash, EMPTY_ROOT } from './merkle/tree-hash.js';
export { formatCheckpoint, openCheckpoint, parseCheckpoint, type Checkpoint, type CheckpointPolicy, type OpenedCheckpoint } from './note/checkpoint.js';
export { Cosigner, cosignatureTime, cosignatureVerifier, verifierForKey } from './note/cosignature.js';
export {
  formatSignerKey,
  formatVerifierKey,
  notePrivateKey,
  parseSignerKey,
  parseVerifierKey,
  publicHalf,
  SIG_TYPE_COSIGNATURE,
  SIG_TYPE_ED25519,
  type NotePrivateKey,
  type NotePublicKey,
} from './note/note-keys.js';
export { formatSignedNote, parseSignedNote, signNote, verifySignedNote, type NoteSignature, type SignedNote } from './note/signed-note.js';
export { readWitnesses, writeWitnesses, type WitnessConfig } from './storage/data-dir.js';
export type { Checked } from './result.js';
export { Witness, type AddCheckpointOutcome, type WitnessOptions } from './witness/witness.js';
export { readAlarms, type WitnessAlarm, type WitnessedLog } from './witness/witness-state.js';
export { WitnessCosigning, type CosigningResult, type WitnessEndpoint } from './witness/witness-client.js';
export { pollLedgerOnce } from './witness/ledger-poller.js';
export { handleWitnessRequest, serveWitness, type WitnessServer } from './witness/witness-server.js';
export { formatAddCheckpointBody, parseAddCheckpointBody, type AddCheckpointBody } from './witness/add-checkpoint-body.js';
export { consistencyBundle, inclusionBundle, storedCheckpointFor, verifyProofBundle, type ConsistencyBundle, type InclusionBundle, type ProofBundle } from './proof-bundle.js';
