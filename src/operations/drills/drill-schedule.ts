// When drills run: every fixed period (`every: 6h`), or at local times of the city written like
// cron — "02:30", "mon-fri 02:30,14:30", or the five cron fields "30 2 * * 1-5" (minute, hour, day
// of month, month, day of week; `*`, lists, ranges and `/steps`; Sunday is 0 or 7; as in Vixie cron
// a restricted day of month and day of week match either). Local times are the city's time zone; a
// time skipped by a daylight-saving change does not run that day.
import { durationMs } from '../../domain/index.js';
import { drillBadSchedule } from './errors.js';

/** A parsed schedule: the first run time after a moment. */
export interface DrillSchedule {
  /** How it was written. */
  readonly text: string;
  /** The first run strictly after `fromMs` (epoch ms). */
  next(fromMs: number): number;
}

/** `every` (a duration such as 30m, 6h, 1d) or `at` (cron-like local times); exactly one. */
export function parseDrillSchedule(spec: { every?: string; at?: string }, timeZone: string): DrillSchedule {
  if ((spec.every === undefined) === (spec.at === undefined)) throw drillBadSchedule(spec.every ?? spec.at ?? '', 'give exactly one of every or at');
  if (spec.every !== undefined) {
    const ms = durationMs(spec.every);
    if (!Number.isFinite(ms) || ms < 60_000) throw drillBadSchedule(spec.every, 'every needs a duration of at least 1m, such as 30m, 6h or 1d');
    return { text: `every ${spec.every}`, next: (fromMs) => fromMs + ms };
  }
  const cron = parseCron(spec.at!);
  const zone = new ZonedTime(timeZone, spec.at!);
  return { text: `at ${spec.at!} (${timeZone})`, next: (fromMs) => nextMatch(cron, zone, fromMs, spec.at!) };
}

interface CronFields {
  /** Local times of day it runs at, minutes after midnight, ascending. */
  times: number[];
  /** null: any day of month. */
  days: Set<number> | null;
  months: Set<number> | null;
  /** null: any weekday; 0 = Sunday … 6 = Saturday. */
  weekdays: Set<number> | null;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function parseCron(text: string): CronFields {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 5) {
    const [m, h, dom, mon, dow] = parts as [string, string, string, string, string];
    const weekdays = dow === '*' ? [] : field(dow, 0, 7, text, DAY_NAMES);
    const minutes = [...field(m, 0, 59, text)];
    return {
      times: [...field(h, 0, 23, text)].flatMap((hour) => minutes.map((minute) => hour * 60 + minute)).sort((a, b) => a - b),
      days: dom === '*' ? null : field(dom, 1, 31, text),
      months: mon === '*' ? null : field(mon, 1, 12, text),
      weekdays: dow === '*' ? null : new Set([...weekdays].map((d) => d % 7)),
    };
  }
  if (parts.length > 2 || parts.length === 0) throw drillBadSchedule(text, 'write "HH:MM[,HH:MM…]", "<days> HH:MM[,…]" or five cron fields');
  const [days, times] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['*', parts[0]!];
  const minutesOfDay = times.split(',').map((t) => {
    const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(t);
    if (!m) throw drillBadSchedule(text, `"${t}" is not a time HH:MM`);
    return Number(m[1]) * 60 + Number(m[2]);
  });
  const weekdays = days === '*' || days === 'daily' ? null : new Set([...field(days, 0, 7, text, DAY_NAMES)].map((d) => d % 7));
  return { times: [...new Set(minutesOfDay)].sort((a, b) => a - b), days: null, months: null, weekdays };
}

/** One cron field: a star, a star with a step, a value, a range, a range with a step, or a list of these; weekday names allowed. */
function field(text: string, min: number, max: number, whole: string, names?: readonly string[]): Set<number> {
  const out = new Set<number>();
  const value = (v: string) => {
    const named = names?.indexOf(v.toLowerCase()) ?? -1;
    const n = named >= 0 ? named : /^\d+$/.test(v) ? Number(v) : NaN;
    if (!(n >= min && n <= max)) throw drillBadSchedule(whole, `"${v}" is outside ${min}–${max}`);
    return n;
  };
  for (const part of text.split(',')) {
    const m = /^(\*|[a-z0-9]+)(?:-([a-z0-9]+))?(?:\/(\d+))?$/i.exec(part);
    if (!m) throw drillBadSchedule(whole, `"${part}" is not a cron field`);
    const from = m[1] === '*' ? min : value(m[1]!);
    const to = m[2] !== undefined ? value(m[2]) : m[1] === '*' || m[3] !== undefined ? max : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (step < 1 || to < from) throw drillBadSchedule(whole, `"${part}" is an empty range`);
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

/** Local calendar fields in one IANA zone, and the instant a local wall time occurs. */
class ZonedTime {
  private readonly format: Intl.DateTimeFormat;

  constructor(timeZone: string, text: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    } catch {
      throw drillBadSchedule(text, `unknown time zone "${timeZone}"`);
    }
  }

  parts(ms: number): { y: number; mo: number; d: number; h: number; mi: number; wd: number } {
    const p = Object.fromEntries(this.format.formatToParts(ms).map((x) => [x.type, x.value]));
    return { y: +p['year']!, mo: +p['month']!, d: +p['day']!, h: +p['hour']!, mi: +p['minute']!, wd: DAY_NAMES.indexOf(p['weekday']!.toLowerCase().slice(0, 3)) };
  }

  /** The instant the local clock shows y-mo-d h:mi, or undefined when that time does not exist (DST gap). */
  instant(y: number, mo: number, d: number, h: number, mi: number): number | undefined {
    const wall = Date.UTC(y, mo - 1, d, h, mi);
    let ms = wall;
    for (let i = 0; i < 3; i++) {
      const p = this.parts(ms);
      ms += wall - Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi);
    }
    const p = this.parts(ms);
    return p.y === y && p.mo === mo && p.d === d && p.h === h && p.mi === mi ? ms : undefined;
  }
}

function nextMatch(cron: CronFields, zone: ZonedTime, fromMs: number, text: string): number {
  const start = zone.parts(fromMs);
  for (let offset = 0; offset <= 366 * 4; offset++) {
    const day = new Date(Date.UTC(start.y, start.mo - 1, start.d + offset));
    const [y, mo, d, wd] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), day.getUTCDay()];
    if (cron.months && !cron.months.has(mo)) continue;
    const domOk = !cron.days || cron.days.has(d);
    const dowOk = !cron.weekdays || cron.weekdays.has(wd);
    if (cron.days && cron.weekdays ? !(domOk || dowOk) : !(domOk && dowOk)) continue;
    for (const t of cron.times) {
      const ms = zone.instant(y, mo, d, Math.floor(t / 60), t % 60);
      if (ms !== undefined && ms > fromMs) return ms;
    }
  }
  throw drillBadSchedule(text, 'it never matches a date (e.g. 31 February)');
}
