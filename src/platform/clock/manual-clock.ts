// A clock that moves only when told, for tests and for drills that run faster than real time.
import type { Clock, TimerHandle } from './clock.js';

interface Timer {
  dueMs: number;
  periodMs: number;
  fn: () => void;
  seq: number;
  cancelled: boolean;
}

/** Discrete-event time: `advance` fires every due timer in time order. */
export class ManualClock implements Clock {
  private nowMs: number;
  private timers: Timer[] = [];
  private seq = 0;

  constructor(startMs = 0) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  after(delayMs: number, fn: () => void): TimerHandle {
    return this.add(this.nowMs + Math.max(0, delayMs), 0, fn);
  }

  every(periodMs: number, fn: () => void): TimerHandle {
    if (!(periodMs > 0)) throw new RangeError(`period must be positive, got ${periodMs}`);
    return this.add(this.nowMs + periodMs, periodMs, fn);
  }

  /** Moves time forward by `ms`, running timers at their due times (ties in creation order). */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      const next = this.nextDue();
      if (!next || next.dueMs > target) break;
      this.nowMs = next.dueMs;
      if (next.periodMs > 0) next.dueMs += next.periodMs;
      else next.cancelled = true;
      next.fn();
      this.timers = this.timers.filter((t) => !t.cancelled);
    }
    this.nowMs = target;
  }

  /** Number of timers still scheduled. */
  pending(): number {
    return this.timers.length;
  }

  private add(dueMs: number, periodMs: number, fn: () => void): TimerHandle {
    const timer: Timer = { dueMs, periodMs, fn, seq: this.seq++, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
        this.timers = this.timers.filter((t) => t !== timer);
      },
    };
  }

  private nextDue(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (!best || t.dueMs < best.dueMs || (t.dueMs === best.dueMs && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
