// Error factories of drills (schedules, scorecards, runs asked for by people); codes are listed in
// docs/errors.md.
import { CityguardError } from '../../domain/index.js';

/** A drill schedule (`--every`, `--at`, or the `drills` configuration) cannot be read. */
export function drillBadSchedule(text: string, problem: string): CityguardError {
  return new CityguardError('CG_DRILL_BAD_SCHEDULE', `drill schedule "${text}": ${problem}`, { schedule: text, problem });
}

/** A drill was asked for a scenario the library does not hold. */
export function drillUnknownScenario(id: string, known: readonly string[]): CityguardError {
  return new CityguardError('CG_DRILL_UNKNOWN_SCENARIO', `no scenario "${id}" in the drill library (${known.join(', ') || 'the library is empty'})`, {
    scenario: id,
    known: [...known],
  });
}

/** No drill run with this id is kept. */
export function drillNotFound(id: string): CityguardError {
  return new CityguardError('CG_DRILL_NOT_FOUND', `no drill run "${id}"`, { id });
}

/** Too many drills are waiting to run; the request was not queued. */
export function drillQueueFull(waiting: number): CityguardError {
  return new CityguardError('CG_DRILL_QUEUE_FULL', `${waiting} drills are already waiting to run; try again when they have finished`, { waiting });
}
