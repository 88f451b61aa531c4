// Drills as a library: an attack scenario on a fresh twin with the live engines, measured in
// detection and containment times and customer-minutes lost; scorecards kept with their history and
// configuration fingerprint, and drills run on a schedule. Outside code imports only from here.
export { runDrill, approvedBeforeRun, type DrillOptions, type DrillReport, type DrillAction } from './drill-runner.js';
export { DrillWorld, type DrillWorldOptions } from './drill-world.js';
export { DrillApprovers, DEFAULT_DRILL_APPROVERS } from './drill-approvers.js';
export { DrillLog, TwinCommandTransport, TwinHandover, TwinOpenC2, type DrillMessage } from './drill-ports.js';
export { drillProgress, type DrillProgress, type DrillAssetState } from './drill-progress.js';
export { configFingerprint, fingerprintChanges, canonicalJson, type DrillFingerprint, type FingerprintInput } from './config-fingerprint.js';
export { finishScorecard, scorecardLine, type DrillScorecard, type DrillRegression, type DrillTrigger } from './drill-scorecard.js';
export { DrillHistory, type DrillTrend, type DrillTrendPoint } from './drill-history.js';
export { DrillDesk, type DrillContent, type DrillDeskOptions, type DrillRequest } from './drill-desk.js';
export { parseDrillSchedule, type DrillSchedule } from './drill-schedule.js';
export { DrillScheduler, type DrillSchedulerOptions, type DrillSchedulerStats } from './drill-scheduler.js';
export { drillBadSchedule, drillNotFound, drillQueueFull, drillUnknownScenario } from './errors.js';
