// Time as the platform sees it. Real deployments use the system clock; the twin and drills run
// on a scaled or manually advanced clock so an hour of attack takes seconds.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch on this clock. */
  now(): number;
  /** Runs `fn` once after `delayMs` of this clock's time. */
  after(delayMs: number, fn: () => void): TimerHandle;
  /** Runs `fn` every `periodMs` of this clock's time until cancelled. */
  every(periodMs: number, fn: () => void): TimerHandle;
}
