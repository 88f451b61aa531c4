// Error codes of the detection engine. Bad rules are CG_CONTENT_INVALID (located problems, from
// src/platform/content); these cover what is missing or unusable around them.
import { CityguardError } from '../../domain/index.js';

/** The rules path does not exist or holds no rule files. */
export function rulesNotFound(path: string, why: string): CityguardError {
  return new CityguardError('CG_DETECTION_RULES_NOT_FOUND', `no rules at ${path}: ${why}`, { path });
}

/** The ATT&CK for ICS technique table could not be read or is not in the expected shape. */
export function attackTableInvalid(path: string, why: string, cause?: unknown): CityguardError {
  return new CityguardError('CG_DETECTION_ATTACK_TABLE_INVALID', `ATT&CK for ICS technique table ${path} is unusable: ${why}`, { path }, cause);
}

/** The city's timezone is not an IANA zone this runtime knows. */
export function timezoneInvalid(timeZone: string, cause?: unknown): CityguardError {
  return new CityguardError(
    'CG_DETECTION_TIMEZONE_INVALID',
    `unknown timezone "${timeZone}" in the city file: use an IANA name such as Europe/Vienna`,
    { timeZone },
    cause,
  );
}

/** A file of recorded events could not be read at all (bad lines inside it are counted, not thrown). */
export function eventsUnreadable(path: string, cause: unknown): CityguardError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new CityguardError('CG_DETECTION_EVENTS_UNREADABLE', `cannot read events file ${path}: ${why}`, { path }, cause);
}

/** A detector snapshot that does not have the shape the engine writes (damaged, or from another version). */
export function detectionSnapshotInvalid(why: string, cause?: unknown): CityguardError {
  return new CityguardError('CG_DETECTION_SNAPSHOT_INVALID', `the rule engine snapshot cannot be restored: ${why}`, { why }, cause);
}
