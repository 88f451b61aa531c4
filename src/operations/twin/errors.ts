// Error factories of the city twin; codes are listed in docs/errors.md.
import { CityguardError } from '../../domain/index.js';

/** A twin option is out of range. */
export function invalidTwinOption(option: string, value: unknown): CityguardError {
  return new CityguardError('CG_TWIN_INVALID_OPTION', `twin option ${option} is invalid: ${String(value)}`, {
    option,
    value,
  });
}
