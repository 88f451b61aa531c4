// The composition root and its configuration.
export { startRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
export { loadRuntimeConfig, demoConfig, demoStoreConfig, type DemoOptions } from './load-config.js';
export { openStore } from './open-store.js';
export { PACKAGE_ROOT, contentPath } from './paths.js';
export { startWorker, declareDetectionGroups, type Worker, type WorkerOptions, type WorkerRole } from './worker.js';
export { clusterSettings, type ClusterSettings } from './worker-settings.js';
export { readClusterStatus, type ClusterStatus } from './cluster-status.js';
export { drillContentPaths, loadDrillContent, type DrillContentPaths } from './drill-content.js';
