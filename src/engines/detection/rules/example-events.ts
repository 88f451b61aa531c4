// Turns a rule's `tests:` examples into real Events: ids, timestamps (from `at` offsets), source and
// empty maps are filled in, then each is validated so a broken example is a located load error.
import { durationMs, RULE_EXAMPLE_START } from '../../../domain/index.js';
import type { Event, Rule } from '../../../domain/index.js';
import type { RuleProblem } from './condition.js';
import { validateEvent } from './event-validator.js';

const DEFAULTS: Readonly<Record<string, Record<string, unknown>>> = {
  telemetry: { metrics: {} },
  network: { transport: 'tcp', attrs: {} },
  command: { args: {}, actor: {} },
  auth: { attrs: {} },
  log: { severity: 6, attrs: {} },
};

/** The events of example `index` with its start and end times, or the problems found building them. */
export interface ExampleRun {
  startMs: number;
  untilMs: number;
  events: Event[];
  problems: RuleProblem[];
}

/** Builds the events of `spec.tests[index]`. Events without `at` follow the previous one by 1 s. */
export function exampleEvents(spec: Rule, index: number): ExampleRun {
  const example = spec.tests[index]!;
  const at = `/tests/${index}`;
  const startMs = Date.parse(example.start ?? RULE_EXAMPLE_START);
  const problems: RuleProblem[] = [];
  if (Number.isNaN(startMs)) problems.push({ path: `${at}/start`, message: `not a date-time: ${example.start}` });
  const events: Event[] = [];
  let offset = -1000;
  example.events.forEach((raw, j) => {
    const { at: when, ...fields } = raw as { at?: unknown } & Record<string, unknown>;
    if (when !== undefined) {
      const ms = typeof when === 'string' ? durationMs(when) : Number.NaN;
      if (Number.isNaN(ms)) problems.push({ path: `${at}/events/${j}/at`, message: 'at must be a duration from the start, e.g. 90s or 5m' });
      offset = Number.isNaN(ms) ? offset + 1000 : ms;
    } else offset += 1000;
    const ts = startMs + offset;
    const candidate = { id: `${spec.id}/t${index}/e${j}`, ts, receivedTs: ts, source: 'twin', ...DEFAULTS[String(fields.type)], ...fields };
    const result = validateEvent(candidate);
    if (result.ok) events.push(result.event);
    else problems.push(...result.problems.map((p) => ({ path: `${at}/events/${j}${p.path}`, message: `example event: ${p.message}` })));
  });
  const untilMs = example.until ? startMs + durationMs(example.until) : Math.max(startMs, ...events.map((e) => e.ts));
  if (example.alerts !== undefined && example.expect !== 'alert') problems.push({ path: `${at}/alerts`, message: 'alerts counts only make sense with expect: alert' });
  return { startMs, untilMs, events, problems };
}

/** Every problem in a rule's examples (used when the rule loads). */
export function checkExamples(spec: Rule): RuleProblem[] {
  return spec.tests.flatMap((_, i) => exampleEvents(spec, i).problems);
}
