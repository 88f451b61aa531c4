// The detection engine's public surface: the ATT&CK for ICS table, YAML rules and the rules
// engine, and correlation of alerts into incidents. Sub-engines (anomaly, network) add their
// exports below; outside code imports nothing else from this folder.
export { loadTechniqueTable, TechniqueTable, DEFAULT_TECHNIQUES_PATH, type Technique } from './attack/technique-table.js';
export { loadRules, parseRules, parseRuleText, ruleFiles, type RuleSet } from './rules/load-rules.js';
export type { CompiledRule, CompiledFilter } from './rules/compiled-rule.js';
export { RuleEngine, type RuleEngineOptions, type RuleEngineStats, type RuleStats } from './rules/rule-engine.js';
export { dedupKeyOf, alertIdOf } from './rules/alert-factory.js';
export { validateEvent, type EventProblem } from './rules/event-validator.js';
export { runRuleExamples, type ExampleResult } from './rules/rule-examples.js';
export { Correlator, type CorrelatorOptions } from './correlation/correlator.js';
export { LINK_KINDS, type LinkKind } from './correlation/link-keys.js';
export { DEFAULT_ESCALATION, type EscalationPolicy } from './correlation/severity-escalation.js';
export { parseEventsJsonl, readEventsJsonl, type LineEvent, type JsonlRead } from './rules/jsonl-events.js';
export { runRecordedEvents, type RecordedRunReport, type RuleOutcome } from './rules/recorded-run.js';
export type { RuleEngineSnapshot, RestoreReport } from './rules/engine-snapshot.js';
export { isAssetLocal, splitByLocality } from './rules/rule-locality.js';
export { RuleRouter } from './rules/rule-router.js';
export * from './network/index.js';
export {
  ProcessDetector,
  ProcessMonitor,
  MONITOR_FORMAT,
  type BaselineSource,
  type DetectorPhase,
  type MonitorSnapshot,
  type ProcessMonitorOptions,
  type ProcessStatus,
  type SamplerCounts,
} from './anomaly/index.js';
export { storeAndPublishAlert } from './raise-alert.js';
