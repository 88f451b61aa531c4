// Error factories of the bus, one per code (docs/errors.md).
import { CityguardError } from '../../domain/index.js';

/** A publish after `close()`. */
export function busClosed(topic: string): CityguardError {
  return new CityguardError('CG_BUS_CLOSED', `the bus is closed; cannot publish to ${topic}`, { topic });
}
