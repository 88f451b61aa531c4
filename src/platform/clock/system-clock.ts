// The wall clock, for real deployments.
import type { Clock, TimerHandle } from './clock.js';

/** Real time: Date.now and Node timers (unref'd so they never hold the process open). */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  after(delayMs: number, fn: () => void): TimerHandle {
    const t = setTimeout(fn, Math.max(0, delayMs));
    t.unref();
    return { cancel: () => clearTimeout(t) };
  }

  every(periodMs: number, fn: () => void): TimerHandle {
    const t = setInterval(fn, Math.max(1, periodMs));
    t.unref();
    return { cancel: () => clearInterval(t) };
  }
}
