// Offline detection on recorded series: learn and calibrate on a training table, then score a test
// table one row at a time exactly as a live detector would. Shared by `cityguard detect series` and
// bench/detect-batadal.
import type { ProcessDetectorConfig } from './detector-config.js';
import { seriesColumnsMismatch, tooFewSamples } from './errors.js';
import { ProcessDetector, type Observation } from './process-detector.js';
import type { SeriesTable } from './series-csv.js';

/** How the training table is split and what the detector is told. */
export interface SeriesTrainingOptions {
  /** Fraction of training rows (the last ones) kept out of fitting to calibrate on. */
  readonly holdoutFraction?: number;
  /** Per-column sensor resolution (e.g. from `alignResolution`). */
  readonly resolution?: Readonly<Record<string, number>>;
  readonly detector?: Partial<Omit<ProcessDetectorConfig, 'signals' | 'learningSamples' | 'baselineSamples' | 'resolution'>>;
}

/** Default share of training rows used for calibration (the baseline phase). */
export const DEFAULT_HOLDOUT_FRACTION = 0.25;
const MIN_ROWS = 96;

/** Learns from `train` (first rows) and calibrates (last rows); returns a detector in the detecting phase. */
export function trainOnSeries(train: SeriesTable, options: SeriesTrainingOptions = {}): ProcessDetector {
  if (train.rows.length < MIN_ROWS) throw tooFewSamples(train.rows.length, MIN_ROWS);
  const holdout = options.holdoutFraction ?? DEFAULT_HOLDOUT_FRACTION;
  const baselineSamples = Math.max(24, Math.round(train.rows.length * holdout));
  const detector = new ProcessDetector({
    ...options.detector,
    signals: train.columns,
    learningSamples: train.rows.length - baselineSamples,
    baselineSamples,
    resolution: options.resolution ?? {},
  });
  train.rows.forEach((row, i) => detector.observe(row, train.times[i]));
  return detector;
}

/** Per-row results of scoring a test table. */
export interface SeriesScores {
  readonly score: Float64Array;
  readonly alert: Uint8Array;
  /** 1 on rows where a new alert was raised (an alarm opened; a quick reopening continues the last alert). */
  readonly opened: Uint8Array;
  readonly topSignals: readonly string[][];
  /** Explanation of alert rows (the strongest departures joined), empty on other rows. */
  readonly explanation: readonly string[];
  readonly alerts: number;
}

/**
 * Scores every test row in order, as a new stretch of series (it need not continue the training
 * rows); the test table must have every column the detector learned.
 */
export function scoreSeries(detector: ProcessDetector, test: SeriesTable, topCount = 3, onRow?: (i: number, o: Observation) => void): SeriesScores {
  const order = columnOrder(detector.config.signals, test);
  const n = test.rows.length;
  const out = { score: new Float64Array(n), alert: new Uint8Array(n), opened: new Uint8Array(n), topSignals: [] as string[][], explanation: [] as string[], alerts: 0 };
  const values = new Float64Array(order.length);
  detector.restartSeries();
  for (let i = 0; i < n; i++) {
    const row = test.rows[i]!;
    for (let j = 0; j < order.length; j++) values[j] = row[order[j]!]!;
    const o = detector.observe(values, test.times[i]);
    out.score[i] = o.score;
    out.alert[i] = o.alarm ? 1 : 0;
    if (o.opened) out.alerts++;
    out.opened[i] = o.opened ? 1 : 0;
    out.topSignals.push(detector.topSignals(topCount));
    out.explanation.push(o.alarm ? (o.opened ? o.departures : detector.explain()).map((d) => d.text).join('; ') : '');
    onRow?.(i, o);
  }
  return out;
}

/** Index in `test.columns` of each learned signal; throws CG_SERIES_COLUMNS_MISMATCH when one is missing. */
export function columnOrder(signals: readonly string[], test: SeriesTable): number[] {
  const at = new Map(test.columns.map((c, i) => [c, i]));
  const missing = signals.filter((s) => !at.has(s));
  if (missing.length > 0) throw seriesColumnsMismatch(test.file, missing);
  return signals.map((s) => at.get(s)!);
}

/**
 * Brings two tables to a common resolution per column: the coarser of the two files' decimal
 * precision. Returns the training table rounded to it and the resolution map for the detector, so
 * a test file written with 2 decimals is not judged against 9-decimal training noise.
 */
export function alignResolution(train: SeriesTable, test: SeriesTable): { train: SeriesTable; resolution: Record<string, number> } {
  const testAt = new Map(test.columns.map((c, i) => [c, i]));
  const resolution: Record<string, number> = {};
  const digits = train.columns.map((c, j) => Math.min(train.decimals[j]!, test.decimals[testAt.get(c) ?? -1] ?? train.decimals[j]!));
  train.columns.forEach((c, j) => (resolution[c] = 10 ** -digits[j]!));
  const rows = train.rows.map((r) => r.map((v, j) => (digits[j]! < train.decimals[j]! ? roundTo(v, digits[j]!) : v)));
  return { train: { ...train, rows }, resolution };
}

function roundTo(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
