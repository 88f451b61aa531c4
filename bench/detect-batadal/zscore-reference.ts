// Reference detector for the benchmark: each signal's distance from its learning mean in standard
// deviations, the largest over signals as the score, with the same calibration (baseline rows,
// false-alarm budget) and alarm gate as the real detector — so the table isolates what the models add.
import { AlarmGate, calibrateThreshold, DEFAULTS, type SeriesTable } from '../../src/engines/detection/anomaly/index.js';

/** Per-signal z-score detector; `observe` scores one row at a time. */
export class ZScoreReference {
  private readonly mean: Float64Array;
  private readonly scale: Float64Array;
  private readonly gate: AlarmGate;

  constructor(train: SeriesTable, holdoutFraction: number, budget = DEFAULTS.falseAlarmBudget) {
    const n = train.rows.length;
    const learn = train.rows.slice(0, n - Math.round(n * holdoutFraction));
    const width = train.columns.length;
    this.mean = new Float64Array(width);
    this.scale = new Float64Array(width);
    for (let j = 0; j < width; j++) {
      const m = learn.reduce((s, r) => s + r[j]!, 0) / learn.length;
      const sd = Math.sqrt(learn.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / learn.length);
      this.mean[j] = m;
      this.scale[j] = sd > 0 ? sd : 0; // constant signals are ignored
    }
    const baseline = Float64Array.from(train.rows.slice(learn.length), (r) => this.score(r));
    this.gate = new AlarmGate(DEFAULTS.gate, calibrateThreshold(baseline, DEFAULTS.gate, budget, 1e-9));
  }

  /** Largest |z| over the signals that varied during learning. */
  score(values: ArrayLike<number>): number {
    let best = 0;
    for (let j = 0; j < this.mean.length; j++) {
      if (this.scale[j] === 0) continue;
      const z = Math.abs(values[j]! - this.mean[j]!) / this.scale[j]!;
      if (z > best) best = z;
    }
    return best;
  }

  /** Scores one row and advances the alarm gate. */
  observe(values: ArrayLike<number>): { score: number; alarm: boolean; opened: boolean } {
    const score = this.score(values);
    const step = this.gate.step(score);
    return { score: score / this.gate.threshold, alarm: step.alarm, opened: step.opened };
  }
}
