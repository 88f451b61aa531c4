// The two batch steps of a detector's lifecycle: fitting the models when learning ends, and
// calibrating channels and the alarm threshold when the baseline ends.
import { calibrateThreshold } from './alarm-gate.js';
import type { ResolvedConfig } from './detector-config.js';
import { FeatureFrame } from './feature-frame.js';
import { ModelEnsemble } from './model-ensemble.js';
import { fitModels } from './model-factory.js';
import { maxOf, median, minOf } from './robust-stats.js';
import type { LearningSet } from './scoring-model.js';
import { catalogSignals, type SignalInfo } from './signal-catalog.js';

/** What learning produced. */
export interface FittedProcess {
  readonly signals: SignalInfo[];
  /** Per-signal change below which a reading counts as not moving. */
  readonly tolerance: Float64Array;
  /** Median interval between learning samples in ms; NaN when samples carry no time. */
  readonly intervalMs: number;
  readonly ensemble: ModelEnsemble;
}

/** Catalogues the signals and fits every configured model on the learning samples. */
export function fitProcess(config: ResolvedConfig, rows: readonly Float64Array[], times: readonly number[]): FittedProcess {
  const names = config.signals;
  const signals = catalogSignals(names, rows, config.labels);
  const resolution = Float64Array.from(names, (n) => config.resolution[n] ?? 0);
  const tolerance = Float64Array.from(signals, (s, j) => {
    if (s.kind === 'binary') return 0;
    const col = rows.map((r) => r[j]!);
    return Math.max(resolution[j]!, 1e-3 * (maxOf(col) - minOf(col)));
  });
  const set: LearningSet = { signals, rows, times: Float64Array.from(times), tolerance };
  return { signals, tolerance, intervalMs: typicalInterval(times), ensemble: new ModelEnsemble(fitModels(config, set, resolution)) };
}

/** A sample with its time (NaN when unknown). */
export interface TimedSample {
  readonly row: Float64Array;
  readonly time: number;
}

/**
 * Calibrates on the baseline samples (replayed after `prime`, the last learning sample): first each
 * model's channel divisors, then the alarm threshold that keeps alarms within the budget. Returns the
 * threshold and the frame positioned on the last baseline sample, models' state matching it.
 */
export function calibrateProcess(config: ResolvedConfig, fitted: FittedProcess, prime: TimedSample, rows: readonly Float64Array[], times: readonly number[]): { threshold: number; frame: FeatureFrame } {
  const { ensemble } = fitted;
  for (const m of ensemble.models) m.calibration.begin();
  replay(fitted, prime, rows, times, (frame) => ensemble.record(frame));
  for (const m of ensemble.models) m.calibration.finish(config.channelLevel);
  const scores = new Float64Array(rows.length);
  const holds = new Float64Array(rows.length);
  const frame = replay(fitted, prime, rows, times, (f, i) => {
    scores[i] = ensemble.score(f);
    holds[i] = ensemble.holdScore;
  });
  return { threshold: calibrateThreshold(scores, config.gate, config.falseAlarmBudget, 1, holds), frame };
}

function replay(fitted: FittedProcess, prime: TimedSample, rows: readonly Float64Array[], times: readonly number[], visit: (frame: FeatureFrame, i: number) => void): FeatureFrame {
  fitted.ensemble.resetState();
  const frame = new FeatureFrame(fitted.tolerance.length, Float64Array.from(fitted.tolerance));
  frame.push(prime.row, prime.time);
  rows.forEach((row, i) => {
    frame.push(row, times[i]);
    visit(frame, i);
  });
  return frame;
}

function typicalInterval(times: readonly number[]): number {
  const steps: number[] = [];
  for (let i = 1; i < times.length; i++) if (times[i]! > times[i - 1]!) steps.push(times[i]! - times[i - 1]!);
  return steps.length === 0 ? Number.NaN : median(steps);
}
