import { describe, expect, it } from 'vitest';
import { LocalTimeReader } from './local-time.js';

const vienna = new LocalTimeReader('Europe/Vienna', [16.37, 48.21]);

describe('LocalTimeReader', () => {
  it('reads local hour, weekday and UTC offset in winter and summer', () => {
    const winter = vienna.read(Date.UTC(2025, 11, 23, 22, 30)); // Tuesday 23:30 CET
    expect(winter).toMatchObject({ hour: 23.5, weekday: 1, utcOffsetH: 1, dayOfYear: 357 });
    const summer = vienna.read(Date.UTC(2025, 6, 5, 10, 15)); // Saturday 12:15 CEST
    expect(summer).toMatchObject({ hour: 12.25, weekday: 5, utcOffsetH: 2 });
  });

  it('is dark at night and light at noon, with longer nights in winter', () => {
    expect(vienna.read(Date.UTC(2025, 11, 23, 11, 0)).dark).toBe(false);
    expect(vienna.read(Date.UTC(2025, 11, 23, 16, 30)).dark).toBe(true); // 17:30 in December
    expect(vienna.read(Date.UTC(2025, 5, 21, 16, 30)).dark).toBe(false); // 18:30 in June
  });

  it('finds the next occurrence of a local time, across midnight and a daylight-saving change', () => {
    expect(new Date(vienna.nextLocalTime('23:10', Date.UTC(2025, 11, 23, 12, 0))).toISOString()).toBe(
      '2025-12-23T22:10:00.000Z',
    );
    expect(new Date(vienna.nextLocalTime('01:00', Date.UTC(2025, 11, 23, 23, 30))).toISOString()).toBe(
      '2025-12-24T00:00:00.000Z',
    );
    // From Saturday 29 March 2025 noon CET to Sunday 10:00 CEST (clocks went forward at 02:00).
    expect(new Date(vienna.nextLocalTime('10:00', Date.UTC(2025, 2, 29, 11, 0))).toISOString()).toBe(
      '2025-03-30T08:00:00.000Z',
    );
  });
});
