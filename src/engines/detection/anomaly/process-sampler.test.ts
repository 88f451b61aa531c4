import { describe, expect, it } from 'vitest';
import { ProcessSampler, type ProcessSample } from './process-sampler.js';

const slots = new Map([
  ['tank', [{ metric: 'level_m', index: 0 }]],
  ['pump', [{ metric: 'running', index: 1 }, { metric: 'flow_lps', index: 2 }]],
]);

function sampler() {
  const s = new ProcessSampler(3, slots, 60_000, 180_000);
  const out: Array<{ t: number; v: number[] }> = [];
  const push = (asset: string, ts: number, metrics: Record<string, number | boolean | string>) =>
    s.push(asset, ts, metrics, (x: ProcessSample) => out.push({ t: x.timeMs, v: Array.from(x.values) }));
  return { s, out, push };
}

describe('ProcessSampler', () => {
  it('takes one sample per period boundary from the readings known just before it', () => {
    const { out, push } = sampler();
    push('tank', 1_000, { level_m: 3 });
    push('pump', 2_000, { running: true, flow_lps: 50 });
    push('tank', 59_000, { level_m: 3.1 });
    push('tank', 61_000, { level_m: 3.2 });
    push('pump', 121_000, { running: true, flow_lps: 51 });
    expect(out).toEqual([
      { t: 60_000, v: [3.1, 1, 50] },
      { t: 120_000, v: [3.2, 1, 50] },
    ]);
  });

  it('waits after an on/off flip until every signal has reported, so a sample never mixes before and after', () => {
    const { out, push } = sampler();
    push('tank', 1_000, { level_m: 3 });
    push('pump', 2_000, { running: false, flow_lps: 0 });
    push('pump', 58_000, { running: true, flow_lps: 50 }); // the pump starts 2 s before the boundary
    push('pump', 61_000, { running: true, flow_lps: 50 }); // the boundary passes; the tank has not reported since
    expect(out).toEqual([]);
    push('tank', 63_000, { level_m: 3.01 });
    expect(out).toEqual([{ t: 60_000, v: [3.01, 1, 50] }]);
  });

  it('skips and counts samples while a signal is silent, and picks up when it reports again', () => {
    const { s, out, push } = sampler();
    push('tank', 1_000, { level_m: 3 });
    push('pump', 1_000, { running: true, flow_lps: 50 });
    for (let t = 5_000; t <= 300_000; t += 5_000) push('pump', t, { running: true, flow_lps: 50 });
    push('tank', 301_000, { level_m: 3.3 });
    push('pump', 361_000, { running: true, flow_lps: 50 });
    expect(out.map((o) => o.t)).toEqual([60_000, 120_000, 180_000, 360_000]);
    expect(s.counts.stale).toBe(2);
  });

  it('ignores and counts late events and readings that are not numbers', () => {
    const { s, out, push } = sampler();
    push('tank', 1_000, { level_m: 3 });
    push('pump', 1_000, { running: true, flow_lps: 50 });
    push('tank', 125_000, { level_m: 3.2 });
    push('tank', 30_000, { level_m: 9 });
    push('pump', 126_000, { running: true, flow_lps: 'fast' });
    expect(s.counts).toMatchObject({ late: 1, badValues: 1 });
    expect(out.map((o) => o.v[0])).toEqual([3, 3]);
  });

  it('jumps over a long silence of the whole process instead of sampling every boundary in it', () => {
    const { s, out, push } = sampler();
    push('tank', 1_000, { level_m: 3 });
    push('pump', 1_000, { running: true, flow_lps: 50 });
    push('tank', 3_600_000 + 1_000, { level_m: 3.5 });
    expect(s.counts.skipped).toBeGreaterThan(50);
    expect(out.length).toBeLessThanOrEqual(1);
  });
});
