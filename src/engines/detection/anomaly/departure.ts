// How a signal departed from what the detector learned, in numbers and in words for a non-expert.
import type { SignalInfo } from './signal-catalog.js';

/** The ways a signal can depart from normal. */
export type DepartureKind =
  | 'above-range'
  | 'below-range'
  | 'jump'
  | 'flat'
  | 'long-run'
  | 'never-seen'
  | 'state-conflict'
  | 'control-conflict'
  | 'rule-broken'
  | 'mismatch'
  | 'drift'
  | 'pattern';

/** One signal's departure at the current sample. */
export interface Departure {
  /** Column name of the signal. */
  readonly signal: string;
  readonly kind: DepartureKind;
  /** Normalised strength: 1 is as far as the top 1 % of normal samples went; larger is stranger. */
  readonly strength: number;
  readonly observed?: number;
  readonly expected?: number;
  /** One sentence a person who is not an engineer can read. */
  readonly text: string;
}

/** A departure before the detector has scaled its strength by its channel's calibrated level. */
export interface RawDeparture extends Omit<Departure, 'strength'> {
  readonly raw: number;
  /** Index of the model channel the raw value belongs to. */
  readonly channel: number;
}

/** Formats a reading with its unit, at a precision that suits its size. */
export function formatValue(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = value.toFixed(digits);
  return unit === '' ? text : `${text} ${unit}`;
}

/** Joins names as "A", "A and B" or "A, B and C". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Words for a binary signal's state: "running"/"off" for pumps, "open"/"closed" for valves. */
export function stateWords(signal: SignalInfo, on: boolean): string {
  if (/valve/i.test(signal.asset)) return on ? 'open' : 'closed';
  return on ? 'running' : 'off';
}

/** The strongest departures first, at most one per signal and kind, keeping `limit`. */
export function strongestDepartures(all: readonly Departure[], limit: number): Departure[] {
  const best = new Map<string, Departure>();
  for (const d of all) {
    const key = `${d.signal}/${d.kind}`;
    const seen = best.get(key);
    if (seen === undefined || d.strength > seen.strength) best.set(key, d);
  }
  return [...best.values()].sort((a, b) => b.strength - a.strength).slice(0, limit);
}
