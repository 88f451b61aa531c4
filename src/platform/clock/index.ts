// Clocks: real, scaled for the live twin, manual for tests and drills.
export type { Clock, TimerHandle } from './clock.js';
export { SystemClock } from './system-clock.js';
export { ScaledClock } from './scaled-clock.js';
export { ManualClock } from './manual-clock.js';
