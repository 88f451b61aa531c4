// Reads a CSV time series for offline detection: a header row, one row per sample, numeric cells.
// Every problem (missing column, ragged row, non-numeric cell, unparseable, unsorted or repeated
// time) is collected with its line and column; any problem rejects the file with all of them listed.
import { invalidSeries, type SeriesProblem } from './errors.js';
import { parseSeriesTime } from './series-time.js';

/** Which columns play which part. Names are matched exactly after trimming. */
export interface SeriesColumns {
  readonly timeColumn?: string;
  readonly labelColumn?: string;
  /** Columns that are neither features nor time nor label. */
  readonly exclude?: readonly string[];
}

/** A parsed series: feature columns, one row per sample, optional times and labels. */
export interface SeriesTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly Float64Array[];
  /** Milliseconds since the epoch per row; NaN when there is no time column. */
  readonly times: Float64Array;
  /** The time cell as written (or the row number when there is no time column). */
  readonly timeText: readonly string[];
  /** Per row 1 (attack), 0 (normal) or −1 (unlabelled, e.g. BATADAL's −999); null without a label column. */
  readonly labels: Int8Array | null;
  /** Most digits after the decimal point seen in each feature column. */
  readonly decimals: Int8Array;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses `text` (the content of `file`); throws CG_SERIES_INVALID listing every problem. */
export function readSeriesCsv(text: string, file: string, columns: SeriesColumns = {}): SeriesTable {
  const lines = text.split(/\r?\n/);
  const layout = readHeader(lines[0] ?? '', file, columns);
  const problems: SeriesProblem[] = [];
  const acc: RowAccumulator = { rows: [], times: [], timeText: [], labels: [], decimals: new Int8Array(layout.featureAt.length), lastTime: -Infinity, lastTimeLine: 0 };
  for (let li = 1; li < lines.length; li++) {
    if (lines[li]!.trim() !== '') readRow(lines[li]!, li + 1, layout, acc, problems);
  }
  if (acc.rows.length === 0 && problems.length === 0) problems.push({ line: 2, message: 'no data rows' });
  if (problems.length > 0) throw invalidSeries(file, problems);
  return {
    file,
    columns: layout.featureAt.map((i) => layout.header[i]!),
    rows: acc.rows,
    times: Float64Array.from(acc.times),
    timeText: acc.timeText,
    labels: layout.labelAt >= 0 ? Int8Array.from(acc.labels) : null,
    decimals: acc.decimals,
  };
}

/** Where each part of a row sits. */
interface Layout {
  readonly header: readonly string[];
  readonly timeAt: number;
  readonly labelAt: number;
  readonly featureAt: readonly number[];
}

/** What the rows read so far have produced. */
interface RowAccumulator {
  readonly rows: Float64Array[];
  readonly times: number[];
  readonly timeText: string[];
  readonly labels: number[];
  readonly decimals: Int8Array;
  lastTime: number;
  lastTimeLine: number;
}

/** Reads the header and locates the named columns; throws on any header problem. */
function readHeader(line: string, file: string, columns: SeriesColumns): Layout {
  const header = splitCsvLine(line).map((h) => h.trim());
  if (header.every((h) => h === '')) throw invalidSeries(file, [{ line: 1, message: 'no header row' }]);
  const problems: SeriesProblem[] = [];
  const seen = new Set<string>();
  header.forEach((h) => {
    if (h === '') problems.push({ line: 1, message: 'a header cell is empty' });
    else if (seen.has(h)) problems.push({ line: 1, column: h, message: 'column name appears twice' });
    seen.add(h);
  });
  const named = [columns.timeColumn, columns.labelColumn, ...(columns.exclude ?? [])].filter((c): c is string => c !== undefined);
  for (const c of named) if (!seen.has(c)) problems.push({ line: 1, column: c, message: `no such column (the header has ${header.join(', ')})` });
  if (problems.length > 0) throw invalidSeries(file, problems);
  const timeAt = columns.timeColumn === undefined ? -1 : header.indexOf(columns.timeColumn);
  const labelAt = columns.labelColumn === undefined ? -1 : header.indexOf(columns.labelColumn);
  const skip = new Set([timeAt, labelAt, ...(columns.exclude ?? []).map((c) => header.indexOf(c))]);
  const featureAt = header.flatMap((_, i) => (skip.has(i) ? [] : [i]));
  if (featureAt.length === 0) throw invalidSeries(file, [{ line: 1, message: 'no feature columns are left' }]);
  return { header, timeAt, labelAt, featureAt };
}

/** Reads one data row into `acc`, or records its problems. */
function readRow(raw: string, line: number, layout: Layout, acc: RowAccumulator, problems: SeriesProblem[]): void {
  const { header, featureAt, labelAt, timeAt } = layout;
  const cells = splitCsvLine(raw);
  if (cells.length !== header.length) {
    problems.push({ line, message: `the row has ${cells.length} cells; the header has ${header.length}` });
    return;
  }
  const row = new Float64Array(featureAt.length);
  featureAt.forEach((c, k) => {
    const cell = cells[c]!.trim();
    if (!NUMBER.test(cell)) {
      problems.push({ line, column: header[c]!, message: cell === '' ? 'empty cell' : `"${cell}" is not a number` });
      return;
    }
    row[k] = Number(cell);
    const dot = cell.indexOf('.');
    if (dot >= 0 && !/[eE]/.test(cell)) acc.decimals[k] = Math.max(acc.decimals[k]!, Math.min(cell.length - dot - 1, 100));
  });
  if (labelAt >= 0) {
    const cell = cells[labelAt]!.trim();
    if (!NUMBER.test(cell)) problems.push({ line, column: header[labelAt]!, message: `label "${cell}" is not a number` });
    const v = Number(cell);
    acc.labels.push(v === 1 ? 1 : v === 0 ? 0 : -1);
  }
  if (timeAt >= 0) readTime(cells[timeAt]!.trim(), line, header[timeAt]!, acc, problems);
  else {
    acc.times.push(Number.NaN);
    acc.timeText.push(String(acc.rows.length + 1));
  }
  acc.rows.push(row);
}

/** Parses a time cell and checks it comes strictly after the previous row's. */
function readTime(cell: string, line: number, column: string, acc: RowAccumulator, problems: SeriesProblem[]): void {
  const t = parseSeriesTime(cell);
  if (t === null) {
    problems.push({ line, column, message: `"${cell}" is not a time (use dd/mm/yy HH, ISO 8601 or epoch seconds/ms)` });
  } else if (t === acc.lastTime) {
    problems.push({ line, column, message: `time "${cell}" repeats line ${acc.lastTimeLine}` });
  } else if (t < acc.lastTime) {
    problems.push({ line, column, message: `time "${cell}" is earlier than line ${acc.lastTimeLine}; rows must be in time order` });
  } else {
    acc.lastTime = t;
    acc.lastTimeLine = line;
  }
  acc.times.push(t ?? Number.NaN);
  acc.timeText.push(cell);
}

/** Splits one CSV line on commas, honouring double-quoted cells ("" is a literal quote). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
