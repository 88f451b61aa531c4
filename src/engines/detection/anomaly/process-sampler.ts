// Turns a process's telemetry events into one sample per period, on event time: the latest reading
// of every signal as it stood when the first event at or after each period boundary arrived. Event
// time, not a wall-clock timer, so a fast-forwarded twin, a replayed log and a live bus give the
// same samples. Devices report seconds apart, so right after an on/off reading flips (a pump
// starting) some readings still show the state before: such a boundary waits until every signal
// has reported since the flip, and the sample is one consistent state. A signal not heard from for
// a while makes its samples stale: they are skipped and counted, and the detector restarts its
// series after the gap.
import type { Scalar } from '../../../domain/index.js';
import type { SignalSlot } from './process-layout.js';

/** A sample ready for the detector. */
export interface ProcessSample {
  /** The period boundary the sample stands for, ms since the epoch. */
  readonly timeMs: number;
  /** One value per signal; valid until the next call that produces a sample. */
  readonly values: Float64Array;
}

/** What the sampler counted. */
export interface SamplerCounts {
  /** Telemetry events that carried at least one signal of the process. */
  events: number;
  /** Readings that were not a number or boolean (ignored). */
  badValues: number;
  /** Events older than the last sample (too late to count; ignored). */
  late: number;
  samples: number;
  /** Period boundaries skipped because some signal had not reported recently. */
  stale: number;
  /** Period boundaries skipped in a silence of the whole process. */
  skipped: number;
}

/** Boundaries further behind than this many periods are skipped rather than sampled one by one. */
const CATCH_UP_PERIODS = 10;

/** Event-time sampler of one process. */
export class ProcessSampler {
  readonly counts: SamplerCounts = { events: 0, badValues: 0, late: 0, samples: 0, stale: 0, skipped: 0 };
  private readonly latest: Float64Array;
  private readonly heardMs: Float64Array;
  private readonly out: Float64Array;
  /** The next period boundary to sample; NaN before the first event. */
  private nextMs = Number.NaN;
  /** When an on/off reading last flipped; readings heard before it may still show the old state. */
  private flipMs = Number.NEGATIVE_INFINITY;

  constructor(
    width: number,
    private readonly slots: ReadonlyMap<string, readonly SignalSlot[]>,
    private readonly periodMs: number,
    /** A reading older than this at a boundary makes the sample stale. */
    private readonly staleAfterMs: number,
  ) {
    this.latest = new Float64Array(width).fill(Number.NaN);
    this.heardMs = new Float64Array(width).fill(Number.NaN);
    this.out = new Float64Array(width);
  }

  /** Whether an asset's telemetry feeds this process. */
  watches(assetId: string): boolean {
    return this.slots.has(assetId);
  }

  /**
   * Takes one telemetry event; calls `onSample` for every period boundary it passes (before applying
   * its own readings, so a boundary's sample holds what was known just before it), unless readings
   * are still settling after an on/off flip: then the boundary's sample is taken once they have.
   */
  push(assetId: string, ts: number, metrics: Readonly<Record<string, Scalar>>, onSample: (s: ProcessSample) => void): void {
    const slots = this.slots.get(assetId);
    if (slots === undefined || !Number.isFinite(ts)) return;
    this.counts.events++;
    if (Number.isNaN(this.nextMs)) this.nextMs = (Math.floor(ts / this.periodMs) + 1) * this.periodMs;
    else if (ts < this.nextMs - this.periodMs) {
      this.counts.late++;
      return;
    }
    if (ts - this.nextMs > CATCH_UP_PERIODS * this.periodMs) {
      const resume = Math.floor(ts / this.periodMs) * this.periodMs;
      this.counts.skipped += Math.round((resume - this.nextMs) / this.periodMs);
      this.nextMs = resume;
    }
    this.passBoundaries(ts, onSample);
    this.apply(slots, ts, metrics);
    this.passBoundaries(ts, onSample);
    if (ts - this.nextMs > this.staleAfterMs) {
      // Still not settled long after the boundary: some device has stopped reporting.
      this.counts.stale++;
      this.nextMs += this.periodMs;
    }
  }

  /** Samples every boundary up to `ts` while the readings are settled. */
  private passBoundaries(ts: number, onSample: (s: ProcessSample) => void): void {
    while (ts >= this.nextMs && this.settled()) {
      this.sample(this.nextMs, onSample);
      this.nextMs += this.periodMs;
    }
  }

  /** True when every signal has reported since the last on/off flip. */
  private settled(): boolean {
    for (let j = 0; j < this.heardMs.length; j++) if (this.heardMs[j]! < this.flipMs) return false;
    return true;
  }

  private apply(slots: readonly SignalSlot[], ts: number, metrics: Readonly<Record<string, Scalar>>): void {
    for (const { metric, index } of slots) {
      if (!Object.hasOwn(metrics, metric)) continue;
      const v = metrics[metric];
      const x = typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
      if (Number.isNaN(x)) {
        this.counts.badValues++;
        continue;
      }
      if (ts < this.heardMs[index]!) continue; // a newer reading of this signal is already in
      if (typeof v === 'boolean' && this.latest[index] !== x && !Number.isNaN(this.latest[index]!)) this.flipMs = ts;
      this.latest[index] = x;
      this.heardMs[index] = ts;
    }
  }

  /** Forgets the readings (after a re-learn the next samples start from fresh readings). */
  reset(): void {
    this.latest.fill(Number.NaN);
    this.heardMs.fill(Number.NaN);
    this.nextMs = Number.NaN;
    this.flipMs = Number.NEGATIVE_INFINITY;
  }

  /** The boundary the next sample stands for (NaN before the first event). */
  get nextSampleMs(): number {
    return this.nextMs;
  }

  private sample(timeMs: number, onSample: (s: ProcessSample) => void): void {
    for (let j = 0; j < this.out.length; j++) {
      if (!(timeMs - this.heardMs[j]! <= this.staleAfterMs)) {
        this.counts.stale++;
        return;
      }
      this.out[j] = this.latest[j]!;
    }
    this.counts.samples++;
    onSample({ timeMs, values: this.out });
  }
}
