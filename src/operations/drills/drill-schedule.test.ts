import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../domain/index.js';
import { parseDrillSchedule } from './drill-schedule.js';

const VIENNA = 'Europe/Vienna';
const iso = (ms: number) => new Date(ms).toISOString();
const badSchedule = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return isCityguardError(err, 'CG_DRILL_BAD_SCHEDULE') ? err.message : `other error: ${String(err)}`;
  }
  return 'no error';
};

describe('parseDrillSchedule', () => {
  it('runs every fixed period after the last run', () => {
    const s = parseDrillSchedule({ every: '6h' }, VIENNA);
    expect(s.next(Date.UTC(2025, 11, 23, 12))).toBe(Date.UTC(2025, 11, 23, 18));
  });

  it('runs at local times of the city, on the next day once today’s have passed', () => {
    const s = parseDrillSchedule({ at: '02:30,14:30' }, VIENNA);
    const tuesdayNoonUtc = Date.UTC(2025, 11, 23, 12); // 13:00 in Vienna (UTC+1)
    expect(iso(s.next(tuesdayNoonUtc))).toBe('2025-12-23T13:30:00.000Z');
    expect(iso(s.next(Date.UTC(2025, 11, 23, 13, 30)))).toBe('2025-12-24T01:30:00.000Z');
  });

  it('reads weekday prefixes and five cron fields alike', () => {
    const saturday = Date.UTC(2025, 11, 20, 9);
    const short = parseDrillSchedule({ at: 'mon-fri 02:30' }, VIENNA);
    const cron = parseDrillSchedule({ at: '30 2 * * 1-5' }, VIENNA);
    expect(iso(short.next(saturday))).toBe('2025-12-22T01:30:00.000Z');
    expect(cron.next(saturday)).toBe(short.next(saturday));
    const sundays = parseDrillSchedule({ at: '0 */6 * * sun' }, VIENNA);
    expect(iso(sundays.next(saturday))).toBe('2025-12-20T23:00:00.000Z'); // Sunday 00:00 local
    expect(iso(sundays.next(Date.UTC(2025, 11, 20, 23)))).toBe('2025-12-21T05:00:00.000Z');
  });

  it('skips a local time that a daylight-saving change leaves out, and keeps summer time right', () => {
    const s = parseDrillSchedule({ at: '02:30' }, VIENNA);
    // On 29 March 2026 Vienna jumps from 02:00 to 03:00: no 02:30 that day.
    expect(iso(s.next(Date.UTC(2026, 2, 28, 12)))).toBe('2026-03-30T00:30:00.000Z');
  });

  it('refuses what it cannot read, with a coded error', () => {
    expect(badSchedule(() => parseDrillSchedule({ at: '25:00' }, VIENNA))).toMatch(/not a time/);
    expect(badSchedule(() => parseDrillSchedule({ at: '0 0 * * fun' }, VIENNA))).toMatch(/outside/);
    expect(badSchedule(() => parseDrillSchedule({ at: '0 0 31 2 *' }, VIENNA).next(Date.UTC(2025, 0, 1)))).toMatch(/never matches/);
    expect(badSchedule(() => parseDrillSchedule({ every: '10s' }, VIENNA))).toMatch(/at least 1m/);
    expect(badSchedule(() => parseDrillSchedule({ every: '1h', at: '02:00' }, VIENNA))).toMatch(/exactly one/);
    expect(badSchedule(() => parseDrillSchedule({ at: '02:00' }, 'Mars/Olympus'))).toMatch(/time zone/);
  });
});
