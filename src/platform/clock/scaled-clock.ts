// Simulated time that runs `speed` times faster than the wall clock, from a chosen start.
import type { Clock, TimerHandle } from './clock.js';

/** A clock for the live twin: one real second is `speed` simulated seconds. */
export class ScaledClock implements Clock {
  private readonly realStartMs = Date.now();

  constructor(
    private readonly speed: number,
    private readonly simStartMs: number = Date.now(),
  ) {
    if (!(speed > 0)) throw new RangeError(`clock speed must be positive, got ${speed}`);
  }

  now(): number {
    return this.simStartMs + (Date.now() - this.realStartMs) * this.speed;
  }

  after(delayMs: number, fn: () => void): TimerHandle {
    const t = setTimeout(fn, Math.max(0, delayMs / this.speed));
    t.unref();
    return { cancel: () => clearTimeout(t) };
  }

  every(periodMs: number, fn: () => void): TimerHandle {
    const t = setInterval(fn, Math.max(1, periodMs / this.speed));
    t.unref();
    return { cancel: () => clearInterval(t) };
  }
}
