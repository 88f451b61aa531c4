import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { LocalCalendar } from './local-calendar.js';

const windows = [
  { id: 'night', zones: ['substations'], days: ['tue' as const], start: '22:00', end: '02:00' },
  { id: 'all', zones: [], days: ['sun' as const], start: '02:00', end: '05:00' },
];

describe('LocalCalendar', () => {
  const cal = new LocalCalendar('Europe/Vienna', windows);

  it('reads weekday and minute of day in the city’s zone, across the daylight-saving change', () => {
    expect(cal.at(Date.parse('2025-03-29T23:30:00Z'))).toEqual({ weekday: 6, minuteOfDay: 30 }); // Sun 00:30 CET
    expect(cal.at(Date.parse('2025-03-30T01:30:00Z'))).toEqual({ weekday: 6, minuteOfDay: 3 * 60 + 30 }); // Sun 03:30 CEST
  });

  it('applies a window that runs past midnight to the day it starts, and only to its zones', () => {
    expect(cal.inMaintenance(Date.parse('2025-03-11T21:30:00Z'), 'substations')).toBe(true); // Tue 22:30
    expect(cal.inMaintenance(Date.parse('2025-03-12T00:59:00Z'), 'substations')).toBe(true); // Wed 01:59
    expect(cal.inMaintenance(Date.parse('2025-03-12T01:00:00Z'), 'substations')).toBe(false); // Wed 02:00
    expect(cal.inMaintenance(Date.parse('2025-03-10T21:30:00Z'), 'substations')).toBe(false); // Mon 22:30
    expect(cal.inMaintenance(Date.parse('2025-03-11T21:30:00Z'), 'water')).toBe(false);
    expect(cal.inMaintenance(Date.parse('2025-03-16T02:00:00Z'), undefined)).toBe(true); // Sun 03:00, window for every zone
  });

  it('refuses a timezone the runtime does not know, with a coded error', () => {
    let thrown: unknown;
    try {
      new LocalCalendar('Mars/Olympus');
    } catch (err) {
      thrown = err;
    }
    expect(isCityguardError(thrown, 'CG_DETECTION_TIMEZONE_INVALID')).toBe(true);
  });
});
