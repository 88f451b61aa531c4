// The detector's output on the benchmark as one SHA-256: every test row's score (its exact float
// bits), alarm, new-alert flag, top signals and explanation, plus the trained snapshot. Speed work
// must leave it unchanged, so an optimisation is checked by running this before and after it.
// Run: npx tsx bench/detect-batadal/fingerprint.ts [batadal folder]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alignResolution, ProcessDetector, readSeriesCsv, scoreSeries, trainOnSeries, type ControlRule, type SeriesTable } from '../../src/engines/detection/anomaly/index.js';
import { ctownControlRules } from './ctown-topology.js';

const TRAIN = 'BATADAL_dataset03.csv';
const TEST = 'BATADAL_dataset04_full_labels.csv';

/** Hash of everything a trained detector (as its snapshot) says about `test`: per-row scores, alarms, top signals, explanations. */
export function outputFingerprint(snapshot: unknown, test: SeriesTable): string {
  const s = scoreSeries(ProcessDetector.restore(JSON.parse(JSON.stringify(snapshot))), test);
  const h = createHash('sha256');
  h.update(new Uint8Array(s.score.buffer));
  h.update(s.alert);
  h.update(s.opened);
  for (let i = 0; i < s.explanation.length; i++) h.update(`${s.topSignals[i]!.join(',')}|${s.explanation[i]}\n`);
  return h.digest('hex');
}

/** Trains on `train` and fingerprints both the output on `test` and the trained snapshot. */
export function detectorFingerprint(train: SeriesTable, test: SeriesTable, resolution: Record<string, number>, controls: readonly ControlRule[]): { output: string; snapshot: string } {
  const trained = trainOnSeries(train, { resolution, detector: { controls } }).snapshot();
  return { output: outputFingerprint(trained, test), snapshot: createHash('sha256').update(JSON.stringify(trained)).digest('hex') };
}

function main(): void {
  const dataDir = process.argv[2] ?? join(import.meta.dirname, '../../../shared/data/batadal');
  if (!existsSync(join(dataDir, TRAIN)) || !existsSync(join(dataDir, TEST))) {
    console.log(`skipped: ${TRAIN} and ${TEST} not found in ${dataDir}`);
    return;
  }
  const read = (f: string) => readSeriesCsv(readFileSync(join(dataDir, f), 'utf8'), f, { timeColumn: 'DATETIME', labelColumn: 'ATT_FLAG' });
  const test = read(TEST);
  const { train, resolution } = alignResolution(read(TRAIN), test);
  const f = detectorFingerprint(train, test, resolution, ctownControlRules(dataDir, train.columns));
  console.log(`output   ${f.output}\nsnapshot ${f.snapshot}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
