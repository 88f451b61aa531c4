// The ledger: typed entries appended durably in group commits to segment files, an in-memory
// RFC 9162 tree over them, and Ed25519-signed C2SP checkpoints written on a cadence or on demand.
// One writer per data directory (a lock file); readers open with `readOnly`.
import type { Clock } from '../../platform/clock/index.js';
import { SystemClock } from '../../platform/clock/index.js';
import { decodeEntry, encodeEntryWithLeafPrefix, type LedgerAppend, type LedgerEntry } from './entry.js';
import { ledgerCorrupt, ledgerUnavailable, outOfRange } from './errors.js';
import { GroupCommit, type CommitStats } from './group-commit.js';
import { MerkleTree } from './merkle/merkle-tree.js';
import { leafHash, leafHashOfPrefixed } from './merkle/tree-hash.js';
import { CheckpointKeeper } from './checkpoint-keeper.js';
import { formatVerifierKey, parseSignerKey, publicHalf, type NotePublicKey } from './note/note-keys.js';
import { ed25519NoteSigner } from './note/signed-note.js';
import { CheckpointLog } from './storage/checkpoint-log.js';
import { acquireLock, initDataDir, ledgerPaths, readMeta, readSignerKey, readVerifierKey } from './storage/data-dir.js';
import { SegmentLog } from './storage/segment-log.js';
import { verifyLedger, type LedgerVerifyOptions, type LedgerVerifyReport } from './verify-ledger.js';

/** How to open a ledger. */
export interface LedgerOptions {
  dataDir: string;
  /** Timestamps for entries without one, and the checkpoint cadence. */
  clock?: Clock;
  /** Most entries written in one commit (default 16 384). */
  maxBatchEntries?: number;
  /** Segment file size before rolling to a new one (default 64 MiB). */
  segmentMaxBytes?: number;
  /** Sign a checkpoint after this many new entries (default 10 000; 0 = never automatically). */
  checkpointEveryEntries?: number;
  /** Sign a checkpoint this often when entries were added (default 5 000 ms; 0 = never automatically). */
  checkpointEveryMs?: number;
  /** The log's signer key string, instead of `<dataDir>/log.key` (keep it out of the data dir in production). */
  signerKey?: string;
  /** Open without the write lock; appends and checkpoints are refused. */
  readOnly?: boolean;
}

/** Proof that an entry is durable: its index and leaf hash (hex). */
export interface LedgerReceipt {
  index: number;
  leafHash: string;
  ts: number;
}

/** A receipt whose hex leaf hash is made only when read: most appenders never look at it. */
class Receipt implements LedgerReceipt {
  constructor(
    readonly index: number,
    private readonly hash: Buffer,
    readonly ts: number,
  ) {}

  get leafHash(): string {
    return this.hash.toString('hex');
  }

  toJSON(): LedgerReceipt {
    return { index: this.index, leafHash: this.leafHash, ts: this.ts };
  }
}

/** An inclusion proof for one entry in the tree of `size` entries. */
export interface InclusionProof {
  index: number;
  size: number;
  leafHash: Buffer;
  proof: Buffer[];
}

/** Counters for metrics. */
export interface LedgerStats extends CommitStats {
  size: number;
  checkpoints: number;
  lastCheckpointSize: number;
}

interface Pending {
  bytes: Buffer;
  leafHash: Buffer;
}

/** An append-only, verifiable log of what the platform did and saw. */
export class Ledger {
  private readonly tree = new MerkleTree();
  private readonly commits: GroupCommit<Pending>;
  private nextIndex: number;
  private timer: { cancel(): void } | undefined;
  private closed = false;

  private constructor(
    readonly dataDir: string,
    readonly logKey: NotePublicKey,
    private readonly writable: boolean,
    private readonly segments: SegmentLog,
    private readonly checkpoints: CheckpointKeeper,
    private readonly clock: Clock,
    private readonly options: LedgerOptions,
    private readonly release: () => Promise<void>,
  ) {
    for (const hash of segments.takeLoadedLeafHashes()) this.tree.append(hash);
    this.nextIndex = this.tree.size;
    this.commits = new GroupCommit<Pending>((items) => this.write(items), {
      maxBatchItems: options.maxBatchEntries ?? 16_384,
      now: () => performance.now(),
      afterBatch: () => this.checkpointIfDue(),
    });
  }

