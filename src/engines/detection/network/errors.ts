// Error codes of network detection.
import { CityguardError } from '../../../domain/index.js';

/** An offline detection was asked without enough normal traffic to learn from. */
export function networkLearningInvalid(reason: string): CityguardError {
  return new CityguardError('CG_NETWORK_LEARNING_INVALID', `cannot learn normal traffic: ${reason}`, { reason });
}
