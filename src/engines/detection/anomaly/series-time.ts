// Parses the time cell of a CSV series: BATADAL's `dd/mm/yy HH`, ISO 8601, or epoch seconds or
// milliseconds. Times without a zone are read as UTC, so hour of day is the clock hour written.

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:[ T](\d{1,2})(?::(\d{2})(?::(\d{2}))?)?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(\.\d+)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const EPOCH = /^-?\d+(\.\d+)?$/;
/** Epoch values below this are seconds (year 5138 in ms would be needed to confuse the two). */
const SECONDS_BELOW = 1e11;

/** Milliseconds since the epoch for a time cell, or null when it is not a time this reader knows. */
export function parseSeriesTime(text: string): number | null {
  const cell = text.trim();
  let m = DMY.exec(cell);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return utc(year, Number(m[2]), Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  }
  m = ISO.exec(cell);
  if (m) {
    const base = utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
    if (base === null) return null;
    const fraction = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
    return base + fraction - zoneOffsetMs(m[8]);
  }
  if (EPOCH.test(cell)) {
    const v = Number(cell);
    return Math.abs(v) < SECONDS_BELOW ? Math.round(v * 1000) : Math.round(v);
  }
  return null;
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  return back.getUTCDate() === day && back.getUTCMonth() === month - 1 ? ms : null;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
