// Turns a schema-valid rule into a CompiledRule, collecting every problem the schema cannot see:
// unknown techniques, wrong tactics, bad paths, operators, templates and example events.
import { durationMs, matchesSelector, rulePattern, RULE_PATTERNS } from '../../../domain/index.js';
import type { AssetKind, EventFilter, EventType, Rule } from '../../../domain/index.js';
import type { TechniqueTable } from '../attack/technique-table.js';
import { compileCondition, type RuleProblem } from './condition.js';
import type { CompiledFilter, CompiledRule } from './compiled-rule.js';
import type { EventContext } from './event-context.js';
import { compilePath, type FieldPath } from './field-path.js';
import { checkPath } from './path-checks.js';
import { checkExamples } from './example-events.js';
import { compileTemplate, type TemplateScope } from './template.js';

/** Compiles one rule; `rule` is undefined when any problem was found. */
export function compileRule(spec: Rule, techniques: TechniqueTable, file: string): { rule?: CompiledRule; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const technique = techniques.get(spec.attack.technique);
  if (!technique) problems.push({ path: '/attack/technique', message: `${spec.attack.technique} is not an ATT&CK for ICS technique (table: ${techniques.source})` });
  else if (!technique.tactics.includes(spec.attack.tactic)) {
    problems.push({ path: '/attack/tactic', message: `${technique.id} ${technique.name} serves ${technique.tactics.join(', ')}, not ${spec.attack.tactic}` });
  }
  const patterns = RULE_PATTERNS.filter((p) => spec[p] !== undefined);
  if (patterns.length > 1) problems.push({ path: `/${patterns[1]}`, message: `a rule uses at most one of ${RULE_PATTERNS.join(', ')} (found ${patterns.join(' and ')})` });
  const pattern = rulePattern(spec);

  const match = compileFilter(spec.match, '/match', problems);
  const paths = (list: readonly string[] | undefined, at: string, f: EventFilter) =>
    (list ?? []).map((p, i) => checkedPath(p, `${at}/${i}`, f, problems));
  const kinds = spec.match.scope?.kinds;

  const compiled: CompiledRule = {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    enabled: spec.enabled,
    technique: { id: spec.attack.technique, name: technique?.name ?? spec.attack.technique },
    tactic: spec.attack.tactic,
    pattern,
    source: spec,
    file,
    match,
    suppress: { forMs: durationMs(spec.suppress.for), by: spec.suppress.by && paths(spec.suppress.by, '/suppress/by', spec.match) },
    facts: paths(spec.facts, '/facts', spec.match),
    explanation: compileExplanation(spec, pattern, problems),
  };
  const t = spec.threshold;
  if (t) {
    const distinct = t.distinct === undefined ? undefined : checkedPath(t.distinct, '/threshold/distinct', spec.match, problems);
    Object.assign(compiled, {
      threshold: { count: t.count, withinMs: durationMs(t.within), groupBy: paths(t.groupBy, '/threshold/groupBy', spec.match), ...(distinct ? { distinct } : {}) },
    });
  }
  const s = spec.sequence;
  if (s) {
    const after = compileFilter(s.after, '/sequence/after', problems);
    const pair = (by: readonly string[] | undefined, afterBy: readonly string[] | undefined, at: string) => {
      const b = paths(by, `${at}/by`, spec.match);
      const a = afterBy ? paths(afterBy, `${at}/afterBy`, s.after) : paths(by, `${at}/by`, s.after);
      if (a.length !== b.length) problems.push({ path: `${at}/afterBy`, message: `afterBy needs as many fields as by (${b.length})` });
      return { by: b, afterBy: a };
    };
    // Without `by`, the first key set is empty (any earlier event pairs) — unless `or` names key sets.
    const first = s.by !== undefined || s.or === undefined ? [pair(s.by, s.afterBy, '/sequence')] : [];
    const keys = [...first, ...(s.or ?? []).map((o, i) => pair(o.by, o.afterBy, `/sequence/or/${i}`))];
    Object.assign(compiled, { sequence: { after, withinMs: durationMs(s.within), keys } });
  }
  const a = spec.absence;
  if (a) {
    const missing = compileFilter(a.missing, '/absence/missing', problems);
    const by = paths(a.by, '/absence/by', spec.match);
    const missingBy = a.missingBy ? paths(a.missingBy, '/absence/missingBy', a.missing) : paths(a.by, '/absence/by', a.missing);
    if (missingBy.length !== by.length) problems.push({ path: '/absence/missingBy', message: `missingBy needs as many fields as by (${by.length})` });
    Object.assign(compiled, {
      absence: { missing, withinMs: durationMs(a.within), graceMs: a.grace ? durationMs(a.grace) : 0, by, missingBy },
    });
  }
  if (spec.silence) Object.assign(compiled, { silence: { forMs: durationMs(spec.silence.for) } });
  if (kinds === undefined && spec.silence) {
    problems.push({ path: '/match/scope', message: 'a silence rule needs match.scope.kinds: which devices are expected to keep reporting' });
  }
  problems.push(...checkExamples(spec));
  return problems.length > 0 ? { problems } : { rule: Object.freeze(compiled), problems };
}

