// Runs the examples a rule carries (`tests:`): each example in a fresh engine holding only that
// rule, events in time order with time advancing to each event and then to `until`.
import type { Alert, CityModel } from '../../../domain/index.js';
import { ManualClock } from '../../../platform/clock/index.js';
import type { CompiledRule } from './compiled-rule.js';
import { exampleEvents } from './example-events.js';
import { RuleEngine } from './rule-engine.js';

/** The outcome of one example. */
export interface ExampleResult {
  ruleId: string;
  file: string;
  example: string;
  expected: 'alert' | 'none';
  alerts: Alert[];
  ok: boolean;
  /** Why it failed, in a sentence; empty when ok. */
  message: string;
}

/** Runs every example of every rule (disabled rules too: their examples must still hold). */
export function runRuleExamples(rules: readonly CompiledRule[], city?: CityModel): ExampleResult[] {
  return rules.flatMap((rule) => rule.source.tests.map((_, i) => runExample(rule, i, city)));
}

function runExample(rule: CompiledRule, index: number, city: CityModel | undefined): ExampleResult {
  const example = rule.source.tests[index]!;
  const run = exampleEvents(rule.source, index);
  const engine = new RuleEngine({ rules: [{ ...rule, enabled: true }], city, clock: new ManualClock(run.startMs) });
  const alerts: Alert[] = [];
  for (const e of [...run.events].sort((a, b) => a.ts - b.ts)) {
    alerts.push(...engine.tick(e.ts), ...engine.process([e]));
  }
  alerts.push(...engine.tick(run.untilMs));
  const want = example.expect === 'alert' ? (example.alerts ?? 'at least 1') : 0;
  const ok = example.expect === 'none' ? alerts.length === 0 : example.alerts === undefined ? alerts.length > 0 : alerts.length === example.alerts;
  const message = ok ? '' : `expected ${want} alert(s), got ${alerts.length}${alerts.length === 0 ? `: ${engine.progress(rule.id) ?? ''}` : ''}`;
  return { ruleId: rule.id, file: rule.file, example: example.name, expected: example.expect, alerts, ok, message };
}
