// The domain's public surface: types and runtime schemas, no I/O.
export * from './errors.js';
export * from './common.js';
export * from './attack.js';
export * from './asset.js';
export * from './service.js';
export * from './event.js';
export * from './alert.js';
export * from './incident.js';
export * from './action.js';
export * from './city.js';
export * from './telemetry.js';
export * from './quarantine.js';
export * from './city-model.js';
export * from './city-checks.js';
export * from './config.js';
export * from './rule.js';
export * from './device-messages.js';
