// The streaming view of one process at the current sample: values, one-step changes, hour of day
// and run lengths. It is the only per-row state the models read; it snapshots to plain JSON.

const HOUR_MS = 3_600_000;

/** JSON form of a frame's streaming state. */
export interface FrameState {
  readonly rows: number;
  readonly last: number[];
  readonly run: number[];
  readonly flatRun: number[];
}

/** Current sample of a process plus what the models need from its recent past. */
export class FeatureFrame {
  /** Values of the current sample, in signal order. */
  readonly x: Float64Array;
  /** Values of the previous sample (equal to `x` on the first sample). */
  readonly prev: Float64Array;
  /** x − prev. */
  readonly dx: Float64Array;
  /** Samples the signal has kept its current value (binary) — 1 on a change. */
  readonly run: Float64Array;
  /** Consecutive samples whose change stayed within the signal's flat tolerance. */
  readonly flatRun: Float64Array;
  /** Hour of day 0–23 (UTC) of the current sample, or −1 when the sample carries no time. */
  hour = -1;
  /** Samples seen since the frame started. */
  rows = 0;
  private readonly flatTolerance: Float64Array;

  constructor(width: number, flatTolerance?: Float64Array) {
    this.x = new Float64Array(width);
    this.prev = new Float64Array(width);
    this.dx = new Float64Array(width);
    this.run = new Float64Array(width);
    this.flatRun = new Float64Array(width);
    this.flatTolerance = flatTolerance ?? new Float64Array(width);
  }

  /** Number of signals. */
  get width(): number {
    return this.x.length;
  }

  /** Advances the frame to a new sample. `values` must hold one finite number per signal. */
  push(values: ArrayLike<number>, timeMs?: number): void {
    const first = this.rows === 0;
    for (let j = 0; j < this.x.length; j++) {
      const v = values[j]!;
      const before = first ? v : this.x[j]!;
      this.prev[j] = before;
      this.x[j] = v;
      const d = v - before;
      this.dx[j] = d;
      this.run[j] = first || d !== 0 ? 1 : this.run[j]! + 1;
      this.flatRun[j] = !first && Math.abs(d) <= this.flatTolerance[j]! ? this.flatRun[j]! + 1 : 0;
    }
    this.hour = timeMs === undefined || !Number.isFinite(timeMs) ? -1 : Math.floor(timeMs / HOUR_MS) % 24;
    if (this.hour < 0 && timeMs !== undefined && Number.isFinite(timeMs)) this.hour += 24;
    this.rows++;
  }

  /** Sets how small a change counts as "the reading did not move", per signal. */
  setFlatTolerance(tolerance: ArrayLike<number>): void {
    this.flatTolerance.set(tolerance);
  }

  /** The per-signal flat tolerances in use. */
  get tolerance(): Float64Array {
    return this.flatTolerance;
  }

  /** Streaming state for a snapshot. */
  state(): FrameState {
    return { rows: this.rows, last: Array.from(this.x), run: Array.from(this.run), flatRun: Array.from(this.flatRun) };
  }

  /** Restores streaming state from a snapshot: the next push continues the series. */
  restore(state: FrameState): void {
    this.rows = state.rows;
    this.x.set(state.last);
    // Until the next push, the restored sample is its own predecessor (as on a first sample).
    this.prev.set(state.last);
    this.run.set(state.run);
    this.flatRun.set(state.flatRun);
  }
}
