// How long events take from ingest to detection: for each event a worker handles, now minus the
// time ingest received it (`receivedTs`). Kept in fixed logarithmic buckets (about 10 % wide, from
// 0.1 ms to about 10 minutes), so percentiles can be read at any time and two readings subtracted
// to get those of the interval between them. Same-machine clocks make it exact; across machines
// it includes their clock offset.

const FIRST_MS = 0.1;
const GROWTH = 1.1;
const BUCKETS = 165;
/** Upper bound of each bucket in milliseconds; the last catches everything beyond. */
export const LATENCY_BOUNDS_MS: readonly number[] = Array.from({ length: BUCKETS }, (_, i) => (i === BUCKETS - 1 ? Number.POSITIVE_INFINITY : FIRST_MS * GROWTH ** i));
const LOG_GROWTH = Math.log(GROWTH);

/** Counts of events per latency bucket since the worker started. */
export class LatencyHistogram {
  readonly counts = new Array<number>(BUCKETS).fill(0);
  total = 0;

  /** Records one latency in milliseconds (negative clock skew counts as zero). */
  record(ms: number): void {
    const i = ms <= FIRST_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / FIRST_MS) / LOG_GROWTH));
    this.counts[i]!++;
    this.total++;
  }
}

/** The latency at quantile `q` (0–1) of a bucket count array: the upper bound of the bucket it falls in. */
export function latencyQuantile(counts: readonly number[], q: number): number | undefined {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return LATENCY_BOUNDS_MS[i];
  }
  return LATENCY_BOUNDS_MS[counts.length - 1];
}
