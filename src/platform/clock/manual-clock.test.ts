import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';

describe('ManualClock', () => {
  it('fires timers in time order as time advances, and periodic ones repeatedly', () => {
    const clock = new ManualClock(1000);
    const seen: string[] = [];
    clock.after(50, () => seen.push(`once@${clock.now()}`));
    const h = clock.every(20, () => seen.push(`tick@${clock.now()}`));
    clock.advance(70);
    expect(seen).toEqual(['tick@1020', 'tick@1040', 'once@1050', 'tick@1060']);
    expect(clock.now()).toBe(1070);
    h.cancel();
    clock.advance(100);
    expect(seen).toHaveLength(4);
    expect(clock.pending()).toBe(0);
  });

  it('lets a timer schedule another that falls inside the same advance', () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    clock.after(10, () => clock.after(5, () => seen.push(clock.now())));
    clock.advance(20);
    expect(seen).toEqual([15]);
  });
});
