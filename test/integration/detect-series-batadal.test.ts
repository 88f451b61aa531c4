// `cityguard detect series` on the real BATADAL files (skipped when ../shared/data/batadal is absent).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/app/cli/main.js';

const DATA = join(process.cwd(), '../shared/data/batadal');
const present = ['BATADAL_dataset03.csv', 'BATADAL_dataset04.csv', 'CTOWN.INP'].every((f) => existsSync(join(DATA, f)));
if (!present) console.log(`detect-series-batadal: skipped, ${DATA} not found`);

describe.skipIf(!present)('cityguard detect series on BATADAL', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('reads dd/mm/yy HH times, the official labels (skipping the unlabelled −999 rows) and C-Town’s control rules', async () => {
    const results = join(mkdtempSync(join(tmpdir(), 'cg-batadal-')), 'out.csv');
    const args = ['--train', join(DATA, 'BATADAL_dataset03.csv'), '--test', join(DATA, 'BATADAL_dataset04.csv'), '--out', results, '--controls', join(DATA, 'CTOWN.INP')];
    expect(await main(['node', 'cityguard', 'detect', 'series', ...args])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('time column: DATETIME');
    expect(text).toContain('label column: ATT_FLAG (never used as a feature)');
    expect(text).toContain('learned from 6571 rows, calibrated on 2190 (43 signals)');
    // C-Town's 20 level controls (a start and a stop level for 10 links) all have columns, and 2014 obeys every one.
    expect(text).toContain(`control rules: 20 from ${join(DATA, 'CTOWN.INP')}`);
    expect(text).not.toContain('set aside');
    expect(text).toMatch(/labelled rows 219 \(3958 unlabelled rows skipped\)/);
    const lines = readFileSync(results, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4178);
    expect(lines[1]).toMatch(/^04\/07\/16 00,/);
  });
});
