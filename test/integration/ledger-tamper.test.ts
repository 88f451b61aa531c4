// Tamper evidence of the stored ledger: any changed byte of an entry, the index or a checkpoint, and
// any removed or reordered entry, makes `verifyLedger` fail at that entry (or checkpoint record).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger, leafHash, verifyLedger } from '../../src/engines/ledger/index.js';

const RECORD = 48;
const root = mkdtempSync(join(tmpdir(), 'cg-tamper-'));
let copies = 0;
const bases: Array<{ dir: string; entries: number }> = [];

/** A ledger of `n` entries of varied sizes with a checkpoint every `every` entries. */
async function buildBase(n: number, every: number): Promise<{ dir: string; entries: number }> {
  const dir = join(root, `base-${n}-${every}`);
  await Ledger.init(dir, 'city.example/ledger');
  const ledger = await Ledger.open({ dataDir: dir, checkpointEveryMs: 0, checkpointEveryEntries: 0 });
  for (let i = 0; i < n; i++) {
    await ledger.append({ kind: i % 3 === 0 ? 'alert.raised' : 'action.changed', payload: { i, note: 'x'.repeat(i % 17) }, ts: 1_700_000_000_000 + i });
    if ((i + 1) % every === 0) await ledger.checkpoint();
  }
  await ledger.close();
  return { dir, entries: n };
}

