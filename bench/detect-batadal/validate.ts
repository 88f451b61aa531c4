// Validation on BATADAL dataset03 alone: train on part of 2014, inject synthetic attacks into the
// held-out months, and report the BATADAL score per configuration. This — never dataset04 — is
// what the detector's defaults were chosen on. Writes VALIDATION.md.
// Run: npx tsx bench/detect-batadal/validate.ts [batadal folder]   (default ../shared/data/batadal)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_MODELS,
  ProcessDetector,
  readSeriesCsv,
  scoreDetections,
  scoreSeries,
  trainOnSeries,
  type ControlRule,
  type ModelName,
  type SeriesTable,
  type SeriesTrainingOptions,
} from '../../src/engines/detection/anomaly/index.js';
import { ctownControlRules, readTankGroups, type TankGroup } from './ctown-topology.js';
import { ATTACK_KINDS, injectAttacks, seededRandom } from './synthetic-attacks.js';

const dataDir = process.argv[2] ?? join(import.meta.dirname, '../../../shared/data/batadal');
const SEEDS = [1, 2, 3];
/** The held-out block of each fold, as a fraction of the year [from, to). */
const FOLDS: ReadonlyArray<readonly [number, number]> = [
  [0.66, 1],
  [0, 0.34],
];
/** Hours after an attack's last row in which alarms count as its aftermath rather than as unrelated. */
const AFTERMATH_ROWS = 48;

const without = (name: ModelName) => ({ models: ALL_MODELS.filter((m) => m !== name) });

/** Named variants of the detector options, each given C-Town's control rules; the first is the default configuration. */
const VARIANTS: Record<string, SeriesTrainingOptions['detector']> = {
  'default configuration': {},
  'without control rules (CTOWN.INP)': without('control-rules'),
  'without PCA residual': without('pca-residual'),
  'without autoencoder ensemble': without('autoencoder-ensemble'),
  'without switch levels': without('switch-levels'),
  'without cross-signal regression': without('cross-signal-regression'),
  'channels at their 99th percentile (not 99.9th)': { channelLevel: 0.99 },
  'false-alarm budget 2 %': { falseAlarmBudget: 0.02 },
  'alarm opens on one sample (no persistence)': { gate: { openAfter: 1, window: 1 } },
  'alarm closes after 6 quiet samples (not 3)': { gate: { closeAfter: 6 } },
};

interface Totals {
  s: number;
  sTtd: number;
  sCm: number;
  tpr: number;
  tnr: number;
  aftermath: number;
  elsewhere: number;
  detected: number;
  attacks: number;
  alerts: number;
  runs: number;
  missed: string[];
  perKind: Map<string, { ttd: number; n: number }>;
}

function slice(t: SeriesTable, from: number, to: number): SeriesTable {
  return { ...t, rows: t.rows.slice(from, to), times: t.times.slice(from, to), timeText: t.timeText.slice(from, to), labels: null };
}

/** Rounds every reading to 2 decimals: the resolution BATADAL's SCADA files are published at. */
function atScadaResolution(t: SeriesTable): SeriesTable {
  return { ...t, rows: t.rows.map((r) => r.map((v) => Math.round(v * 100) / 100)), decimals: new Int8Array(t.columns.length).fill(2) };
}

/** False-alarm rows within AFTERMATH_ROWS after an attack, and elsewhere. */
function falseAlarmRows(labels: Int8Array, alert: Uint8Array): { aftermath: number; elsewhere: number } {
  let since = Infinity;
  const out = { aftermath: 0, elsewhere: 0 };
  for (let i = 0; i < labels.length; i++) {
    since = labels[i] === 1 ? 0 : since + 1;
    if (labels[i] !== 0 || alert[i] !== 1) continue;
    if (since <= AFTERMATH_ROWS) out.aftermath++;
    else out.elsewhere++;
  }
  return out;
}

/** Alerts that concern rows start..end: one already open at the start plus every new alert raised inside. */
function alertsDuring(alert: Uint8Array, opened: Uint8Array, start: number, end: number): number {
  let n = alert[start] === 1 && opened[start] !== 1 ? 1 : 0;
  for (let i = start; i <= end; i++) if (opened[i] === 1) n++;
  return n;
}

