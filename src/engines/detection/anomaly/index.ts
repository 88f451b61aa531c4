// Public surface of the anomaly detectors: streaming per-process detection on telemetry, the offline
// CSV series workflow behind `cityguard detect series`, and the BATADAL-style metrics.
export { ProcessDetector, type DetectorPhase, type DetectorStats, type Observation } from './process-detector.js';
export { ALL_MODELS, DEFAULTS, type ModelName, type ProcessDetectorConfig, type ResolvedConfig } from './detector-config.js';
export type { DetectorSnapshot } from './detector-snapshot.js';
export type { Departure, DepartureKind } from './departure.js';
export { inferLabel, type SignalInfo, type SignalLabel, type SignalRole } from './signal-catalog.js';
export { AlarmGate, alarmFraction, calibrateThreshold, type GateOptions, type GateStep } from './alarm-gate.js';
export { readSeriesCsv, splitCsvLine, type SeriesColumns, type SeriesTable } from './series-csv.js';
export { parseSeriesTime } from './series-time.js';
export { alignResolution, columnOrder, DEFAULT_HOLDOUT_FRACTION, scoreSeries, trainOnSeries, type SeriesScores, type SeriesTrainingOptions } from './offline-series.js';
export { scoreDetections, type AttackDetection, type DetectionMetrics } from './detection-metrics.js';
export { formatResultsCsv, RESULT_COLUMNS } from './series-output.js';
export { invalidControls, seriesFileFailed } from './errors.js';
export { ProcessMonitor, MONITOR_FORMAT, type BaselineSource, type MonitorSnapshot, type ProcessMonitorOptions, type ProcessStatus } from './process-monitor.js';
export { processLayout, type ProcessLayout, type SignalSlot } from './process-layout.js';
export type { SamplerCounts } from './process-sampler.js';
export { anomalyAlert, anomalyTechnique, type AnomalyAlertInput, type AnomalyTechnique } from './anomaly-alert.js';
export type { ControlRule, SetAsideRule } from './control-rules.js';
export { controlRulesFor, readEpanetControls, type EpanetControl, type SkippedControl } from './epanet-controls.js';
