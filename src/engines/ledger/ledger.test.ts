import { mkdtempSync, rmSync, statSync, truncateSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isCityguardError } from '../../domain/index.js';
import { Ledger } from './ledger.js';
import { verifyInclusion, verifyConsistency } from './merkle/proof-verify.js';
import { openCheckpoint } from './note/checkpoint.js';
import { verifyLedger } from './verify-ledger.js';

const dirs: string[] = [];
async function freshLedger(options: Partial<Parameters<typeof Ledger.open>[0]> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cg-ledger-'));
  dirs.push(dataDir);
  await Ledger.init(dataDir, 'city.example/ledger');
  return { dataDir, ledger: await Ledger.open({ dataDir, checkpointEveryMs: 0, ...options }) };
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('Ledger', () => {
  it('appends concurrently in group commits and assigns indices in call order', async () => {
    const { ledger } = await freshLedger({ maxBatchEntries: 64 });
    const receipts = await Promise.all(Array.from({ length: 500 }, (_, i) => ledger.append({ kind: 'alert.raised', payload: { n: i }, ts: 1000 + i })));
    expect(receipts.map((r) => r.index)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(ledger.size).toBe(500);
    const stats = ledger.stats();
    expect(stats.commits).toBeLessThan(500);
    expect(stats.largestBatchItems).toBeLessThanOrEqual(64);
    const { entry } = await ledger.read(321);
    expect(entry).toEqual({ index: 321, ts: 1321, kind: 'alert.raised', payload: { n: 321 } });
    await ledger.close();
  });

  it('signs checkpoints whose proofs verify against the log key', async () => {
    const { ledger } = await freshLedger();
    await ledger.appendMany(Array.from({ length: 13 }, (_, i) => ({ kind: 'auth.login', payload: { user: `u${i}` } })));
    const first = openCheckpoint(await ledger.checkpoint(), { log: ledger.logKey });
    await ledger.appendMany(Array.from({ length: 20 }, () => ({ kind: 'config.changed', payload: {} })));
    const second = openCheckpoint(await ledger.checkpoint(), { log: ledger.logKey });
    if (!first.ok || !second.ok) throw new Error('checkpoint did not verify');
    expect(second.value.checkpoint.size).toBe(33);
    const p = ledger.inclusionProof(7, 33);
    expect(verifyInclusion(p.leafHash, 7, 33, p.proof, second.value.checkpoint.rootHash)).toBe(true);
    const c = ledger.consistencyProof(13, 33);
    expect(verifyConsistency(13, 33, c, first.value.checkpoint.rootHash, second.value.checkpoint.rootHash)).toBe(true);
    await ledger.close();
  });

  it('reopens with the same tree, and signs a checkpoint on close', async () => {
    const { dataDir, ledger } = await freshLedger();
    await ledger.appendMany([{ kind: 'a', payload: 1 }, { kind: 'b', payload: [2] }]);
    const root = ledger.root();
    await ledger.close();
    const again = await Ledger.open({ dataDir, readOnly: true });
    expect(again.size).toBe(2);
    expect(again.root().equals(root)).toBe(true);
    expect(again.latestCheckpoint()).toContain('\n2\n');
    await again.close();
  });

  it('refuses a second writer while the first holds the lock', async () => {
    const { dataDir, ledger } = await freshLedger();
    await expect(Ledger.open({ dataDir })).rejects.toSatisfy((e) => isCityguardError(e, 'CG_LEDGER_LOCKED'));
    await ledger.close();
    const second = await Ledger.open({ dataDir });
    await second.close();
  });

  it('rejects unusable entries with CG_LEDGER_ENTRY_INVALID and appends nothing', async () => {
    const { ledger } = await freshLedger();
    await expect(ledger.append({ kind: 'Bad Kind', payload: {} })).rejects.toSatisfy((e) => isCityguardError(e, 'CG_LEDGER_ENTRY_INVALID'));
    await expect(ledger.append({ kind: 'ok', payload: undefined })).rejects.toSatisfy((e) => isCityguardError(e, 'CG_LEDGER_ENTRY_INVALID'));
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    await expect(ledger.appendMany([{ kind: 'ok', payload: 1 }, { kind: 'ok', payload: cyclic }])).rejects.toSatisfy((e) => isCityguardError(e, 'CG_LEDGER_ENTRY_INVALID'));
    expect((await ledger.append({ kind: 'ok', payload: 'fine' })).index).toBe(0);
    await ledger.close();
  });

  it('drops the unacknowledged tail of a crashed commit on reopen, and the result verifies', async () => {
    const { dataDir, ledger } = await freshLedger();
    await ledger.appendMany([{ kind: 'a', payload: 1 }, { kind: 'a', payload: 2 }]);
    await ledger.close();
    const seg = join(dataDir, 'segments', '0000000000.seg');
    const before = statSync(seg).size;
    appendFileSync(seg, Buffer.from([0, 0, 0, 9, 1, 2, 3]));
    appendFileSync(join(dataDir, 'index.bin'), Buffer.alloc(20));
    const reopened = await Ledger.open({ dataDir, checkpointEveryMs: 0 });
    expect(reopened.size).toBe(2);
    expect(statSync(seg).size).toBe(before);
    await reopened.append({ kind: 'a', payload: 3 });
    await reopened.close();
    const report = await verifyLedger({ dataDir });
    expect(report.problems).toEqual([]);
    expect(report.entries).toBe(3);
  });

  it('refuses to open for writing when entries a checkpoint signed are missing', async () => {
    const { dataDir, ledger } = await freshLedger();
    await ledger.appendMany([{ kind: 'a', payload: 1 }, { kind: 'a', payload: 2 }]);
    await ledger.close();
    truncateSync(join(dataDir, 'index.bin'), 48);
    await expect(Ledger.open({ dataDir })).rejects.toSatisfy((e) => isCityguardError(e, 'CG_LEDGER_CORRUPT'));
  });

  it('rolls segments and still verifies across them', async () => {
    const { dataDir, ledger } = await freshLedger({ segmentMaxBytes: 200 });
    for (let i = 0; i < 10; i++) await ledger.append({ kind: 'a', payload: { text: 'x'.repeat(60), i } });
    await ledger.close();
    expect(statSync(join(dataDir, 'segments', '0000000009.seg')).size).toBeGreaterThan(0);
    const report = await verifyLedger({ dataDir });
    expect(report.ok).toBe(true);
    const reader = await Ledger.open({ dataDir, readOnly: true });
    expect((await reader.read(9)).entry.payload).toEqual({ text: 'x'.repeat(60), i: 9 });
    await reader.close();
  });
});
