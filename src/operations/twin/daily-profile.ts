// Daily shapes of demand: electrical load by customer type, water draw, emergency calls, office
// activity. Hourly factors interpolated linearly; shapes follow typical European profiles
// (residential evening peak, commercial working day, water morning and evening peaks).

type Hourly = readonly number[];

const PROFILES = {
  residential: [
    0.45, 0.4, 0.38, 0.37, 0.38, 0.45, 0.6, 0.75, 0.72, 0.65, 0.62, 0.65, 0.68, 0.62, 0.6, 0.62, 0.7, 0.85,
    0.98, 1, 0.95, 0.85, 0.7, 0.55,
  ],
  commercial: [
    0.35, 0.33, 0.32, 0.32, 0.33, 0.38, 0.5, 0.75, 0.92, 0.98, 1, 1, 0.97, 0.98, 0.97, 0.93, 0.85, 0.7, 0.55,
    0.48, 0.45, 0.42, 0.4, 0.37,
  ],
  industrial: [
    0.6, 0.58, 0.58, 0.58, 0.6, 0.7, 0.9, 0.98, 1, 1, 1, 0.98, 0.95, 0.98, 1, 0.98, 0.9, 0.78, 0.7, 0.66,
    0.64, 0.62, 0.61, 0.6,
  ],
  /** Water draw relative to the daily mean (averages about 1). */
  water: [
    0.45, 0.38, 0.35, 0.35, 0.4, 0.65, 1.25, 1.55, 1.4, 1.2, 1.1, 1.1, 1.15, 1.05, 0.95, 0.95, 1.05, 1.25,
    1.4, 1.35, 1.15, 0.95, 0.75, 0.55,
  ],
  /** Emergency calls relative to the daily mean. */
  calls: [
    0.5, 0.4, 0.35, 0.3, 0.3, 0.4, 0.6, 0.8, 1, 1.1, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.3, 1.4, 1.4, 1.3, 1.2, 1,
    0.8, 0.6,
  ],
} as const satisfies Record<string, Hourly>;

/** Names of the daily shapes. */
export type ProfileName = keyof typeof PROFILES;

/** The factor of profile `name` at fractional local hour `hour` (0 ≤ hour < 24). */
export function profileAt(name: ProfileName, hour: number): number {
  const p: Hourly = PROFILES[name];
  const i = Math.floor(hour) % 24;
  const frac = hour - Math.floor(hour);
  return p[i]! + (p[(i + 1) % 24]! - p[i]!) * frac;
}

/** The load profile for a breaker's `profile` param; unknown names read as residential. */
export function loadProfile(name: unknown): ProfileName {
  return name === 'commercial' || name === 'industrial' ? name : 'residential';
}

/** True on a working day between 07:30 and 17:30 local. */
export function officeHours(hour: number, weekday: number): boolean {
  return weekday < 5 && hour >= 7.5 && hour < 17.5;
}

/** How much later (hours) and how much lower the water-use day runs on Saturday and Sunday. */
const WEEKEND_WATER: Readonly<Record<number, { shiftH: number; level: number }>> = {
  5: { shiftH: 1.5, level: 0.97 },
  6: { shiftH: 2, level: 0.94 },
};

/**
 * Water draw relative to the weekly mean at local `hour` on `weekday` (0 = Monday): the daily shape,
 * with the morning peak later and the whole day a little lower at weekends (people sleep in).
 */
export function waterDemandFactor(hour: number, weekday: number): number {
  const weekend = WEEKEND_WATER[weekday];
  if (!weekend) return profileAt('water', hour);
  return weekend.level * profileAt('water', (hour - weekend.shiftH + 24) % 24);
}