  /** Creates a new ledger directory with a fresh log key named `origin`; returns its verifier key string. */
  static async init(dataDir: string, origin: string, now = Date.now()): Promise<string> {
    return formatVerifierKey(await initDataDir(dataDir, origin, now));
  }

  /** Opens an existing ledger, checking its latest checkpoint against the entries on disk. */
  static async open(options: LedgerOptions): Promise<Ledger> {
    const { dataDir } = options;
    const meta = await readMeta(dataDir);
    const signerKey = options.signerKey ? parseSignerKey(options.signerKey) : options.readOnly ? undefined : await readSignerKey(dataDir);
    const logKey = signerKey ? publicHalf(signerKey) : await readVerifierKey(dataDir);
    if (logKey.name !== meta.origin) throw ledgerCorrupt(dataDir, `log key ${logKey.name} does not match origin ${meta.origin}`);
    const release = options.readOnly ? async () => undefined : await acquireLock(dataDir);
    try {
      const segments = await SegmentLog.open(dataDir, { readOnly: options.readOnly ?? false, segmentMaxBytes: options.segmentMaxBytes ?? 64 * 2 ** 20 });
      const signer = signerKey ? ed25519NoteSigner(signerKey) : undefined;
      const checkpoints = new CheckpointKeeper(dataDir, new CheckpointLog(ledgerPaths(dataDir).checkpoints), logKey, signer);
      const writable = !options.readOnly && signer !== undefined;
      const ledger = new Ledger(dataDir, logKey, writable, segments, checkpoints, options.clock ?? new SystemClock(), options, release);
      await checkpoints.load(ledger.tree);
      ledger.startTimer();
      return ledger;
    } catch (err) {
      await release();
      throw err;
    }
  }

  /** The origin line of this log's checkpoints. */
  get origin(): string {
    return this.logKey.name;
  }

  /** The log's verifier key string (`name+id+base64`). */
  get verifierKey(): string {
    return formatVerifierKey(this.logKey);
  }

  /** Number of durable entries. */
  get size(): number {
    return this.tree.size;
  }

  /** Appends one entry; resolves once it is on disk. The hot path: no arrays, one promise. */
  append(entry: LedgerAppend): Promise<LedgerReceipt> {
    try {
      this.checkWritable();
      const ts = entry.ts ?? Math.round(this.clock.now());
      const index = this.nextIndex;
      const prefixed = encodeEntryWithLeafPrefix(index, entry, ts);
      const item = { bytes: prefixed.subarray(1), leafHash: leafHashOfPrefixed(prefixed) };
      this.nextIndex += 1;
      return this.commits.submitOne<LedgerReceipt>(item, new Receipt(index, item.leafHash, ts));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Appends entries in order; resolves once all are on disk. Invalid input rejects the whole call. */
  async appendMany(entries: readonly LedgerAppend[]): Promise<LedgerReceipt[]> {
    this.checkWritable();
    const ts = Math.round(this.clock.now());
    const items: Pending[] = [];
    for (const [i, entry] of entries.entries()) {
      const prefixed = encodeEntryWithLeafPrefix(this.nextIndex + i, entry, ts);
      items.push({ bytes: prefixed.subarray(1), leafHash: leafHashOfPrefixed(prefixed) });
    }
    const first = this.nextIndex;
    this.nextIndex += items.length;
    await this.commits.submit(items);
    return items.map((item, i) => new Receipt(first + i, item.leafHash, entries[i]!.ts ?? ts));
  }

  /** Root hash of the tree of `size` entries (default: all durable entries). */
  root(size = this.size): Buffer {
    return this.tree.root(this.checkedSize(size));
  }

  /** Inclusion proof of entry `index` in the tree of `size` entries. */
  inclusionProof(index: number, size = this.size): InclusionProof {
    this.checkedSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw outOfRange(`entry ${index} is not in a tree of ${size} entries`);
    return { index, size, leafHash: this.tree.leafHash(index), proof: this.tree.inclusionProof(index, size) };
  }

  /** Consistency proof from the tree of `oldSize` entries to the tree of `newSize`. */
  consistencyProof(oldSize: number, newSize = this.size): Buffer[] {
    this.checkedSize(newSize);
    if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > newSize) throw outOfRange(`old size ${oldSize} must be between 0 and ${newSize}`);
    return this.tree.consistencyProof(oldSize, newSize);
  }

  /** Reads entry `index` back with its stored bytes. */
  async read(index: number): Promise<{ entry: LedgerEntry; bytes: Buffer }> {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) throw outOfRange(`entry ${index} is not in a ledger of ${this.size}`);
    const bytes = await this.segments.read(index);
    const decoded = decodeEntry(bytes);
    if (!decoded.ok || !leafHash(bytes).equals(this.tree.leafHash(index))) {
      throw ledgerCorrupt(this.dataDir, `entry ${index} does not match its leaf hash`);
    }
    return { entry: decoded.value, bytes };
  }

