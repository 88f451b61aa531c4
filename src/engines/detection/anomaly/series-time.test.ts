import { describe, expect, it } from 'vitest';
import { parseSeriesTime } from './series-time.js';

describe('parseSeriesTime', () => {
  it('reads BATADAL dd/mm/yy HH as UTC', () => {
    expect(parseSeriesTime('13/09/16 23')).toBe(Date.UTC(2016, 8, 13, 23));
    expect(parseSeriesTime('06/01/2014 07:30')).toBe(Date.UTC(2014, 0, 6, 7, 30));
  });

  it('reads ISO 8601 with and without a zone', () => {
    expect(parseSeriesTime('2024-03-05T10:00:00Z')).toBe(Date.UTC(2024, 2, 5, 10));
    expect(parseSeriesTime('2024-03-05 10:00')).toBe(Date.UTC(2024, 2, 5, 10));
    expect(parseSeriesTime('2024-03-05T12:00:00+02:00')).toBe(Date.UTC(2024, 2, 5, 10));
  });

  it('reads epoch seconds and milliseconds', () => {
    expect(parseSeriesTime('1700000000')).toBe(1_700_000_000_000);
    expect(parseSeriesTime('1700000000000')).toBe(1_700_000_000_000);
  });

  it('rejects impossible dates and words', () => {
    expect(parseSeriesTime('31/02/16 10')).toBeNull();
    expect(parseSeriesTime('13/13/16 10')).toBeNull();
    expect(parseSeriesTime('2024-01-01T25:00')).toBeNull();
    expect(parseSeriesTime('yesterday')).toBeNull();
  });
});
