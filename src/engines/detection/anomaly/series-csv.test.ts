import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { readSeriesCsv, splitCsvLine } from './series-csv.js';

const GOOD = 'DATETIME, a, b, ATT_FLAG\n01/01/16 00, 1.5, 2, 0\n01/01/16 01, 1.25, 3, -999\n01/01/16 02, 2, 4.125, 1\n';

function problemsOf(text: string, columns = { timeColumn: 'time' }): string {
  try {
    readSeriesCsv(text, 'x.csv', columns);
  } catch (err) {
    expect(isCityguardError(err, 'CG_SERIES_INVALID')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected CG_SERIES_INVALID');
}

describe('readSeriesCsv', () => {
  it('separates time, label and features, trims cells and keeps decimals per column', () => {
    const t = readSeriesCsv(GOOD, 'good.csv', { timeColumn: 'DATETIME', labelColumn: 'ATT_FLAG' });
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.rows.map((r) => Array.from(r))).toEqual([[1.5, 2], [1.25, 3], [2, 4.125]]);
    expect(Array.from(t.labels!)).toEqual([0, -1, 1]);
    expect(t.times[1]! - t.times[0]!).toBe(3_600_000);
    expect(Array.from(t.decimals)).toEqual([2, 3]);
  });

  it('never turns the label column into a feature', () => {
    const t = readSeriesCsv(GOOD, 'good.csv', { timeColumn: 'DATETIME', labelColumn: 'ATT_FLAG', exclude: ['b'] });
    expect(t.columns).toEqual(['a']);
  });

  it('names the row and column of a non-numeric cell and an empty one, and counts every problem', () => {
    const message = problemsOf('time,a,b\n1,2,x\n2,,3\n3,4,5\n');
    expect(message).toMatch(/^2 problems in x\.csv/);
    expect(message).toContain('x.csv:2 column b: "x" is not a number');
    expect(message).toContain('x.csv:3 column a: empty cell');
  });

  it('rejects ragged rows, repeated times and times that go backwards', () => {
    const message = problemsOf('time,a\n1,1\n2,2,2\n3,3\n3,4\n2,5\n');
    expect(message).toContain('x.csv:3: the row has 3 cells; the header has 2');
    expect(message).toContain('x.csv:5 column time: time "3" repeats line 4');
    expect(message).toContain('x.csv:6 column time: time "2" is earlier than line 4');
  });

  it('names a missing column and lists the header', () => {
    expect(problemsOf('t,a\n1,1\n')).toContain('x.csv:1 column time: no such column (the header has t, a)');
  });

  it('rejects an unparseable time and a file without rows', () => {
    expect(problemsOf('time,a\nnoon,1\n')).toContain('column time: "noon" is not a time');
    expect(problemsOf('time,a\n')).toContain('no data rows');
  });

  it('splits quoted cells', () => {
    expect(splitCsvLine('a,"b, c","d ""e"""')).toEqual(['a', 'b, c', 'd "e"']);
  });
});
