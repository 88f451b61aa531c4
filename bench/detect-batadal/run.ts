// Benchmark: train on BATADAL dataset03 (2014, normal only), score dataset04 with the author's full
// labels (2016, 7 attacks), one row at a time. Reports S, S_TTD, S_CM, F1, per-attack time to detect
// and scoring throughput for the real detector and two references in the same run, and writes
// RESULTS.md. Nothing here is tuned on dataset04: defaults come from validate.ts on dataset03 alone.
// Run: npx tsx bench/detect-batadal/run.ts [batadal folder]   (default ../shared/data/batadal)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  alignResolution,
  DEFAULT_HOLDOUT_FRACTION,
  ProcessDetector,
  readSeriesCsv,
  scoreDetections,
  scoreSeries,
  trainOnSeries,
  type DetectionMetrics,
  type SeriesTable,
  type SeriesTrainingOptions,
} from '../../src/engines/detection/anomaly/index.js';
import { ctownControlRules } from './ctown-topology.js';
import { outputFingerprint } from './fingerprint.js';
import { falseAlarmBreakdown, renderResults, type BenchRow } from './results-report.js';
import { ZScoreReference } from './zscore-reference.js';

const dataDir = process.argv[2] ?? join(import.meta.dirname, '../../../shared/data/batadal');
const TRAIN = 'BATADAL_dataset03.csv';
const TEST = 'BATADAL_dataset04_full_labels.csv';
/** Passes over the test set per throughput measurement; the median pass is reported with the spread. */
const PASSES = 15;
const WARM_UP_PASSES = 3;
const WARM_UP_MS = 2000;

interface Candidate {
  readonly name: string;
  /** The trained detector's snapshot, for process detectors. */
  readonly snapshot?: unknown;
  /** Scores the whole test set for the metrics; returns per-row alarms and new-alert flags. */
  evaluate(): { alert: Uint8Array; opened: Uint8Array };
  /** One pass of live scoring (observe one row at a time), from a fresh state. */
  pass(): void;
}

function read(file: string): SeriesTable {
  return readSeriesCsv(readFileSync(file, 'utf8'), file, { timeColumn: 'DATETIME', labelColumn: 'ATT_FLAG' });
}

function processCandidate(name: string, train: SeriesTable, test: SeriesTable, resolution: Record<string, number>, detector: SeriesTrainingOptions['detector']): Candidate {
  const started = performance.now();
  const trained = trainOnSeries(train, { resolution, detector });
  console.log(`${name}: trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const snapshot = JSON.parse(JSON.stringify(trained.snapshot())) as unknown;
  return {
    name,
    snapshot,
    evaluate: () => {
      const s = scoreSeries(ProcessDetector.restore(snapshot), test);
      return { alert: s.alert, opened: s.opened };
    },
    pass: () => {
      const d = ProcessDetector.restore(snapshot);
      d.restartSeries();
      for (let i = 0; i < test.rows.length; i++) d.observe(test.rows[i]!, test.times[i]);
    },
  };
}

function zscoreCandidate(train: SeriesTable, test: SeriesTable): Candidate {
  const columns = train.columns.map((c) => test.columns.indexOf(c));
  const rows = test.rows.map((r) => Float64Array.from(columns, (k) => r[k]!));
  const run = () => {
    const z = new ZScoreReference(train, DEFAULT_HOLDOUT_FRACTION);
    const alert = new Uint8Array(rows.length);
    const opened = new Uint8Array(rows.length);
    rows.forEach((r, i) => {
      const o = z.observe(r);
      alert[i] = o.alarm ? 1 : 0;
      opened[i] = o.opened ? 1 : 0;
    });
    return { alert, opened };
  };
  const z = new ZScoreReference(train, DEFAULT_HOLDOUT_FRACTION);
  return { name: 'per-signal z-score (reference)', evaluate: run, pass: () => rows.forEach((r) => z.observe(r)) };
}

/** Median rows per second of wall time and of CPU time over PASSES passes, and the CPU rate's lowest and highest pass. */
function throughput(c: Candidate, rows: number): { wall: number; cpu: number; cpuRange: [number, number] } {
  // Steady state: warm up for at least WARM_UP_PASSES passes and WARM_UP_MS, so the JIT has settled.
  const warmStart = performance.now();
  for (let p = 0; p < WARM_UP_PASSES || performance.now() - warmStart < WARM_UP_MS; p++) c.pass();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    c.pass();
    const ms = performance.now() - t0;
    const used = process.cpuUsage(c0);
    wall.push((rows / ms) * 1000);
    cpu.push(rows / ((used.user + used.system) / 1e6));
  }
  const mid = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  return { wall: mid(wall), cpu: mid(cpu), cpuRange: [Math.min(...cpu), Math.max(...cpu)] };
}

function main(): void {
  if (!existsSync(join(dataDir, TRAIN)) || !existsSync(join(dataDir, TEST))) {
    console.log(`skipped: ${TRAIN} and ${TEST} not found in ${dataDir} (pass the BATADAL folder as the first argument)`);
    return;
  }
  const load = loadavg()[0]!;
  const test = read(join(dataDir, TEST));
  const { train, resolution } = alignResolution(read(join(dataDir, TRAIN)), test);
  const controls = ctownControlRules(dataDir, train.columns);
  const candidates = [
    processCandidate('process detector (all models)', train, test, resolution, { controls }),
    processCandidate('process detector without control rules', train, test, resolution, {}),
    processCandidate('PCA residual (reference)', train, test, resolution, { models: ['pca-residual'] }),
    zscoreCandidate(train, test),
  ];
  const rows: BenchRow[] = candidates.map((c) => {
    const { alert, opened } = c.evaluate();
    const metrics: DetectionMetrics = scoreDetections(test.labels!, alert);
    const speed = throughput(c, test.rows.length);
    console.log(`${c.name}: S ${metrics.s.toFixed(3)}, ${metrics.attacks.filter((a) => a.detected).length}/${metrics.attacks.length} attacks, ${speed.wall.toFixed(0)} rows/s wall, ${speed.cpu.toFixed(0)} rows/CPU-s`);
    const falseAlarms = falseAlarmBreakdown(test.labels!, alert);
    return { name: c.name, metrics, alerts: opened.reduce((a, b) => a + b, 0), rowsPerSecond: speed.wall, rowsPerCpuSecond: speed.cpu, cpuRange: speed.cpuRange, falseAlarms };
  });
  const fingerprint = outputFingerprint(candidates[0]!.snapshot, test);
  console.log(`output fingerprint ${fingerprint}`);
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (load average ${load.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end), Node ${process.version}`;
  writeFileSync(join(import.meta.dirname, 'RESULTS.md'), renderResults(rows, test, machine, fingerprint, controls));
  console.log(`wrote ${join(import.meta.dirname, 'RESULTS.md')}`);
}

main();
