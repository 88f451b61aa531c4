// The fitted models of one detector, scored together: the combined score is the largest normalised
// channel of any model; the hold score is the same without lagging channels (see AlarmGate.step).
import { scaleDepartures, type ExplainContext, type ScoringModel } from './scoring-model.js';
import type { Departure, RawDeparture } from './departure.js';
import type { FeatureFrame } from './feature-frame.js';

/** Models plus the per-model channel buffers they write into. */
export class ModelEnsemble {
  private readonly channels: Float64Array[];
  /** Hold score of the last `score` call. */
  holdScore = 0;

  constructor(readonly models: readonly ScoringModel[]) {
    this.channels = models.map((m) => new Float64Array(m.calibration.floors.length));
  }

  /** Scores the frame with every model (advancing their state); returns the combined score. */
  score(frame: FeatureFrame): number {
    let score = 0;
    let hold = 0;
    for (let m = 0; m < this.models.length; m++) {
      const channels = this.channels[m]!;
      const lagging = this.models[m]!.calibration.lagging;
      this.models[m]!.measure(frame, channels);
      for (let c = 0; c < channels.length; c++) {
        const v = channels[c]!;
        if (v > score) score = v;
        if (v > hold && lagging[c] !== true) hold = v;
      }
    }
    this.holdScore = hold;
    return score;
  }

  /** Measures the frame and records each model's raw channels for calibration. */
  record(frame: FeatureFrame): void {
    this.models.forEach((model, m) => {
      model.measure(frame, this.channels[m]!);
      model.calibration.record(this.channels[m]!);
    });
  }

  /** Raises per-signal contributions for the frame last scored. */
  contribute(frame: FeatureFrame, contrib: Float64Array): void {
    for (const model of this.models) model.contribute(frame, contrib);
  }

  /** Departures of the frame last scored, strengths in units of `threshold`, at least `minimum` strong. */
  explain(frame: FeatureFrame, context: ExplainContext, threshold: number, minimum: number): Departure[] {
    const all: Departure[] = [];
    for (const model of this.models) {
      const raw: RawDeparture[] = [];
      model.explain(frame, context, raw, minimum * threshold);
      for (const d of scaleDepartures(raw, model.calibration)) all.push({ ...d, strength: d.strength / threshold });
    }
    return all;
  }

  /** Clears every model's streaming state. */
  resetState(): void {
    for (const m of this.models) m.resetState();
  }

  /** The regression model's learned drivers of signal j, if that model is present. */
  drivers(j: number): readonly number[] {
    const regression = this.models.find((m) => m.name === 'cross-signal-regression') as { drivers?: (j: number) => readonly number[] } | undefined;
    return regression?.drivers?.(j) ?? [];
  }
}
