// The result of checking untrusted input: a value, or a reason a person can read. Parsers and
// verifiers return this instead of throwing, because bad input is expected data here.

/** Success with a value, or failure with a reason. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A successful result. */
export function ok<T>(value: T): Checked<T> {
  return { ok: true, value };
}

/** A failed result. */
export function fail<T = never>(error: string): Checked<T> {
  return { ok: false, error };
}
