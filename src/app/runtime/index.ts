// The composition root and its configuration.
export { startRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
export { loadRuntimeConfig, demoConfig, demoStoreConfig, type DemoOptions } from './load-config.js';
export { openStore } from './open-store.js';
export { PACKAGE_ROOT, contentPath } from './paths.js';
