// The contract every model of a ProcessDetector follows, and the per-channel calibration they share.
// A model scores the current FeatureFrame on a few channels (e.g. "instant" and "sustained" residuals);
// each channel is divided by its own calibrated level so that 1 means "as far as normal data goes".
import type { Departure, RawDeparture } from './departure.js';
import { FeatureFrame as FeatureFrameClass, type FeatureFrame } from './feature-frame.js';
import type { SignalInfo } from './signal-catalog.js';
import { quantile } from './robust-stats.js';

/** Rows a model learns from, in time order. `times` holds NaN where a row has no time. */
export interface LearningSet {
  readonly signals: readonly SignalInfo[];
  readonly rows: readonly Float64Array[];
  readonly times: Float64Array;
  /** Per-signal change below which a reading counts as not moving. */
  readonly tolerance: Float64Array;
}

/** Context an explanation may use: which signals (by the learned physics) drive a given one. */
export interface ExplainContext {
  readonly signals: readonly SignalInfo[];
  /** Indices of the signals that most drive signal `j`, strongest first. */
  drivers(j: number): readonly number[];
}

/** A fitted model of normal behaviour that scores one sample at a time. */
export interface ScoringModel {
  /** Stable name, used in snapshots. */
  readonly name: string;
  /** Per-channel divisors; 1 until calibrated. */
  readonly calibration: ChannelCalibration;
  /** Scores the current frame (advancing any streaming state): each channel's largest normalised value into `channels`. */
  measure(frame: FeatureFrame, channels: Float64Array): void;
  /** Raises `contrib[j]` to signal j's largest normalised value for the frame last measured, without changing state. */
  contribute(frame: FeatureFrame, contrib: Float64Array): void;
  /**
   * Appends departures of the frame last passed to `measure` whose normalised value (raw ÷ channel
   * divisor) reaches `minimum`; raw values are in `measure`'s units before normalisation.
   */
  explain(frame: FeatureFrame, context: ExplainContext, out: RawDeparture[], minimum: number): void;
  /** Clears streaming state (running averages) before a series restarts. */
  resetState(): void;
  /** Streaming state for snapshots; null when the model keeps none. */
  state(): number[] | null;
  /** Restores streaming state from `state()`. */
  restoreState(state: number[] | null): void;
  /** Fitted parameters for snapshots. */
  toJSON(): ModelJson;
}

/**
 * A model that keeps no streaming state: its fitted parameters `p` and its calibration are all it is,
 * so resetting, state, restoring and its snapshot form are the same for every such model.
 */
export abstract class StatelessModel<P extends object> implements ScoringModel {
  abstract readonly name: string;
  readonly calibration: ChannelCalibration;

  constructor(
    readonly p: P,
    floors: readonly number[],
    divisors?: ArrayLike<number>,
  ) {
    this.calibration = new ChannelCalibration(floors, divisors);
  }

  abstract measure(frame: FeatureFrame, channels: Float64Array): void;
  abstract contribute(frame: FeatureFrame, contrib: Float64Array): void;
  abstract explain(frame: FeatureFrame, context: ExplainContext, out: RawDeparture[], minimum: number): void;

  resetState(): void {}

  state(): null {
    return null;
  }

  restoreState(): void {}

  toJSON(): ModelJson {
    return { name: this.name, divisors: Array.from(this.calibration.divisors), params: Object.fromEntries(Object.entries(this.p)) };
  }
}

/** Serialised model: its name, its parameters and its channel divisors. */
export interface ModelJson {
  readonly name: string;
  readonly divisors: number[];
  readonly params: Record<string, unknown>;
}

/**
 * Per-channel divisors: the `level` quantile of a channel's raw values on baseline data, never below
 * the channel's floor (a channel that is zero on nearly all normal rows would otherwise divide by 0).
 */
export class ChannelCalibration {
  readonly divisors: Float64Array;
  private samples: number[][] = [];

  /**
   * @param floors per-channel divisor floors
   * @param lagging per channel, true when its evidence outlives its cause (a moving average): such a
   *   channel may open an alarm but not hold one open
   */
  constructor(
    readonly floors: readonly number[],
    divisors?: ArrayLike<number>,
    readonly lagging: readonly boolean[] = [],
  ) {
    this.divisors = divisors ? Float64Array.from(divisors) : new Float64Array(floors.length).fill(1);
  }

  /** Starts collecting raw channel values; divisors become 1 so `measure` reports raw values. */
  begin(): void {
    this.samples = this.floors.map(() => []);
    this.divisors.fill(1);
  }

  /** Records one baseline row's raw channel values. */
  record(channels: Float64Array): void {
    for (let c = 0; c < this.floors.length; c++) this.samples[c]!.push(channels[c]!);
  }

  /** True when `raw` on `channel` normalises to at least `minimum`. */
  reaches(channel: number, raw: number, minimum: number): boolean {
    return raw >= minimum * this.divisors[channel]!;
  }

  /** Sets the divisors from the recorded rows. */
  finish(level: number): void {
    for (let c = 0; c < this.floors.length; c++) {
      const q = quantile(this.samples[c]!, level);
      this.divisors[c] = Math.max(Number.isFinite(q) ? q : 0, this.floors[c]!);
    }
    this.samples = [];
  }
}

/** Scales raw departures to normalised strength with the divisor of their channel. */
export function scaleDepartures(raw: readonly RawDeparture[], calibration: ChannelCalibration): Departure[] {
  return raw.map(({ raw: value, channel, ...rest }) => ({ ...rest, strength: value / calibration.divisors[channel]! }));
}

/** Replays the learning rows through a fresh FeatureFrame, calling `visit` after each row. */
export function forEachFrame(set: LearningSet, visit: (frame: FeatureFrame, i: number) => void): void {
  const frame = new FeatureFrameClass(set.signals.length, Float64Array.from(set.tolerance));
  for (let i = 0; i < set.rows.length; i++) {
    frame.push(set.rows[i]!, set.times[i]);
    visit(frame, i);
  }
}
