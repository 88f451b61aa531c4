// `cityguard detect series` end to end on generated CSVs: results file, metrics, and bad input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/app/cli/main.js';
import { simulateTank, tankCsv } from '../../src/engines/detection/anomaly/test-fixtures/tank-process.js';

const DAY = 24;
let dir: string;
let out: string[];
let err: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cg-series-'));
  const all = simulateTank(110 * DAY, 21, { kind: 'pump-off', start: 95 * DAY, end: 95 * DAY + 48 });
  const part = (from: number, to: number) => ({ rows: all.rows.slice(from, to), times: all.times.slice(from, to), labels: all.labels.slice(from, to) });
  writeFileSync(join(dir, 'train.csv'), tankCsv(part(0, 90 * DAY), true));
  writeFileSync(join(dir, 'test.csv'), tankCsv(part(90 * DAY, 110 * DAY), true));
});

beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const run = (...args: string[]) => main(['node', 'cityguard', 'detect', 'series', ...args]);
const file = (name: string) => join(dir, name);

describe('cityguard detect series', () => {
  it('writes one result row per test row and prints the BATADAL metrics when labels are present', async () => {
    const code = await run('--train', file('train.csv'), '--test', file('test.csv'), '--out', file('out.csv'), '--label-column', 'label');
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const lines = readFileSync(file('out.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time,score,alert,top_signals,explanation');
    expect(lines).toHaveLength(20 * DAY + 1);
    expect(lines[1]).toMatch(/^2024-\d\d-\d\dT\d\d:00:00\.000Z,\d+\.\d{4},[01],/);
    const text = out.join('\n');
    expect(text).toMatch(/precision \d\.\d{3} {2}recall \d\.\d{3} {2}F1 \d\.\d{3} {2}TPR \d\.\d{3} {2}TNR \d\.\d{3}/);
    expect(text).toMatch(/S_TTD \d\.\d{3} {2}S_CM \d\.\d{3} {2}S \d\.\d{3} {2}\(1\/1 attacks detected\)/);
    const alertRows = lines.slice(1).filter((l) => l.split(',')[2] === '1');
    expect(alertRows.length).toBeGreaterThan(0);
    expect(alertRows.some((l) => /pump PU1|tank T1/.test(l))).toBe(true);
  });

  it('never uses the label column as a feature, even when it is not named', async () => {
    expect(await run('--train', file('train.csv'), '--test', file('test.csv'), '--out', file('out2.csv'))).toBe(0);
    expect(out).toContain('label column: label (never used as a feature)');
    const signals = readFileSync(file('out2.csv'), 'utf8').split('\n').slice(1).map((l) => l.split(',')[3] ?? '');
    expect(signals.some((s) => s.includes('label'))).toBe(false);
  });

  it('honours --exclude and --time-column', async () => {
    expect(await run('--train', file('train.csv'), '--test', file('test.csv'), '--out', file('out3.csv'), '--time-column', 'time', '--exclude', 'P_J1,label')).toBe(0);
    expect(out.join('\n')).toContain('(5 signals)');
  });
});

describe('cityguard detect series --controls', () => {
  // The fixture tank's PLC logic as an EPANET model would write it, plus a pump the series lacks.
  const inp = '[CONTROLS]\nLINK PU1 OPEN IF NODE T1 BELOW 2.5\nLINK PU1 CLOSED IF NODE T1 ABOVE 4.5\nLINK PU2 OPEN IF NODE T1 BELOW 1.2\nLINK PU2 CLOSED IF NODE T1 ABOVE 3.2\nLINK PU7 OPEN IF NODE T4 BELOW 3\n';

  it('uses the model’s level controls, says which it skipped, and names the rule a forced-off pump breaks', async () => {
    writeFileSync(file('tank.inp'), inp);
    const code = await run('--train', file('train.csv'), '--test', file('test.csv'), '--out', file('out-rules.csv'), '--label-column', 'label', '--controls', file('tank.inp'));
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(`control rules: 4 from ${file('tank.inp')}, 1 skipped`);
    expect(text).toContain(`skipped ${file('tank.inp')}:6: no column for link PU7 (S_PU7 or PU7)`);
    const explanations = readFileSync(file('out-rules.csv'), 'utf8');
    expect(explanations).toMatch(/pump PU1 is off while tank T1 level reads \d\.\d\d m, below the 2\.50 m at which its control keeps it running \(.*tank\.inp line 2\)/);
  });

  it('rejects a model none of whose controls has columns in the series, saying what it looked for', async () => {
    writeFileSync(file('other.inp'), '[CONTROLS]\nLINK P9 OPEN IF NODE TANK9 BELOW 2\n');
    expect(await run('--train', file('train.csv'), '--test', file('test.csv'), '--out', file('o.csv'), '--controls', file('other.inp'))).toBe(1);
    expect(err.join('\n')).toMatch(/error CG_CONTROLS_INVALID: cannot read control rules from .*other\.inp:\n.*other\.inp:2: no column for link P9 \(S_P9 or P9\)/);
  });

  it('rejects a model whose controls it cannot read, naming the line', async () => {
    writeFileSync(file('bad.inp'), '[CONTROLS]\nLINK PU1 OPEN IF NODE T1 BELOW low\n');
    expect(await run('--train', file('train.csv'), '--test', file('test.csv'), '--out', file('o.csv'), '--controls', file('bad.inp'))).toBe(1);
    expect(err.join('\n')).toMatch(/error CG_CONTROLS_INVALID: cannot read control rules from .*bad\.inp:\n.*bad\.inp:2: the level "low" is not a number/);
  });
});

describe('cityguard detect series on bad input', () => {
  const header = 'time,a,b';
  const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
  const good = `${header}\n${rows(200, (i) => `${i * 3600},${Math.sin(i / 5).toFixed(3)},${(i % 7) / 7}`)}\n`;

  async function failsWith(train: string, test: string, code: string, ...extra: string[]): Promise<string> {
    writeFileSync(file('bad-train.csv'), train);
    writeFileSync(file('bad-test.csv'), test);
    expect(await run('--train', file('bad-train.csv'), '--test', file('bad-test.csv'), '--out', file('bad-out.csv'), ...extra)).toBe(1);
    const message = err.join('\n');
    expect(message).toContain(`error ${code}:`);
    return message;
  }

  it('names the row and column of a non-numeric cell', async () => {
    const test = good.replace('\n7200,', '\n7200,').replace(/\n(10800),[^,]+,/, '\n$1,high,');
    expect(await failsWith(good, test, 'CG_SERIES_INVALID')).toContain('bad-test.csv:5 column a: "high" is not a number');
  });

  it('names a ragged row', async () => {
    const train = good.replace(/\n(7200,[^\n]+)/, '\n$1,9');
    expect(await failsWith(train, good, 'CG_SERIES_INVALID')).toContain('bad-train.csv:4: the row has 4 cells; the header has 3');
  });

  it('rejects unsorted and repeated times', async () => {
    const unsorted = good.replace(/\n3600,/, '\n9000000,');
    expect(await failsWith(good, unsorted, 'CG_SERIES_INVALID')).toMatch(/bad-test\.csv:4 column time: time "7200" is earlier than line 3/);
    const repeated = good.replace(/\n7200,/, '\n3600,');
    expect(await failsWith(good, repeated, 'CG_SERIES_INVALID')).toContain('bad-test.csv:4 column time: time "3600" repeats line 3');
  });

  it('names a missing column', async () => {
    expect(await failsWith(good, good, 'CG_SERIES_INVALID', '--time-column', 'when')).toContain('bad-train.csv:1 column when: no such column');
  });

  it('says which training columns the test file lacks', async () => {
    const test = good.split('\n').map((l) => l.split(',').slice(0, 2).join(',')).join('\n');
    expect(await failsWith(good, test, 'CG_SERIES_COLUMNS_MISMATCH')).toContain('lacks 1 column the training series has: b');
  });

  it('says when the training series is too short to learn and calibrate', async () => {
    const short = `${header}\n${rows(50, (i) => `${i * 3600},${i},${i % 2}`)}\n`;
    expect(await failsWith(short, good, 'CG_ANOMALY_TOO_FEW_SAMPLES')).toContain('has 50 rows; at least 96');
  });

  it('reports a file it cannot read', async () => {
    expect(await run('--train', file('missing.csv'), '--test', file('test.csv'), '--out', file('o.csv'))).toBe(1);
    expect(err.join('\n')).toMatch(/error CG_SERIES_FILE_FAILED: cannot read .*missing\.csv/);
  });
});
