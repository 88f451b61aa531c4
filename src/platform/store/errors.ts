// Error factories of the store, one per code (docs/errors.md).
import { CityguardError } from '../../domain/index.js';

/** A page cursor that this store did not issue, or that was altered. */
export function storeBadCursor(cursor: string): CityguardError {
  return new CityguardError('CG_STORE_BAD_CURSOR', 'the page cursor is not one this store issued', { cursor: cursor.slice(0, 64) });
}

/** The database could not be opened or brought up to date. */
export function storeOpenFailed(path: string, cause: unknown): CityguardError {
  return new CityguardError('CG_STORE_OPEN_FAILED', `could not open or migrate the store at ${path}`, { path }, cause);
}
