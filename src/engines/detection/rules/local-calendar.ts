// The city's local time (weekday, minute of day) and its maintenance windows, via Intl so no
// time-zone package is needed. Results are cached per minute: the hot path asks per event.
import type { MaintenanceWindow, Weekday } from '../../../domain/index.js';
import { WEEKDAYS } from '../../../domain/index.js';
import { timezoneInvalid } from '../errors.js';

/** A moment as the city's clocks show it. */
export interface LocalTime {
  /** 0 = Monday … 6 = Sunday. */
  readonly weekday: number;
  /** Minutes since local midnight, 0 … 1439. */
  readonly minuteOfDay: number;
}

const SHORT_DAYS: Readonly<Record<string, number>> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const CACHE_LIMIT = 4096;

/** Parses `HH:MM` (24:00 allowed) into minutes since midnight. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** True when `minute` lies in [from, to), wrapping past midnight when `to` ≤ `from`. */
export function inDailyRange(minute: number, from: number, to: number): boolean {
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

interface Window {
  zones: ReadonlySet<string>;
  days: ReadonlySet<number>;
  from: number;
  to: number;
}

/** Local time and maintenance windows of one city. */
export class LocalCalendar {
  private readonly parts: Intl.DateTimeFormat;
  private readonly text: Intl.DateTimeFormat;
  private readonly cache = new Map<number, LocalTime>();
  private readonly windows: readonly Window[];

  constructor(
    readonly timeZone: string,
    windows: readonly MaintenanceWindow[] = [],
  ) {
    try {
      this.parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      this.text = new Intl.DateTimeFormat('en-GB', {
        timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      });
    } catch (err) {
      throw timezoneInvalid(timeZone, err);
    }
    this.windows = windows.map((w) => ({
      zones: new Set(w.zones),
      days: new Set(w.days.map((d: Weekday) => WEEKDAYS.indexOf(d))),
      from: clockMinutes(w.start),
      to: clockMinutes(w.end),
    }));
  }

  /** Weekday and minute of day at `ts` (ms since the epoch) in the city's zone. */
  at(ts: number): LocalTime {
    const minute = Math.floor(ts / 60_000);
    let hit = this.cache.get(minute);
    if (!hit) {
      let weekday = 0;
      let hour = 0;
      let min = 0;
      for (const p of this.parts.formatToParts(ts)) {
        if (p.type === 'weekday') weekday = SHORT_DAYS[p.value] ?? 0;
        else if (p.type === 'hour') hour = Number(p.value);
        else if (p.type === 'minute') min = Number(p.value);
      }
      hit = { weekday, minuteOfDay: hour * 60 + min };
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(minute, hit);
    }
    return hit;
  }

  /** True when `ts` falls in a maintenance window that covers `zone` (windows without zones cover all). */
  inMaintenance(ts: number, zone: string | undefined): boolean {
    if (this.windows.length === 0) return false;
    const t = this.at(ts);
    const yesterday = (t.weekday + 6) % 7;
    return this.windows.some((w) => {
      if (w.zones.size > 0 && (zone === undefined || !w.zones.has(zone))) return false;
      if (w.from < w.to) return w.days.has(t.weekday) && t.minuteOfDay >= w.from && t.minuteOfDay < w.to;
      // A window past midnight belongs to the day it starts on.
      return (w.days.has(t.weekday) && t.minuteOfDay >= w.from) || (w.days.has(yesterday) && t.minuteOfDay < w.to);
    });
  }

  /** `ts` as a person in the city would read it, e.g. "Wed 12 Mar, 14:32". */
  format(ts: number): string {
    return this.text.format(ts);
  }
}