  /** Signs a checkpoint of every durable entry (reusing the latest if nothing was added). */
  async checkpoint(): Promise<string> {
    this.checkWritable();
    await this.commits.exclusive(() => this.signCheckpoint());
    return this.checkpoints.latest!;
  }

  /** The latest stored checkpoint note (possibly with cosignatures), if any. */
  latestCheckpoint(): string | undefined {
    return this.checkpoints.latest;
  }

  /** Stored checkpoint notes, oldest first (every record, including cosigned re-records). */
  storedCheckpoints(): Promise<string[]> {
    return this.checkpoints.all();
  }

  /** Stores a cosigned copy of one of this log's checkpoints (as returned by witnesses). */
  async storeCosignedCheckpoint(note: string): Promise<void> {
    this.checkWritable();
    await this.commits.exclusive(() => this.checkpoints.storeCosigned(note, this.tree));
  }

  /**
   * Verifies this ledger's files as `verifyLedger` does; a writable ledger holds its appends back
   * meanwhile (they queue and commit afterwards), so the files are read between commits.
   */
  async verify(options: Omit<LedgerVerifyOptions, 'dataDir'> = {}): Promise<LedgerVerifyReport> {
    const run = () => verifyLedger({ ...options, dataDir: this.dataDir });
    if (!this.writable || this.closed) return run();
    let report: LedgerVerifyReport | undefined;
    await this.commits.exclusive(async () => {
      report = await run();
    });
    return report!;
  }

  /** Commit and checkpoint counters. */
  stats(): LedgerStats {
    return { ...this.commits.stats, size: this.size, checkpoints: this.checkpoints.signedCount, lastCheckpointSize: this.checkpoints.latestTreeSize };
  }

  /** Waits for queued appends, signs a final checkpoint if entries were added, and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.timer?.cancel();
    if (!this.options.readOnly && this.commits.failed === undefined) {
      await this.commits.idle();
      if (this.size > this.checkpoints.latestTreeSize) await this.commits.exclusive(() => this.signCheckpoint()).catch(() => undefined);
    }
    this.closed = true;
    await this.segments.close();
    await this.checkpoints.close();
    await this.release();
  }

  private checkWritable(): void {
    if (this.closed) throw ledgerUnavailable('the ledger is closed');
    if (!this.writable) throw ledgerUnavailable('the ledger was opened read-only');
    if (this.commits.failed !== undefined) throw ledgerUnavailable('an earlier write to disk failed', this.commits.failed);
  }

  private checkedSize(size: number): number {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) throw outOfRange(`tree size ${size} is not between 0 and ${this.size}`);
    return size;
  }

  private async write(items: Pending[]): Promise<void> {
    try {
      await this.segments.append(
        items.map((i) => i.bytes),
        items.map((i) => i.leafHash),
      );
    } catch (err) {
      throw ledgerUnavailable(`writing ${items.length} entries failed: ${(err as Error).message}`, err);
    }
    for (const item of items) this.tree.append(item.leafHash);
  }

  private async checkpointIfDue(): Promise<void> {
    const every = this.options.checkpointEveryEntries ?? 10_000;
    if (every > 0 && this.size - this.checkpoints.latestTreeSize >= every) await this.signCheckpoint();
  }

  private async signCheckpoint(): Promise<void> {
    await this.checkpoints.sign(this.tree);
  }

  private startTimer(): void {
    const everyMs = this.options.checkpointEveryMs ?? 5_000;
    if (this.options.readOnly || everyMs <= 0) return;
    this.timer = this.clock.every(everyMs, () => {
      if (this.size > this.checkpoints.latestTreeSize && this.commits.failed === undefined) void this.commits.exclusive(() => this.signCheckpoint()).catch(() => undefined);
    });
  }
}
