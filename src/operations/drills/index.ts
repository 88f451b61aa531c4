// Drills as a library: an attack scenario on a fresh twin with the live engines, measured in
// detection and containment times and customer-minutes lost. Outside code imports only from here.
export { runDrill, approvedBeforeRun, type DrillOptions, type DrillReport, type DrillAction } from './drill-runner.js';
export { DrillWorld, type DrillWorldOptions } from './drill-world.js';
export { DrillApprovers, DEFAULT_DRILL_APPROVERS } from './drill-approvers.js';
export { DrillLog, TwinCommandTransport, TwinHandover, TwinOpenC2, type DrillMessage } from './drill-ports.js';
