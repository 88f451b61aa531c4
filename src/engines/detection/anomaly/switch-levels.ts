// The control logic at its switching points: the readings at which each on/off device switched on
// and off during learning (a pump starts when its tank falls below some level and stops above
// another). A switch at a reading outside those ranges means a changed setpoint or a spoofed reading.
import { formatValue, stateWords, type RawDeparture } from './departure.js';
import type { FeatureFrame } from './feature-frame.js';
import { column, maxOf, median, minOf, robustScale } from './robust-stats.js';
import { StatelessModel, type ExplainContext, type LearningSet } from './scoring-model.js';

/** One robust scale outside the learned switching range counts 1. */
const FLOORS = [1];
/** Switches of each direction needed before their range is trusted. */
const MIN_SWITCHES = 8;
/** Kept only for readings whose median differs between the two states by this many robust scales. */
const MIN_EFFECT = 1;

/** Fitted parameters, parallel arrays: device, reading, direction (1 = switched on), range, scale. */
export interface SwitchParams {
  status: number[];
  reading: number[];
  direction: number[];
  lo: number[];
  hi: number[];
  scale: number[];
}

/** Learns, for every on/off signal and every reading it clearly moves, where it switches. */
export function fitSwitchLevels(set: LearningSet, resolution: ArrayLike<number>): SwitchLevels {
  const p: SwitchParams = { status: [], reading: [], direction: [], lo: [], hi: [], scale: [] };
  const sig = set.signals;
  for (let b = 0; b < sig.length; b++) {
    if (sig[b]!.kind !== 'binary' || sig[b]!.constant) continue;
    const state = column(set.rows, b);
    for (let c = 0; c < sig.length; c++) {
      if (sig[c]!.kind !== 'continuous' || sig[c]!.constant) continue;
      const x = column(set.rows, c);
      const scale = robustScale(x, Math.max(resolution[c] ?? 0, 1e-9));
      const on = x.filter((_, i) => state[i] === 1);
      const off = x.filter((_, i) => state[i] === 0);
      if (on.length === 0 || off.length === 0 || Math.abs(median(on) - median(off)) < MIN_EFFECT * scale) continue;
      for (const direction of [1, -1]) {
        const at = x.filter((_, i) => i > 0 && state[i]! - state[i - 1]! === direction);
        if (at.length < MIN_SWITCHES) continue;
        p.status.push(b);
        p.reading.push(c);
        p.direction.push(direction);
        p.lo.push(minOf(at));
        p.hi.push(maxOf(at));
        p.scale.push(scale);
      }
    }
  }
  return new SwitchLevels(p);
}

/** Scores switches that happen at readings they never happened at during learning. */
export class SwitchLevels extends StatelessModel<SwitchParams> {
  readonly name = 'switch-levels';

  constructor(p: SwitchParams, divisors?: ArrayLike<number>) {
    super(p, FLOORS, divisors);
  }

  /** Raw departure of entry k at this frame: 0 unless its device just switched in its direction. */
  private rawOf(frame: FeatureFrame, k: number): number {
    const p = this.p;
    if (frame.rows < 2 || frame.dx[p.status[k]!] !== p.direction[k]) return 0;
    const x = frame.x[p.reading[k]!]!;
    return Math.max(0, x - p.hi[k]!, p.lo[k]! - x) / p.scale[k]!;
  }

  measure(frame: FeatureFrame, channels: Float64Array): void {
    this.scan(frame, channels, null);
  }

  contribute(frame: FeatureFrame, contrib: Float64Array): void {
    this.scan(frame, this.scratch, contrib);
  }

  private readonly scratch = new Float64Array(FLOORS.length);

  private scan(frame: FeatureFrame, channels: Float64Array, contrib: Float64Array | null): void {
    channels[0] = 0;
    const div = this.calibration.divisors[0]!;
    for (let k = 0; k < this.p.status.length; k++) {
      const raw = this.rawOf(frame, k);
      if (raw === 0) continue;
      const v = raw / div;
      if (v > channels[0]!) channels[0] = v;
      if (contrib === null) continue;
      for (const j of [this.p.status[k]!, this.p.reading[k]!]) if (v > contrib[j]!) contrib[j] = v;
    }
  }

  explain(frame: FeatureFrame, context: ExplainContext, out: RawDeparture[], minimum: number): void {
    const p = this.p;
    for (let k = 0; k < p.status.length; k++) {
      const raw = this.rawOf(frame, k);
      if (raw === 0 || !this.calibration.reaches(0, raw, minimum)) continue;
      const b = context.signals[p.status[k]!]!;
      const c = context.signals[p.reading[k]!]!;
      const x = frame.x[p.reading[k]!]!;
      const now = stateWords(b, p.direction[k] === 1);
      const range = `${formatValue(p.lo[k]!, c.unit)} and ${formatValue(p.hi[k]!, c.unit)}`;
      const text = `${b.asset} switched ${p.direction[k] === 1 ? 'on' : 'off'} (now ${now}) while ${c.label} read ${formatValue(x, c.unit)}; during learning it only did so with ${c.label} between ${range}: its setpoint may have been changed or the reading spoofed`;
      out.push({ signal: c.name, kind: 'control-conflict', raw, channel: 0, observed: x, expected: x > p.hi[k]! ? p.hi[k]! : p.lo[k]!, text });
    }
  }
}
