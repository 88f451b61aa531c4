// The entry half of `verifyLedger`: walks the index record by record, reads each frame from its
// segment, and checks position, length, leaf hash and the index the entry says it was written at.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeEntry } from './entry.js';
import type { MerkleTree } from './merkle/merkle-tree.js';
import { leafHash } from './merkle/tree-hash.js';
import { FRAME_HEADER_BYTES, INDEX_RECORD_BYTES, readIndexRecord, segmentFileName, type IndexRecord } from './storage/index-record.js';
import { ledgerPaths } from './storage/data-dir.js';

/** What kind of damage a problem is. */
export type LedgerProblemCode =
  | 'meta'
  | 'index-partial'
  | 'entry-not-contiguous'
  | 'entry-unreadable'
  | 'entry-hash-mismatch'
  | 'entry-malformed'
  | 'entry-misplaced'
  | 'checkpoint-frame'
  | 'checkpoint-signature'
  | 'checkpoint-beyond-log'
  | 'checkpoint-root-mismatch'
  | 'witness-quorum'
  | 'trusted-checkpoint';

/** One thing wrong with a ledger, located by entry index and/or checkpoint record. */
export interface LedgerProblem {
  code: LedgerProblemCode;
  /** The entry at fault, or for a root mismatch the first entry of the range [entry, until). */
  entry?: number;
  /** End (exclusive) of the range of entries a signed root no longer matches. */
  until?: number;
  checkpoint?: number;
  detail: string;
}

class SegmentCache {
  private number = -1;
  private bytes: Buffer | undefined;
  constructor(private readonly dir: string) {}
  async get(n: number): Promise<Buffer | undefined> {
    if (n !== this.number) {
      this.number = n;
      this.bytes = await readFile(join(this.dir, segmentFileName(n))).catch(() => undefined);
    }
    return this.bytes;
  }
}

function expectedPlace(prev: IndexRecord | undefined): Array<{ segment: number; offset: number }> {
  if (!prev) return [{ segment: 0, offset: 0 }];
  return [
    { segment: prev.segment, offset: prev.offset + FRAME_HEADER_BYTES + prev.length },
    { segment: prev.segment + 1, offset: 0 },
  ];
}

/** Checks every entry, appends the leaf hash of its actual bytes to `tree`, and returns the entry count. */
export async function verifyEntries(dataDir: string, tree: MerkleTree, problems: LedgerProblem[], warnings: string[]): Promise<number> {
  const paths = ledgerPaths(dataDir);
  const index = await readFile(paths.index).catch(() => Buffer.alloc(0));
  const count = Math.floor(index.length / INDEX_RECORD_BYTES);
  if (index.length % INDEX_RECORD_BYTES !== 0) {
    problems.push({ code: 'index-partial', entry: count, detail: `index.bin ends with a partial record for entry ${count}` });
  }
  const segments = new SegmentCache(paths.segments);
  let prev: IndexRecord | undefined;
  for (let i = 0; i < count; i++) {
    const record = readIndexRecord(index, i * INDEX_RECORD_BYTES);
    const bytes = await checkRecord(i, record, prev, segments, problems);
    tree.append(bytes ? leafHash(bytes) : Buffer.alloc(32));
    prev = record;
  }
  await warnUnindexed(paths.segments, prev, warnings);
  return count;
}

async function checkRecord(i: number, record: IndexRecord, prev: IndexRecord | undefined, segments: SegmentCache, problems: LedgerProblem[]): Promise<Buffer | undefined> {
  if (!expectedPlace(prev).some((p) => p.segment === record.segment && p.offset === record.offset)) {
    problems.push({ code: 'entry-not-contiguous', entry: i, detail: `entry ${i}: index record points to segment ${record.segment} byte ${record.offset}, not right after entry ${i - 1}` });
  }
  const segment = await segments.get(record.segment);
  const end = record.offset + FRAME_HEADER_BYTES + record.length;
  if (!segment || end > segment.length || segment.readUInt32BE(record.offset) !== record.length) {
    problems.push({ code: 'entry-unreadable', entry: i, detail: `entry ${i}: no frame of ${record.length} bytes at segment ${record.segment} byte ${record.offset}` });
    return undefined;
  }
  const bytes = segment.subarray(record.offset + FRAME_HEADER_BYTES, end);
  if (!leafHash(bytes).equals(record.leafHash)) {
    problems.push({ code: 'entry-hash-mismatch', entry: i, detail: `entry ${i}: stored bytes do not match the leaf hash in the index` });
  }
  const decoded = decodeEntry(bytes);
  if (!decoded.ok) problems.push({ code: 'entry-malformed', entry: i, detail: `entry ${i}: ${decoded.error}` });
  else if (decoded.value.index !== i) problems.push({ code: 'entry-misplaced', entry: i, detail: `entry ${i} was written as entry ${decoded.value.index} (entries removed or reordered)` });
  return bytes;
}

async function warnUnindexed(dir: string, last: IndexRecord | undefined, warnings: string[]): Promise<void> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => /^\d{10}\.seg$/.test(f)).sort();
  const lastSegment = last?.segment ?? 0;
  const lastEnd = last ? last.offset + FRAME_HEADER_BYTES + last.length : 0;
  for (const f of files) {
    const n = Number(f.slice(0, 10));
    const size = (await stat(join(dir, f))).size;
    const unindexed = n > lastSegment ? size : n === lastSegment ? size - lastEnd : 0;
    if (unindexed > 0) warnings.push(`segment ${n} has ${unindexed} bytes after the last indexed entry (an interrupted commit; never acknowledged)`);
  }
}
