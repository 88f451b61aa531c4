// Latencies of one measurement window, kept whole (a few million doubles at most) so percentiles
// are exact rather than estimated.

/** Collects latency samples in milliseconds. */
export class LatencyWindow {
  private samples = new Float64Array(1 << 20);
  private n = 0;

  add(ms: number): void {
    if (this.n === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.n++] = ms;
  }

  get count(): number {
    return this.n;
  }

  reset(): void {
    this.n = 0;
  }

  /** The p-th percentile (0–100), nearest rank; NaN when empty. */
  percentiles(ps: readonly number[]): number[] {
    if (this.n === 0) return ps.map(() => NaN);
    const sorted = this.samples.slice(0, this.n).sort();
    return ps.map((p) => sorted[Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1))]!);
  }
}
