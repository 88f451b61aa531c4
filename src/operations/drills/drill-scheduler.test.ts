import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.js';
import { parseDrillSchedule } from './drill-schedule.js';
import { DrillScheduler } from './drill-scheduler.js';
import type { DrillScorecard } from './drill-scorecard.js';

const HOUR = 3_600_000;
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A batch that stays open until the test finishes it. */
function batches() {
  const started: number[] = [];
  const open: Array<() => void> = [];
  return {
    started,
    finishOne: async () => {
      open.shift()?.();
      await flush();
    },
    run: (clock: ManualClock) => () =>
      new Promise<DrillScorecard[]>((resolve) => {
        started.push(clock.now());
        open.push(() => resolve([]));
      }),
  };
}

describe('DrillScheduler', () => {
  it('runs at each scheduled time on its clock and skips a time that comes while a batch still runs', async () => {
    const clock = new ManualClock(Date.UTC(2025, 11, 23, 12));
    const b = batches();
    const results: string[] = [];
    const s = new DrillScheduler({ clock, schedule: parseDrillSchedule({ every: '1h' }, 'Europe/Vienna'), run: b.run(clock), onBatch: (r) => results.push('error' in r ? 'error' : 'ok') });
    s.start();
    expect(s.stats().nextRunTs).toBe(clock.now() + HOUR);
    clock.advance(HOUR - 1);
    expect(b.started).toEqual([]);
    clock.advance(1);
    expect(b.started).toEqual([Date.UTC(2025, 11, 23, 13)]);
    clock.advance(HOUR); // the first batch is still running
    expect(b.started).toHaveLength(1);
    expect(s.stats()).toMatchObject({ skipped: 1, batches: 0 });
    await b.finishOne();
    expect(s.stats()).toMatchObject({ batches: 1, nextRunTs: Date.UTC(2025, 11, 23, 15) });
    clock.advance(HOUR);
    expect(b.started).toEqual([Date.UTC(2025, 11, 23, 13), Date.UTC(2025, 11, 23, 15)]);
    await b.finishOne();
    expect(results).toEqual(['ok', 'ok']);
    await s.stop();
    clock.advance(10 * HOUR);
    expect(b.started).toHaveLength(2);
  });

  it('counts a batch that fails as a whole and keeps the schedule', async () => {
    const clock = new ManualClock(Date.UTC(2025, 11, 23, 12));
    const errors: unknown[] = [];
    const s = new DrillScheduler({
      clock,
      schedule: parseDrillSchedule({ every: '1h' }, 'Europe/Vienna'),
      run: () => Promise.reject(new Error('scenario folder missing')),
      onBatch: (r) => ('error' in r ? errors.push(r.error) : undefined),
    });
    s.start();
    clock.advance(HOUR);
    await flush();
    expect(errors).toHaveLength(1);
    expect(s.stats()).toMatchObject({ failedBatches: 1, nextRunTs: Date.UTC(2025, 11, 23, 14) });
    await s.stop();
  });

  it('waits for a run further away than a Node timer can hold', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 2));
    const b = batches();
    const s = new DrillScheduler({ clock, schedule: parseDrillSchedule({ at: '0 3 1 1 *' }, 'UTC'), run: b.run(clock) }); // once a year
    s.start();
    clock.advance(30 * 24 * HOUR);
    expect(b.started).toEqual([]);
    clock.advance(Date.UTC(2026, 0, 1, 3) - clock.now());
    expect(b.started).toEqual([Date.UTC(2026, 0, 1, 3)]);
    await b.finishOne();
    await s.stop();
  });
});