function copyOf(dir: string): string {
  const copy = join(root, `copy-${copies++}`);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

const segmentPath = (dir: string) => join(dir, 'segments', '0000000000.seg');

/** The entry whose frame (length prefix + bytes) contains byte `offset` of segment 0. */
function entryAtSegmentOffset(dir: string, offset: number): number {
  const index = readFileSync(join(dir, 'index.bin'));
  for (let i = 0; i * RECORD < index.length; i++) {
    const start = index.readUInt32BE(i * RECORD + 12);
    const length = index.readUInt32BE(i * RECORD + 4);
    if (offset >= start && offset < start + 4 + length) return i;
  }
  throw new Error(`no entry at offset ${offset}`);
}

/** The checkpoint record containing byte `offset` of checkpoints.log. */
function checkpointAtOffset(dir: string, offset: number): number {
  const buf = readFileSync(join(dir, 'checkpoints.log'));
  for (let at = 0, k = 0; at < buf.length; k++) {
    const next = at + 8 + buf.readUInt32BE(at);
    if (offset < next) return k;
    at = next;
  }
  throw new Error(`no checkpoint at offset ${offset}`);
}

function flipByte(path: string, position: number, xor: number): void {
  const buf = readFileSync(path);
  buf[position]! ^= xor;
  writeFileSync(path, buf);
}

beforeAll(async () => {
  bases.push(await buildBase(1, 1), await buildBase(9, 4), await buildBase(33, 5));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ledger verify catches tampering', () => {
  it('reports the untouched ledgers intact', async () => {
    for (const base of bases) expect((await verifyLedger({ dataDir: base.dir })).problems).toEqual([]);
  });

  it('changing any byte of a stored entry fails verify at that entry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bases.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (b, pos, xor) => {
        const dir = copyOf(bases[b]!.dir);
        const size = readFileSync(segmentPath(dir)).length;
        const position = pos % size;
        const expected = entryAtSegmentOffset(dir, position);
        flipByte(segmentPath(dir), position, xor);
        const report = await verifyLedger({ dataDir: dir });
        expect(report.ok).toBe(false);
        expect(report.firstBadEntry).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('changing any byte of the index fails verify at the entry that record describes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bases.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (b, pos, xor) => {
        const dir = copyOf(bases[b]!.dir);
        const position = pos % (bases[b]!.entries * RECORD);
        flipByte(join(dir, 'index.bin'), position, xor);
        const report = await verifyLedger({ dataDir: dir });
        expect(report.ok).toBe(false);
        expect(report.firstBadEntry).toBe(Math.floor(position / RECORD));
      }),
      { numRuns: 60 },
    );
  });

  it('changing any byte of a checkpoint fails verify at that checkpoint record', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bases.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (b, pos, xor) => {
        const dir = copyOf(bases[b]!.dir);
        const path = join(dir, 'checkpoints.log');
        const position = pos % readFileSync(path).length;
        const expected = checkpointAtOffset(dir, position);
        flipByte(path, position, xor);
        const report = await verifyLedger({ dataDir: dir });
        expect(report.ok).toBe(false);
        expect(report.firstBadCheckpoint).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('removing an entry from the middle (segment and index rewritten to match) fails at that entry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (pick) => {
        const base = bases[2]!;
        const dir = copyOf(base.dir);
        const victim = pick % (base.entries - 1);
        rewriteEntries(dir, (entries) => entries.filter((_, i) => i !== victim));
        const report = await verifyLedger({ dataDir: dir });
        expect(report.ok).toBe(false);
        expect(report.firstBadEntry).toBe(victim);
      }),
      { numRuns: 15 },
    );
  });

  it('reordering two entries (segment and index rewritten to match) fails at the first of them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (x, y) => {
        const base = bases[2]!;
        const a = x % base.entries;
        const b = y % base.entries;
        fc.pre(a !== b);
        const dir = copyOf(base.dir);
        rewriteEntries(dir, (entries) => {
          const out = [...entries];
          [out[a], out[b]] = [out[b]!, out[a]!];
          return out;
        });
        const report = await verifyLedger({ dataDir: dir });
        expect(report.ok).toBe(false);
        expect(report.firstBadEntry).toBe(Math.min(a, b));
      }),
      { numRuns: 15 },
    );
  });

  it('truncating the log after a checkpoint names the first removed entry', async () => {
    const base = bases[2]!;
    const dir = copyOf(base.dir);
    rewriteEntries(dir, (entries) => entries.slice(0, 21));
    const report = await verifyLedger({ dataDir: dir });
    expect(report.ok).toBe(false);
    expect(report.firstBadEntry).toBe(21);
  });

  it('a wholesale rewrite re-signed with a new key is caught when the verifier brings the real log key', async () => {
    const base = bases[1]!;
    const original = (await Ledger.open({ dataDir: base.dir, readOnly: true }).then(async (l) => {
      const key = l.logKey;
      await l.close();
      return key;
    }));
    const forged = join(root, 'forged');
    await Ledger.init(forged, 'city.example/ledger');
    const l = await Ledger.open({ dataDir: forged, checkpointEveryMs: 0 });
    await l.append({ kind: 'alert.raised', payload: { i: 0, note: 'nothing happened' } });
    await l.close();
    expect((await verifyLedger({ dataDir: forged })).ok).toBe(true);
    const report = await verifyLedger({ dataDir: forged, logKey: original });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toContain('checkpoint-signature');
  });
});

/** Rewrites segment 0 and the index consistently (lengths, offsets, leaf hashes) from a new entry list. */
function rewriteEntries(dir: string, change: (entries: Buffer[]) => Buffer[]): void {
  const index = readFileSync(join(dir, 'index.bin'));
  const segment = readFileSync(segmentPath(dir));
  const entries: Buffer[] = [];
  for (let i = 0; i * RECORD < index.length; i++) {
    const offset = index.readUInt32BE(i * RECORD + 12);
    const length = index.readUInt32BE(i * RECORD + 4);
    entries.push(segment.subarray(offset + 4, offset + 4 + length));
  }
  const next = change(entries);
  const frames: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const entry of next) {
    const frame = Buffer.alloc(4 + entry.length);
    frame.writeUInt32BE(entry.length, 0);
    entry.copy(frame, 4);
    const record = Buffer.alloc(RECORD);
    record.writeUInt32BE(0, 0);
    record.writeUInt32BE(entry.length, 4);
    record.writeUInt32BE(offset, 12);
    leafHash(entry).copy(record, 16);
    frames.push(frame);
    records.push(record);
    offset += frame.length;
  }
  writeFileSync(segmentPath(dir), Buffer.concat(frames));
  writeFileSync(join(dir, 'index.bin'), Buffer.concat(records));
}
