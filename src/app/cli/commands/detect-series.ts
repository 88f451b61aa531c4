// `cityguard detect series`: learn normal behaviour from a training CSV, score a test CSV one row
// at a time as a live detector would, write one result row per test row, and print precision,
// recall, F1, TPR, TNR and the BATADAL score S when the test file carries labels.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  alignResolution,
  controlRulesFor,
  formatResultsCsv,
  invalidControls,
  readEpanetControls,
  readSeriesCsv,
  scoreDetections,
  scoreSeries,
  seriesFileFailed,
  splitCsvLine,
  trainOnSeries,
  type ControlRule,
  type DetectionMetrics,
  type SeriesColumns,
  type SkippedControl,
} from '../../../engines/detection/anomaly/index.js';

interface SeriesOptions {
  train: string;
  test: string;
  out: string;
  timeColumn?: string;
  labelColumn?: string;
  exclude?: string[];
  controls?: string;
}

/** Column names taken as time or label when none is named. */
const TIME_NAMES = ['datetime', 'timestamp', 'time', 'date'];
const LABEL_NAMES = ['att_flag', 'label', 'attack', 'is_attack'];

/** Registers `cityguard detect series`. */
export function registerDetectSeries(detect: Command): void {
  detect
    .command('series')
    .description('Learn normal behaviour from a training CSV time series, then score a test series row by row')
    .requiredOption('--train <csv>', 'training series: normal operation only')
    .requiredOption('--test <csv>', 'series to score')
    .requiredOption('--out <csv>', 'where to write one result row per test row (time, score, alert, top_signals, explanation)')
    .option('--time-column <name>', `time column (default: the first of ${TIME_NAMES.join(', ')} present, any case)`)
    .option('--label-column <name>', `label column, 1 = attack, never a feature (default: ${LABEL_NAMES.join(', ')} if present)`)
    .option('--exclude <names>', 'comma-separated columns to ignore', (v: string) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .option('--controls <inp>', 'EPANET network model whose [CONTROLS] are the process’s control logic; links are read from S_<id> or <id> columns, nodes from L_<id> or <id>')
    .action((options: SeriesOptions) => runSeries(options));
}

function runSeries(o: SeriesOptions): void {
  const trainText = readText(o.train);
  const testText = readText(o.test);
  const trainHeader = headerOf(trainText);
  const testHeader = headerOf(testText);
  const time = o.timeColumn ?? guess(trainHeader, TIME_NAMES);
  const label = o.labelColumn ?? guess(testHeader, LABEL_NAMES) ?? guess(trainHeader, LABEL_NAMES);
  if (o.timeColumn === undefined && time !== undefined) console.log(`time column: ${time}`);
  if (o.labelColumn === undefined && label !== undefined) console.log(`label column: ${label} (never used as a feature)`);
  const exclude = o.exclude ?? [];
  const roles = (header: string[]): SeriesColumns => ({
    timeColumn: time,
    labelColumn: label !== undefined && (header.includes(label) || (header === testHeader && o.labelColumn !== undefined)) ? label : undefined,
    exclude: exclude.filter((c) => header.includes(c) || !(trainHeader.includes(c) || testHeader.includes(c))),
  });
  const rawTrain = readSeriesCsv(trainText, o.train, roles(trainHeader));
  const test = readSeriesCsv(testText, o.test, roles(testHeader));
  const { train, resolution } = alignResolution(rawTrain, test);
  const controls = o.controls === undefined ? [] : readControls(o.controls, train.columns);
  const detector = trainOnSeries(train, { resolution, detector: { controls } });
  const stats = detector.stats;
  console.log(`learned from ${stats.learned} rows, calibrated on ${stats.baselined} (${train.columns.length} signals)`);
  for (const r of detector.controlRulesSetAside) {
    console.log(`  set aside ${r.source}: the training data contradicts it on ${r.contradicted} of the ${r.applied} rows it applied to`);
  }
  const scores = scoreSeries(detector, test);
  try {
    writeFileSync(o.out, formatResultsCsv(test, scores));
  } catch (err) {
    throw seriesFileFailed(o.out, 'write', err);
  }
  const alertRows = scores.alert.reduce((a, b) => a + b, 0);
  console.log(`scored ${test.rows.length} rows: ${scores.alerts} alert${scores.alerts === 1 ? '' : 's'} covering ${alertRows} rows; results in ${o.out}`);
  if (test.labels !== null) for (const line of metricLines(scoreDetections(test.labels, scores.alert))) console.log(line);
}

/** Control rules of an EPANET model over the training columns; says what it used and what it skipped. */
function readControls(file: string, columns: readonly string[]): ControlRule[] {
  const parsed = readEpanetControls(readText(file), file);
  const { rules, skipped } = controlRulesFor(parsed.controls, columns, file);
  if (rules.length === 0) throw invalidControls(file, skipped.map((s) => ({ line: s.line, message: s.reason })));
  const all: SkippedControl[] = [...parsed.skipped, ...skipped].sort((a, b) => a.line - b.line);
  console.log(`control rules: ${rules.length} from ${file}${all.length === 0 ? '' : `, ${all.length} skipped`}`);
  for (const s of all) console.log(`  skipped ${file}:${s.line}: ${s.reason}`);
  return rules;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw seriesFileFailed(file, 'read', err);
  }
}

function headerOf(text: string): string[] {
  return splitCsvLine(text.slice(0, text.search(/\r?\n|$/))).map((h) => h.trim());
}

function guess(header: readonly string[], names: readonly string[]): string | undefined {
  for (const name of names) {
    const found = header.find((h) => h.toLowerCase() === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function metricLines(m: DetectionMetrics): string[] {
  const f = (v: number) => v.toFixed(3);
  const lines = [
    `labelled rows ${m.labelledRows}${m.unlabelledRows > 0 ? ` (${m.unlabelledRows} unlabelled rows skipped)` : ''}: TP ${m.tp}, FP ${m.fp}, TN ${m.tn}, FN ${m.fn}`,
    `precision ${f(m.precision)}  recall ${f(m.recall)}  F1 ${f(m.f1)}  TPR ${f(m.tpr)}  TNR ${f(m.tnr)}`,
    `S_TTD ${f(m.sTtd)}  S_CM ${f(m.sCm)}  S ${f(m.s)}  (${m.attacks.filter((a) => a.detected).length}/${m.attacks.length} attacks detected)`,
  ];
  m.attacks.forEach((a, i) => lines.push(`  attack ${i + 1}: rows ${a.start + 1}–${a.end + 1}, ${a.detected ? `detected after ${a.timeToDetectRows} of ${a.durationRows} rows` : `missed (${a.durationRows} rows)`}`));
  return lines;
}
