// Runs a rule set over recorded events in time order, time advancing with the events (and
// optionally beyond the last one), and reports per rule what fired, on which events, and why the
// others did not. The engine behind `cityguard rules test`.
import type { Alert, CityModel } from '../../../domain/index.js';
import { ManualClock } from '../../../platform/clock/index.js';
import type { CompiledRule } from './compiled-rule.js';
import type { LineEvent } from './jsonl-events.js';
import { RuleDiagnostics, type NearestCandidate } from './rule-diagnostics.js';
import { RuleEngine } from './rule-engine.js';

/** One rule's outcome on the recording. */
export interface RuleOutcome {
  ruleId: string;
  title: string;
  severity: CompiledRule['severity'];
  technique: { id: string; name: string };
  tactic: CompiledRule['tactic'];
  file: string;
  enabled: boolean;
  alerts: Alert[];
  matched: number;
  suppressed: number;
  duplicates: number;
  /** Why it raised nothing (absent when it fired or is disabled). */
  reason?: string;
  nearest?: NearestCandidate & { line?: number | undefined };
}

/** The whole run. */
export interface RecordedRunReport {
  rules: RuleOutcome[];
  /** Every alert, in time order. */
  alerts: Alert[];
  /** Source line of each event id. */
  lines: Record<string, number>;
  duplicateEvents: number;
  fromTs?: number;
  toTs?: number;
}

/** Runs `rules` over `events` (any order; sorted by time, ties keep input order). */
export function runRecordedEvents(rules: readonly CompiledRule[], events: readonly LineEvent[], options: { city?: CityModel | undefined; advanceMs?: number } = {}): RecordedRunReport {
  const sorted = [...events].sort((a, b) => a.event.ts - b.event.ts || a.line - b.line);
  const first = sorted[0]?.event.ts ?? 0;
  const engine = new RuleEngine({ rules, city: options.city, clock: new ManualClock(first) });
  const alerts: Alert[] = [];
  for (const { event } of sorted) alerts.push(...engine.tick(event.ts), ...engine.process([event]));
  const lastTs = sorted.length ? sorted[sorted.length - 1]!.event.ts : first;
  const toTs = lastTs + (options.advanceMs ?? 0);
  alerts.push(...engine.tick(toTs));
  const lines: Record<string, number> = {};
  for (const { event, line } of sorted) lines[event.id] ??= line;
  const stats = engine.stats();
  const byRule = new Map(stats.rules.map((s) => [s.ruleId, s]));
  const diagnostics = new RuleDiagnostics(options.city);
  const plain = sorted.map((e) => e.event);
  const outcomes = rules.map((rule): RuleOutcome => {
    const s = byRule.get(rule.id);
    const own = alerts.filter((a) => a.detector.id === rule.id);
    const outcome: RuleOutcome = {
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      technique: rule.technique,
      tactic: rule.tactic,
      file: rule.file,
      enabled: rule.enabled,
      alerts: own,
      matched: s?.matched ?? 0,
      suppressed: s?.suppressed ?? 0,
      duplicates: s?.duplicates ?? 0,
    };
    if (!rule.enabled) return { ...outcome, reason: 'disabled (enabled: false)' };
    if (own.length > 0) return outcome;
    const d = diagnostics.diagnose(rule, plain, engine.progress(rule.id));
    return { ...outcome, reason: d.reason, ...(d.nearest ? { nearest: { ...d.nearest, line: lines[d.nearest.eventId] } } : {}) };
  });
  return { rules: outcomes, alerts, lines, duplicateEvents: stats.duplicateEvents, ...(sorted.length ? { fromTs: first, toTs } : {}) };
}
