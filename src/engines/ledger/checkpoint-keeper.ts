// The ledger's checkpoints: signs a C2SP checkpoint of the tree when asked, keeps the latest one,
// checks the stored latest against the entries on open, and stores witness-cosigned copies.
// Callers serialise calls through the ledger's commit loop, so the tree never moves underneath.
import { ledgerCorrupt } from './errors.js';
import type { MerkleTree } from './merkle/merkle-tree.js';
import { formatCheckpoint, openCheckpoint } from './note/checkpoint.js';
import type { NotePublicKey } from './note/note-keys.js';
import { signNote, type NoteSigner } from './note/signed-note.js';
import type { CheckpointLog } from './storage/checkpoint-log.js';

/** Signs and stores checkpoints of one log. */
export class CheckpointKeeper {
  private latestNote: string | undefined;
  private latestSize = 0;
  private signed = 0;

  constructor(
    private readonly dataDir: string,
    private readonly log: CheckpointLog,
    private readonly logKey: NotePublicKey,
    private readonly signer: NoteSigner | undefined,
  ) {}

  /** The latest stored checkpoint note, if any. */
  get latest(): string | undefined {
    return this.latestNote;
  }

  /** Tree size the latest checkpoint signs (0 before the first). */
  get latestTreeSize(): number {
    return this.latestSize;
  }

  /** Checkpoints signed by this process. */
  get signedCount(): number {
    return this.signed;
  }

  /** Reads the latest stored checkpoint and checks it against `tree`; throws CG_LEDGER_CORRUPT if they disagree. */
  async load(tree: MerkleTree): Promise<void> {
    const note = await this.log.latest();
    if (note === undefined) return;
    const opened = openCheckpoint(note, { log: this.logKey });
    if (!opened.ok) throw ledgerCorrupt(this.dataDir, `latest checkpoint: ${opened.error}`);
    const { size, rootHash } = opened.value.checkpoint;
    if (size > tree.size) throw ledgerCorrupt(this.dataDir, `latest checkpoint covers ${size} entries but only ${tree.size} are on disk`);
    if (!tree.root(size).equals(rootHash)) throw ledgerCorrupt(this.dataDir, `entries before ${size} do not match the latest checkpoint`);
    this.latestNote = note;
    this.latestSize = size;
  }

  /** Signs and stores a checkpoint of `tree` unless the latest already signs its size. */
  async sign(tree: MerkleTree): Promise<string> {
    if (this.latestNote !== undefined && this.latestSize === tree.size) return this.latestNote;
    if (!this.signer) throw ledgerCorrupt(this.dataDir, 'no signer key to sign a checkpoint with');
    const text = formatCheckpoint({ origin: this.logKey.name, size: tree.size, rootHash: tree.root(), extensions: [] });
    const note = signNote(text, [this.signer]);
    await this.log.append(note);
    this.latestNote = note;
    this.latestSize = tree.size;
    this.signed += 1;
    return note;
  }

  /** Checks a cosigned copy of one of this log's checkpoints against `tree` and stores it. */
  async storeCosigned(note: string, tree: MerkleTree): Promise<void> {
    const opened = openCheckpoint(note, { log: this.logKey });
    if (!opened.ok) throw ledgerCorrupt(this.dataDir, `cosigned checkpoint rejected: ${opened.error}`);
    const { size, rootHash } = opened.value.checkpoint;
    if (size > tree.size || !tree.root(size).equals(rootHash)) throw ledgerCorrupt(this.dataDir, 'cosigned checkpoint does not match this log');
    await this.log.append(note);
    if (size >= this.latestSize) {
      this.latestNote = note;
      this.latestSize = size;
    }
  }

  /** Every stored checkpoint record, oldest first. */
  async all(): Promise<string[]> {
    return (await this.log.readAll()).records.map((r) => r.note);
  }

  /** Closes the checkpoint file. */
  async close(): Promise<void> {
    await this.log.close();
  }
}
