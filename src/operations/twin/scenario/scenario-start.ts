// Where to start a scenario's clock so its steps land at the local time they were written for.
import type { CityModel, Scenario } from '../../../domain/index.js';
import { LocalTimeReader } from '../local-time.js';

/**
 * The first instant at or after `notBeforeMs` at which the city's local clock shows the scenario's
 * `startLocalTime`; `notBeforeMs` itself when the scenario names no start time. A live demo can
 * start its ScaledClock at `scenarioStartMs(...) − attackAfterMs` so the attack begins on time.
 */
export function scenarioStartMs(scenario: Scenario, city: CityModel, notBeforeMs: number): number {
  if (!scenario.startLocalTime) return notBeforeMs;
  return new LocalTimeReader(city.city.city.timezone, city.city.city.center).nextLocalTime(
    scenario.startLocalTime,
    notBeforeMs,
  );
}
