// The one error type cityguard throws: a stable code, typed details and a cause.
// Codes are CG_<AREA>_<PROBLEM>; docs/errors.md lists each with its meaning and fix.

/** A failure with a stable code a user can look up in docs/errors.md. */
export class CityguardError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CityguardError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

/** True when `err` is a CityguardError, optionally with the given code. */
export function isCityguardError(err: unknown, code?: string): err is CityguardError {
  return err instanceof CityguardError && (code === undefined || err.code === code);
}
