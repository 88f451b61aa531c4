// Runs a drill batch at the times a schedule gives, on a clock (the system clock in a deployment,
// the twin's clock in a demo, a manual clock in tests). A batch still running when the next time
// comes is not doubled: that time is skipped and counted.
import type { Clock, TimerHandle } from '../../platform/clock/index.js';
import type { DrillSchedule } from './drill-schedule.js';
import type { DrillScorecard } from './drill-scorecard.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** How to build the scheduler. */
export interface DrillSchedulerOptions {
  clock: Clock;
  schedule: DrillSchedule;
  /** One batch; resolves with its scorecards. */
  run: () => Promise<DrillScorecard[]>;
  /** Told after each batch, or when one failed as a whole. */
  onBatch?: (result: { cards: DrillScorecard[] } | { error: unknown }) => void;
}

/** Counters of a scheduler. */
export interface DrillSchedulerStats {
  batches: number;
  failedBatches: number;
  skipped: number;
  nextRunTs: number | undefined;
}

/** Arms the next run time, runs the batch, re-arms. */
export class DrillScheduler {
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private nextTs: number | undefined;
  private stopped = true;
  private readonly counts = { batches: 0, failedBatches: 0, skipped: 0 };

  constructor(private readonly o: DrillSchedulerOptions) {}

  /** Arms the first run after now. */
  start(): void {
    this.stopped = false;
    this.arm(this.o.clock.now());
  }

  /** Cancels the next run and waits for a batch in progress to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.nextTs = undefined;
    await this.running;
  }

  stats(): DrillSchedulerStats {
    return { ...this.counts, nextRunTs: this.nextTs };
  }

  private arm(fromMs: number): void {
    if (this.stopped) return;
    const at = this.o.schedule.next(fromMs);
    this.nextTs = at;
    this.wait(at);
  }

  /** Node timers fire at once beyond about 24.8 days: wait in shorter legs for a far-off run (a yearly schedule). */
  private wait(at: number): void {
    const delay = Math.max(0, at - this.o.clock.now());
    this.timer = delay > MAX_TIMER_MS ? this.o.clock.after(MAX_TIMER_MS, () => this.wait(at)) : this.o.clock.after(delay, () => this.fire(at));
  }

  private fire(at: number): void {
    this.arm(Math.max(at, this.o.clock.now()));
    if (this.running) {
      this.counts.skipped++;
      return;
    }
    this.running = this.batch().finally(() => {
      this.running = undefined;
    });
  }

  private async batch(): Promise<void> {
    try {
      const cards = await this.o.run();
      this.counts.batches++;
      this.o.onBatch?.({ cards });
    } catch (error) {
      this.counts.failedBatches++;
      this.o.onBatch?.({ error });
    }
  }
}
