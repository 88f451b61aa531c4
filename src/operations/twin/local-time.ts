// City-local wall time from simulation time: hour of day, weekday, day of year and daylight, computed
// once per tick with Intl (no time-zone tables of our own), and the next instant a local time occurs.

/** What the twin needs to know about "now" at the city. */
export interface LocalReading {
  /** Fractional hour of the local day, 0 ≤ h < 24. */
  hour: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** 1 … 366. */
  dayOfYear: number;
  /** Local time minus UTC, hours. */
  utcOffsetH: number;
  /** Between dusk and dawn (sun more than 0.833° below the horizon, NOAA approximation). */
  dark: boolean;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Reads local time in one IANA zone at one place. */
export class LocalTimeReader {
  private readonly format: Intl.DateTimeFormat;

  constructor(
    readonly timeZone: string,
    private readonly lonLat: readonly [number, number],
  ) {
    this.format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
  }

  /** The local reading at epoch milliseconds `ms`. */
  read(ms: number): LocalReading {
    const f = this.fields(ms);
    const localAsUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
    const utcOffsetH = Math.round((localAsUtc - Math.floor(ms / 1000) * 1000) / 60_000) / 60;
    const hour = f.hour + f.minute / 60 + (f.second + (ms % 1000) / 1000) / 3600;
    const dayOfYear =
      Math.floor((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000) + 1;
    const [sunrise, sunset] = sunTimes(this.lonLat, dayOfYear, utcOffsetH);
    return {
      hour,
      weekday: WEEKDAYS.indexOf(f.weekday),
      dayOfYear,
      utcOffsetH,
      dark: hour < sunrise || hour > sunset,
    };
  }

  /** The first instant at or after `fromMs` when the local clock shows `hhmm` ("HH:MM"). */
  nextLocalTime(hhmm: string, fromMs: number): number {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    const target = h * 60 + m;
    const now = this.read(fromMs);
    const minutesNow = now.hour * 60;
    let wait = target - minutesNow;
    if (wait < 0) wait += 24 * 60;
    let at = fromMs + Math.round(wait * 60_000);
    // A daylight-saving change between now and then shifts the local clock by the offset difference.
    const drift = (this.read(at).utcOffsetH - now.utcOffsetH) * 3_600_000;
    at -= drift;
    return at < fromMs ? at + 86_400_000 : at;
  }

  private fields(ms: number) {
    const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: '' };
    for (const p of this.format.formatToParts(ms)) {
      if (p.type === 'weekday') out.weekday = p.value;
      else if (p.type in out) (out as Record<string, number | string>)[p.type] = Number(p.value);
    }
    return out;
  }
}

/** Local sunrise and sunset hours (solar declination and hour angle, no equation of time: ±15 min). */
export function sunTimes(
  lonLat: readonly [number, number],
  dayOfYear: number,
  utcOffsetH: number,
): [number, number] {
  const rad = Math.PI / 180;
  const decl = 23.44 * rad * Math.sin((2 * Math.PI * (284 + dayOfYear)) / 365);
  const lat = lonLat[1] * rad;
  const cosW = (Math.sin(-0.833 * rad) - Math.sin(lat) * Math.sin(decl)) / (Math.cos(lat) * Math.cos(decl));
  const halfDayH = Math.acos(Math.min(1, Math.max(-1, cosW))) / rad / 15;
  const noon = 12 - lonLat[0] / 15 + utcOffsetH;
  return [noon - halfDayH, noon + halfDayH];
}