function evaluate(year: SeriesTable, groups: TankGroup[], controls: readonly ControlRule[], variant: SeriesTrainingOptions['detector']): Totals {
  const detector = { controls, ...variant };
  const t: Totals = { s: 0, sTtd: 0, sCm: 0, tpr: 0, tnr: 0, aftermath: 0, elsewhere: 0, detected: 0, attacks: 0, alerts: 0, runs: 0, missed: [], perKind: new Map() };
  const resolution = Object.fromEntries(year.columns.map((c) => [c, 0.01]));
  const n = year.rows.length;
  for (const [from, to] of FOLDS) {
    const [a, b] = [Math.round(from * n), Math.round(to * n)];
    const trained = trainOnSeries(a === 0 ? slice(year, b, n) : slice(year, 0, a), { resolution, detector }).snapshot();
    for (const seed of SEEDS) {
      const injected = injectAttacks(slice(year, a, b), groups, ATTACK_KINDS, seededRandom(seed * 7919 + a));
      const scores = scoreSeries(ProcessDetector.restore(JSON.parse(JSON.stringify(trained))), injected.table);
      const m = scoreDetections(injected.labels, scores.alert);
      const fp = falseAlarmRows(injected.labels, scores.alert);
      Object.assign(t, { s: t.s + m.s, sTtd: t.sTtd + m.sTtd, sCm: t.sCm + m.sCm, tpr: t.tpr + m.tpr, tnr: t.tnr + m.tnr });
      t.aftermath += fp.aftermath;
      t.elsewhere += fp.elsewhere;
      t.runs++;
      m.attacks.forEach((at, k) => {
        const kind = injected.attacks[k]!.kind;
        const perKind = t.perKind.get(kind) ?? { ttd: 0, n: 0 };
        perKind.ttd += at.timeToDetectRows / at.durationRows;
        perKind.n++;
        t.perKind.set(kind, perKind);
        t.attacks++;
        t.alerts += alertsDuring(scores.alert, scores.opened, at.start, at.end);
        if (at.detected) t.detected++;
        else t.missed.push(kind);
      });
    }
  }
  return t;
}

function line(name: string, t: Totals): string {
  const f = (v: number) => (v / t.runs).toFixed(3);
  const missed = [...new Set(t.missed)].map((k) => `${k} ×${t.missed.filter((x) => x === k).length}`).join(', ');
  return `| ${name} | ${f(t.s)} | ${f(t.sTtd)} | ${f(t.sCm)} | ${f(t.tpr)} | ${f(t.tnr)} | ${(t.aftermath / t.runs).toFixed(0)} | ${(t.elsewhere / t.runs).toFixed(0)} | ${t.detected}/${t.attacks} | ${(t.alerts / t.attacks).toFixed(2)} | ${missed || '—'} |`;
}

function main(): void {
  const file = join(dataDir, 'BATADAL_dataset03.csv');
  if (!existsSync(file) || !existsSync(join(dataDir, 'CTOWN.INP'))) {
    console.log(`skipped: BATADAL_dataset03.csv and CTOWN.INP not found in ${dataDir} (pass the BATADAL folder as the first argument)`);
    return;
  }
  const year = atScadaResolution(readSeriesCsv(readFileSync(file, 'utf8'), file, { timeColumn: 'DATETIME', labelColumn: 'ATT_FLAG' }));
  const groups = readTankGroups(readFileSync(join(dataDir, 'CTOWN.INP'), 'utf8'));
  const rules = ctownControlRules(dataDir, year.columns);
  const lines: string[] = [];
  let perKind = '';
  for (const [name, detector] of Object.entries(VARIANTS)) {
    const t = evaluate(year, groups, rules, detector);
    lines.push(line(name, t));
    console.log(lines[lines.length - 1]);
    if (perKind === '') perKind = [...t.perKind.entries()].map(([k, v]) => `${k} ${(v.ttd / v.n).toFixed(2)}`).join(', ');
  }
  writeFileSync(join(import.meta.dirname, 'VALIDATION.md'), render(lines, perKind));
}

function render(lines: readonly string[], perKind: string): string {
  return `# Validation on dataset03 alone — how the defaults were chosen

Command: \`npx tsx bench/detect-batadal/validate.ts [batadal folder]\`. No dataset04 row is read.

Two folds over 2014 (train on the first 66 % and hold out the rest; train on the last 66 % and hold out
the first 34 %; within training, the last ${25} % calibrates). Readings are rounded to 2 decimals, the
resolution BATADAL's SCADA files are published at. Into each held-out block, 7 synthetic attacks of
24–100 h are injected (3 seeds), one per class the data README names (\`synthetic-attacks.ts\`):
a pump or valve forced off, forced on, or slowed to 70 % (the tank level follows by mass balance, with
C-Town's tank diameters from CTOWN.INP, and recovers over 12 h afterwards); a tank group's level, flows
and states replayed from a week before; a tank level offset by 0.4–1 m; frozen; or drifting by up to 1.5 m.
The synthetic attacks move only the signals they touch (pressures do not follow), so this is a guide
for choices, not a prediction of the dataset04 score. Values are means over 6 runs. Every variant but the
one without them is given C-Town's level controls from CTOWN.INP as control rules, as the benchmark's detector is.

| variant | S | S_TTD | S_CM | TPR | TNR | false-alarm rows within 48 h after an attack (per run) | false-alarm rows elsewhere (per run) | attacks detected | alerts per attack | missed |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

Mean TTD / duration per attack class (default configuration): ${perKind}.

Choices made on this table and kept: channels normalised at their 99.9th percentile on baseline rows; a
1 % false-alarm budget; an alarm opens on 2 of 3 samples (or one at twice the threshold), stays open while
non-lagging evidence stays above 0.8 × threshold, closes after 3 quiet samples, and a reopening within
12 samples continues the same alert. Models that add little on these synthetic attacks (the autoencoder
ensemble, switch levels) stay in: they cost little, explain what they see, and target attack forms the
synthetic set does not model (setpoint changes, physical effects on pressures). The control rules from the network
model stay in: they add S with no added false alarm, and without the cross-signal regression they are what still
catches most offset and drifting levels (a spoofed reading crosses a control level while the pumps do not react).
`;
}

main();