function checkedPath(text: string, at: string, filter: EventFilter, problems: RuleProblem[]): FieldPath {
  const problem = checkPath(text, filter.type, filter.scope?.kinds);
  if (problem) problems.push({ path: at, message: problem });
  return compilePath(text);
}

/** Compiles an event filter found at JSON pointer `at`. */
export function compileFilter(f: EventFilter, at: string, problems: RuleProblem[]): CompiledFilter {
  const kinds = f.scope?.kinds as readonly AssetKind[] | undefined;
  const where = f.where ? compileCondition(f.where, `${at}/where`, { type: f.type as EventType, kinds, problems }) : undefined;
  const scope = f.scope && Object.keys(f.scope).length > 0 ? f.scope : undefined;
  const scopeText = scope ? ` on assets ${JSON.stringify(scope)}` : '';
  // Assets do not change while a city is loaded, so each asset's membership is worked out once.
  const member = new WeakMap<object, boolean>();
  const inScope = scope
    ? (ctx: EventContext) => {
        const asset = ctx.asset();
        if (asset === undefined) return false;
        let hit = member.get(asset);
        if (hit === undefined) member.set(asset, (hit = matchesSelector(asset, scope)));
        return hit;
      }
    : () => true;
  const test = where ? (ctx: EventContext) => inScope(ctx) && where.test(ctx) : inScope;
  return Object.freeze({
    type: f.type,
    kinds: kinds && kinds.length > 0 ? kinds : undefined,
    scope,
    where,
    text: `${f.type} events${scopeText}${where ? ` where ${where.text}` : ''}`,
    test,
    explain: (ctx: EventContext) => {
      const ok = inScope(ctx);
      if (!ok) return { ok, inScope: ok, passed: 0, failed: [`asset not in scope ${JSON.stringify(scope)}`] };
      const trace = where ? where.explain(ctx) : { ok: true, passed: 0, failed: [] };
      return { ...trace, inScope: true };
    },
  });
}

function compileExplanation(spec: Rule, pattern: CompiledRule['pattern'], problems: RuleProblem[]): CompiledRule['explanation'] {
  const scope: TemplateScope = {
    type: spec.match.type,
    kinds: spec.match.scope?.kinds,
    prevType: spec.sequence?.after.type,
    prevKinds: spec.sequence?.after.scope?.kinds,
    pattern,
    problems,
  };
  const e = spec.explanation;
  return {
    what: compileTemplate(e.what, '/explanation/what', scope),
    why: compileTemplate(e.why, '/explanation/why', scope),
    whatToDo: e.whatToDo.map((s, i) => compileTemplate(s, `/explanation/whatToDo/${i}`, scope)),
  };
}
