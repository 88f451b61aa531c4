// Configuration of a ProcessDetector: which signals, how long each lifecycle phase lasts, the
// false-alarm budget and the knobs of each model, with defaults chosen on BATADAL dataset03 alone
// (bench/detect-batadal/validate.ts) and by reasoning, never on the data the benchmark reports.
import type { GateOptions } from './alarm-gate.js';
import type { EnsembleOptions } from './autoencoder-ensemble.js';
import type { ControlRule } from './control-rules.js';
import { invalidDetectorConfig } from './errors.js';
import type { PcaOptions } from './pca-residual.js';
import type { SignalLabel } from './signal-catalog.js';

/** The models a detector may combine. */
export type ModelName = 'signal-envelope' | 'state-consistency' | 'switch-levels' | 'control-rules' | 'cross-signal-regression' | 'pca-residual' | 'autoencoder-ensemble';

/** Every model, in the order they are fitted and reported. */
export const ALL_MODELS: readonly ModelName[] = ['signal-envelope', 'state-consistency', 'switch-levels', 'control-rules', 'cross-signal-regression', 'pca-residual', 'autoencoder-ensemble'];

/** What the caller configures; everything but `signals` has a default. */
export interface ProcessDetectorConfig {
  /** Signal (column) names, in the order `observe` receives values. */
  readonly signals: readonly string[];
  /** Words and roles for explanations, by signal name; inferred from names when absent. */
  readonly labels?: Readonly<Record<string, SignalLabel>>;
  /** Samples collected before the models are fitted. */
  readonly learningSamples: number;
  /** Samples after learning that calibrate scores and the alarm threshold; nothing is raised meanwhile. */
  readonly baselineSamples: number;
  /** Fraction of normal (baseline) samples the alarms may cover. */
  readonly falseAlarmBudget?: number;
  /** Smallest change each signal can show (sensor resolution), by name; floors every scale. */
  readonly resolution?: Readonly<Record<string, number>>;
  readonly models?: readonly ModelName[];
  /** The process's written control logic (e.g. from its EPANET model or PLC setpoints); none by default. */
  readonly controls?: readonly ControlRule[];
  readonly gate?: Partial<GateOptions>;
  readonly ensemble?: Partial<EnsembleOptions>;
  readonly pca?: Partial<PcaOptions>;
  /** Quantile of baseline values that each model channel is divided by (1 = that level). */
  readonly channelLevel?: number;
  /**
   * Judge each reading against where it usually sits at this hour of day (default true). Worth it
   * when learning spans many days; with a week of minute samples each hour has seen only seven days.
   */
  readonly hourOfDay?: boolean;
}

/** A configuration with every default filled in. */
export interface ResolvedConfig {
  readonly signals: readonly string[];
  readonly labels: Readonly<Record<string, SignalLabel>>;
  readonly learningSamples: number;
  readonly baselineSamples: number;
  readonly falseAlarmBudget: number;
  readonly resolution: Readonly<Record<string, number>>;
  readonly models: readonly ModelName[];
  readonly controls: readonly ControlRule[];
  readonly gate: GateOptions;
  readonly ensemble: EnsembleOptions;
  readonly pca: PcaOptions;
  readonly channelLevel: number;
  readonly hourOfDay: boolean;
}

/** Defaults: see bench/detect-batadal/RESULTS.md for how they were chosen. */
export const DEFAULTS = {
  falseAlarmBudget: 0.01,
  gate: { openAfter: 2, window: 3, instantFactor: 2, holdFactor: 0.8, closeAfter: 3, rejoinWithin: 12 } satisfies GateOptions,
  ensemble: { maxClusterSize: 10, hiddenRatio: 0.75, epochs: 10, learningRate: 0.05, seed: 1, withChanges: false } satisfies EnsembleOptions,
  pca: { varianceKept: 0.99, withChanges: false } satisfies PcaOptions,
  channelLevel: 0.999,
  hourOfDay: true,
} as const;

/** Fills defaults and rejects configurations the detector cannot run. */
export function resolveConfig(config: ProcessDetectorConfig): ResolvedConfig {
  const names = new Set(config.signals);
  if (config.signals.length === 0) throw invalidDetectorConfig('no signals');
  if (names.size !== config.signals.length) throw invalidDetectorConfig('signal names must be unique');
  if (!Number.isInteger(config.learningSamples) || config.learningSamples < 24) throw invalidDetectorConfig('learningSamples must be an integer ≥ 24');
  if (!Number.isInteger(config.baselineSamples) || config.baselineSamples < 24) throw invalidDetectorConfig('baselineSamples must be an integer ≥ 24');
  const resolved: ResolvedConfig = {
    signals: [...config.signals],
    labels: config.labels ?? {},
    learningSamples: config.learningSamples,
    baselineSamples: config.baselineSamples,
    falseAlarmBudget: config.falseAlarmBudget ?? DEFAULTS.falseAlarmBudget,
    resolution: config.resolution ?? {},
    models: config.models ?? ALL_MODELS,
    controls: config.controls ?? [],
    gate: { ...DEFAULTS.gate, ...config.gate },
    ensemble: { ...DEFAULTS.ensemble, ...config.ensemble },
    pca: { ...DEFAULTS.pca, ...config.pca },
    channelLevel: config.channelLevel ?? DEFAULTS.channelLevel,
    hourOfDay: config.hourOfDay ?? DEFAULTS.hourOfDay,
  };
  if (!(resolved.falseAlarmBudget >= 0 && resolved.falseAlarmBudget < 1)) throw invalidDetectorConfig('falseAlarmBudget must be in [0, 1)');
  if (resolved.models.length === 0 || resolved.models.some((m) => !ALL_MODELS.includes(m))) throw invalidDetectorConfig(`models must be a non-empty subset of ${ALL_MODELS.join(', ')}`);
  for (const r of resolved.controls) {
    const problem = controlRuleProblem(r, names);
    if (problem !== null) throw invalidDetectorConfig(`control rule ${r.source}: ${problem}`);
  }
  const g = resolved.gate;
  if (!(g.window >= 1 && g.window <= 31 && g.openAfter >= 1 && g.openAfter <= g.window && g.closeAfter >= 1 && g.rejoinWithin >= 0)) throw invalidDetectorConfig('gate needs 1 ≤ openAfter ≤ window ≤ 31, closeAfter ≥ 1 and rejoinWithin ≥ 0');
  return resolved;
}

function controlRuleProblem(r: ControlRule, names: ReadonlySet<string>): string | null {
  if (!names.has(r.status)) return `unknown status signal "${r.status}"`;
  if (!names.has(r.reading)) return `unknown reading signal "${r.reading}"`;
  if (r.state !== 0 && r.state !== 1) return 'state must be 0 or 1';
  if (r.when !== 'below' && r.when !== 'above') return 'when must be "below" or "above"';
  if (!Number.isFinite(r.threshold)) return 'threshold must be a finite number';
  return null;
}
