// Append-only segment files plus the index, written durably in batches: one write and one
// fdatasync per file per batch (segment first, so the index never points at data not on disk).
// Opening for writing drops a tail written by a crashed commit — data no caller was told is stored.
import { mkdir, open, readdir, readFile, stat, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ledgerCorrupt } from '../errors.js';
import { FRAME_HEADER_BYTES, INDEX_RECORD_BYTES, readIndexRecord, segmentFileName, writeIndexRecord, type IndexRecord } from './index-record.js';

/** Options of a segment log. */
export interface SegmentLogOptions {
  /** A segment is closed and a new one started once it would exceed this size. */
  segmentMaxBytes: number;
  readOnly: boolean;
}

/** The entries and index of one ledger directory. */
export class SegmentLog {
  private count: number;
  private segment: number;
  private segmentBytes: number;
  private writer: FileHandle | undefined;
  private indexWriter: FileHandle | undefined;
  private indexReader: FileHandle | undefined;
  private readonly readers = new Map<number, FileHandle>();

  private constructor(
    private readonly dataDir: string,
    private readonly options: SegmentLogOptions,
    private loadedIndex: Buffer | undefined,
    tail: { count: number; segment: number; segmentBytes: number },
  ) {
    this.count = tail.count;
    this.segment = tail.segment;
    this.segmentBytes = tail.segmentBytes;
  }

  /** Opens the log, repairing a crashed commit's unacknowledged tail when writable. */
  static async open(dataDir: string, options: SegmentLogOptions): Promise<SegmentLog> {
    const segDir = join(dataDir, 'segments');
    const indexPath = join(dataDir, 'index.bin');
    await mkdir(segDir, { recursive: true });
    let index = await readFile(indexPath).catch(() => Buffer.alloc(0));
    const count = Math.floor(index.length / INDEX_RECORD_BYTES);
    index = index.subarray(0, count * INDEX_RECORD_BYTES);
    const last = count > 0 ? readIndexRecord(index, (count - 1) * INDEX_RECORD_BYTES) : undefined;
    const segment = last?.segment ?? 0;
    const segmentBytes = last ? last.offset + FRAME_HEADER_BYTES + last.length : 0;
    const log = new SegmentLog(dataDir, options, index, { count, segment, segmentBytes });
    const size = await stat(log.segmentPath(segment)).then((s) => s.size, () => 0);
    if (size < segmentBytes) throw ledgerCorrupt(dataDir, `index entry ${count - 1} points past the end of segment ${segment}`);
    if (!options.readOnly) await log.repairTail(indexPath, count, size);
    return log;
  }

  /** Number of durable entries. */
  get size(): number {
    return this.count;
  }

  /** Leaf hashes of the entries present at open, in order; available once, to build the tree. */
  *takeLoadedLeafHashes(): Generator<Buffer> {
    const index = this.loadedIndex ?? Buffer.alloc(0);
    this.loadedIndex = undefined;
    for (let at = 0; at < index.length; at += INDEX_RECORD_BYTES) yield index.subarray(at + 16, at + INDEX_RECORD_BYTES);
  }

  /** The index record of entry `i`, read from the index file. */
  async record(i: number): Promise<IndexRecord> {
    if (!Number.isSafeInteger(i) || i < 0 || i >= this.count) throw new RangeError(`entry ${i} is not in a log of ${this.count}`);
    this.indexReader ??= await open(join(this.dataDir, 'index.bin'), 'r');
    const buf = Buffer.alloc(INDEX_RECORD_BYTES);
    await this.indexReader.read(buf, 0, INDEX_RECORD_BYTES, i * INDEX_RECORD_BYTES);
    return readIndexRecord(buf, 0);
  }

  /** Appends entries durably; resolves once both segment and index are on disk. */
  async append(entries: readonly Buffer[], leafHashes: readonly Buffer[]): Promise<void> {
    if (this.options.readOnly) throw new Error('segment log is read-only');
    const frameBytes = entries.reduce((n, e) => n + FRAME_HEADER_BYTES + e.length, 0);
    if (this.segmentBytes > 0 && this.segmentBytes + frameBytes > this.options.segmentMaxBytes) await this.roll();
    const frames = Buffer.allocUnsafe(frameBytes);
    const records = Buffer.allocUnsafe(entries.length * INDEX_RECORD_BYTES);
    let at = 0;
    entries.forEach((entry, i) => {
      frames.writeUInt32BE(entry.length, at);
      entry.copy(frames, at + FRAME_HEADER_BYTES);
      writeIndexRecord(records, i * INDEX_RECORD_BYTES, {
        segment: this.segment,
        length: entry.length,
        offset: this.segmentBytes + at,
        leafHash: leafHashes[i]!,
      });
      at += FRAME_HEADER_BYTES + entry.length;
    });
    const writer = (this.writer ??= await open(this.segmentPath(this.segment), 'a'));
    const indexWriter = (this.indexWriter ??= await open(join(this.dataDir, 'index.bin'), 'a'));
    await writer.write(frames, 0, frames.length);
    await writer.datasync();
    await indexWriter.write(records, 0, records.length);
    await indexWriter.datasync();
    this.segmentBytes += frameBytes;
    this.count += entries.length;
  }

  /** The stored bytes of entry `i`. */
  async read(i: number): Promise<Buffer> {
    const r = await this.record(i);
    let reader = this.readers.get(r.segment);
    if (!reader) {
      reader = await open(this.segmentPath(r.segment), 'r');
      this.readers.set(r.segment, reader);
    }
    const out = Buffer.alloc(r.length);
    await reader.read(out, 0, r.length, r.offset + FRAME_HEADER_BYTES);
    return out;
  }

  /** Closes every file handle. */
  async close(): Promise<void> {
    await this.writer?.close();
    await this.indexWriter?.close();
    await this.indexReader?.close();
    for (const reader of this.readers.values()) await reader.close();
    this.readers.clear();
    this.writer = undefined;
    this.indexWriter = undefined;
    this.indexReader = undefined;
  }

  private segmentPath(n: number): string {
    return join(this.dataDir, 'segments', segmentFileName(n));
  }

  private async roll(): Promise<void> {
    await this.writer?.close();
    this.writer = undefined;
    this.segment += 1;
    this.segmentBytes = 0;
    this.writer = await open(this.segmentPath(this.segment), 'a');
    const dir = await open(join(this.dataDir, 'segments'), 'r');
    await dir.sync().finally(() => dir.close());
  }

  private async repairTail(indexPath: string, count: number, segmentSize: number): Promise<void> {
    const indexSize = await stat(indexPath).then((s) => s.size, () => 0);
    if (indexSize > count * INDEX_RECORD_BYTES) await truncate(indexPath, count * INDEX_RECORD_BYTES);
    if (segmentSize > this.segmentBytes) await truncate(this.segmentPath(this.segment), this.segmentBytes);
    const later = (await readdir(join(this.dataDir, 'segments'))).filter((f) => /^\d{10}\.seg$/.test(f) && Number(f.slice(0, 10)) > this.segment);
    for (const f of later) await unlink(join(this.dataDir, 'segments', f));
  }
}
