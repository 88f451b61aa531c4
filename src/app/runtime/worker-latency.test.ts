import { describe, expect, it } from 'vitest';
import { LatencyHistogram, latencyQuantile } from './worker-latency.js';

describe('latency histogram', () => {
  it('reads percentiles within a bucket (10 %) of the true value', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i); // 1 … 1000 ms
    const p50 = latencyQuantile(h.counts, 0.5)!;
    const p99 = latencyQuantile(h.counts, 0.99)!;
    expect(p50).toBeGreaterThanOrEqual(500);
    expect(p50).toBeLessThanOrEqual(550);
    expect(p99).toBeGreaterThanOrEqual(990);
    expect(p99).toBeLessThanOrEqual(990 * 1.1);
    expect(h.total).toBe(1000);
  });

  it('counts negative and enormous values in the end buckets, and has no percentile when empty', () => {
    const h = new LatencyHistogram();
    expect(latencyQuantile(h.counts, 0.99)).toBeUndefined();
    h.record(-5);
    h.record(1e12);
    expect(h.counts[0]).toBe(1);
    expect(h.counts[h.counts.length - 1]).toBe(1);
    expect(latencyQuantile(h.counts, 1)).toBe(Number.POSITIVE_INFINITY);
  });
});
