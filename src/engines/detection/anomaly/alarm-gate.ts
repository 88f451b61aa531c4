// Turns a stream of scores into alarms an operator can bear: an alarm opens on persistent evidence
// (or one overwhelming sample), stays open while evidence continues (hysteresis: a lower bar to
// stay open than to open), and closes only after a quiet spell — so one attack raises one alert.
import { quantile } from './robust-stats.js';

/** How evidence becomes an alarm. Counts are in samples. */
export interface GateOptions {
  /** Samples above the threshold needed within `window` samples to open an alarm. */
  readonly openAfter: number;
  readonly window: number;
  /** One sample at or above `instantFactor` × threshold opens an alarm at once. */
  readonly instantFactor: number;
  /** While open, a sample at or above `holdFactor` × threshold counts as continuing evidence. */
  readonly holdFactor: number;
  /** Consecutive samples without continuing evidence that close an open alarm. */
  readonly closeAfter: number;
  /** An alarm that reopens within this many samples of closing continues the same alert (no new `opened`). */
  readonly rejoinWithin: number;
}

/** What the gate decided for one sample. */
export interface GateStep {
  readonly alarm: boolean;
  readonly opened: boolean;
  readonly closed: boolean;
  /** The alarm reopened soon after closing: the same alert continues. */
  readonly resumed: boolean;
}

/** JSON form of the gate's streaming state. */
export interface GateState {
  open: boolean;
  hot: number;
  quiet: number;
  sinceClose: number;
}

/** Persistence-and-hysteresis alarm state machine over one score stream. */
export class AlarmGate {
  private open = false;
  /** Bit i set when the sample i steps ago was above the threshold. */
  private hot = 0;
  private quiet = 0;
  /** Samples since the last alarm closed (large when none has). */
  private sinceClose = Number.MAX_SAFE_INTEGER;

  constructor(
    readonly options: GateOptions,
    public threshold: number,
  ) {}

  /**
   * Feeds one score; returns whether an alarm is open and whether it opened or closed now.
   * `holdScore` (default: `score`) is the evidence that keeps an open alarm open; callers pass the
   * score without slow-decaying channels so an alarm does not outlive its cause by their memory.
   */
  step(score: number, holdScore = score): GateStep {
    const o = this.options;
    const mask = o.window >= 31 ? 0x7fffffff : (1 << o.window) - 1;
    this.hot = ((this.hot << 1) | (score >= this.threshold ? 1 : 0)) & mask;
    if (!this.open) {
      this.sinceClose++;
      if (score >= o.instantFactor * this.threshold || popcount(this.hot) >= o.openAfter) {
        this.open = true;
        this.quiet = 0;
        const resumed = this.sinceClose <= o.rejoinWithin;
        return { alarm: true, opened: !resumed, closed: false, resumed };
      }
      return NONE;
    }
    this.quiet = holdScore >= o.holdFactor * this.threshold ? 0 : this.quiet + 1;
    if (this.quiet >= o.closeAfter) {
      this.open = false;
      this.hot = 0;
      this.sinceClose = 0;
      return CLOSED;
    }
    return OPEN;
  }

  /** Whether an alarm is open now. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Forgets all evidence. */
  reset(): void {
    this.open = false;
    this.hot = 0;
    this.quiet = 0;
    this.sinceClose = Number.MAX_SAFE_INTEGER;
  }

  state(): GateState {
    return { open: this.open, hot: this.hot, quiet: this.quiet, sinceClose: this.sinceClose };
  }

  restore(state: GateState): void {
    this.open = state.open;
    this.hot = state.hot;
    this.quiet = state.quiet;
    this.sinceClose = state.sinceClose;
  }
}

const NONE: GateStep = Object.freeze({ alarm: false, opened: false, closed: false, resumed: false });
const OPEN: GateStep = Object.freeze({ alarm: true, opened: false, closed: false, resumed: false });
const CLOSED: GateStep = Object.freeze({ alarm: false, opened: false, closed: true, resumed: false });

function popcount(v: number): number {
  let c = 0;
  for (let x = v; x !== 0; x &= x - 1) c++;
  return c;
}

/** Fraction of samples a gate with this threshold keeps in alarm over `scores` (and `holdScores`). */
export function alarmFraction(scores: ArrayLike<number>, options: GateOptions, threshold: number, holdScores: ArrayLike<number> = scores): number {
  const gate = new AlarmGate(options, threshold);
  let alarms = 0;
  for (let i = 0; i < scores.length; i++) if (gate.step(scores[i]!, holdScores[i]!).alarm) alarms++;
  return scores.length === 0 ? 0 : alarms / scores.length;
}

/**
 * The lowest threshold whose alarms cover at most `budget` of the (normal) baseline samples, never
 * below `floor`. Searched over the baseline's own score quantiles, highest first.
 */
export function calibrateThreshold(scores: Float64Array, options: GateOptions, budget: number, floor: number, holdScores: Float64Array = scores): number {
  const sorted = Float64Array.from(scores).sort();
  let hi = sorted.length > 0 ? sorted[sorted.length - 1]! * 1.000001 + 1e-12 : floor;
  let lo = Math.max(floor, quantile(sorted, 0.5));
  if (lo >= hi || alarmFraction(scores, options, lo, holdScores) <= budget) return Math.max(lo, floor);
  for (let i = 0; i < 50 && hi - lo > 1e-6 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (alarmFraction(scores, options, mid, holdScores) <= budget) hi = mid;
    else lo = mid;
  }
  return Math.max(hi, floor);
}
