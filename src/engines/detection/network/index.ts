// Network detection: protocol baselines (masters, commands, points, values, polling, sequences,
// scans, new devices) and Kitsune-style anomaly scoring over decoded captures, producing per-packet
// verdicts and deduplicated Alerts. Re-export from src/engines/detection/index.ts.
export { NetworkDetector, type NetworkDetectorOptions, type NetworkDetectorSink, type PacketVerdict } from './network-detector.js';
export type { NetworkFinding, FindingKind } from './network-finding.js';
export { findingToAlert } from './network-alert.js';
export { NETWORK_TECHNIQUES, type NetworkTechniqueId } from './techniques.js';
export { NETWORK_BASELINE_DEFAULTS, type NetworkBaselineOptions } from './baseline/baseline-options.js';
export { toControlMessage, type ControlMessage, type ControlBlock, type CommandClass } from './baseline/control-message.js';
export { ProtocolBaseline } from './baseline/protocol-baseline.js';
export { NetworkAnomalyDetector, NETWORK_ANOMALY_DEFAULTS, type NetworkAnomalyOptions, type PacketScore } from './kitsune/network-anomaly-detector.js';
export { NetworkFeatureExtractor, FEATURE_GROUPS } from './kitsune/feature-extractor.js';
export { KitNet, KITNET_DEFAULTS, type KitNetOptions } from './kitsune/kitnet.js';
export { CaptureFeed, type CaptureFeedSink, type CaptureFeedOptions, type CaptureFolderWatch, type FeedResult } from './capture-feed.js';
export { CaptureAnalysis, type CaptureReport, type HostSummary, type ConnectionSummary } from './capture-analysis.js';
export type { AssetCandidate } from './asset-candidates.js';
export type { AnalysisFinding } from './finding-tally.js';
export { analyzeCapture, countPackets, detectOffline, type OfflineDetectionOptions, type OfflineDetectionResult } from './offline-detection.js';
export { networkLearningInvalid } from './errors.js';
