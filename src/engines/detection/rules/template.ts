// Explanation templates: `{{path}}` (or `{{a|b|'text'}}`: the first present) placeholders filled from the triggering event, its asset, the
// acting asset, the earlier event of a sequence (`prev.…`) and the window (`window.count`, …).
// Placeholders are checked when the rule loads; an absent value renders as "(not reported)".
import type { AssetKind, EventType, RulePattern } from '../../../domain/index.js';
import type { RuleProblem } from './condition.js';
import type { EventContext } from './event-context.js';
import { compilePath } from './field-path.js';
import { checkPath } from './path-checks.js';

/** What a window-based rule saw, for explanations and evidence. */
export interface WindowFacts {
  fromTs: number;
  toTs: number;
  /** Length of the rule's window (threshold/sequence/absence) or silence. */
  lengthMs: number;
  count: number;
  distinct?: readonly string[];
  group?: string;
}

/** Everything a placeholder may read. */
export interface TemplateData {
  ctx: EventContext;
  prev?: EventContext | undefined;
  window?: WindowFacts | undefined;
  rule: { id: string; title: string };
  cityName: string;
}

/** A compiled template. */
export interface CompiledTemplate {
  render(data: TemplateData): string;
}

type Reader = (d: TemplateData) => unknown;

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;
const minutes = (ms: number) => Math.round(ms / 6000) / 10;
const WINDOW: Readonly<Record<string, Reader>> = {
  count: (d) => d.window?.count,
  minutes: (d) => (d.window ? minutes(d.window.lengthMs) : undefined),
  elapsedMinutes: (d) => (d.window ? minutes(d.window.toTs - d.window.fromTs) : undefined),
  from: (d) => (d.window ? d.ctx.calendar.format(d.window.fromTs) : undefined),
  to: (d) => (d.window ? d.ctx.calendar.format(d.window.toTs) : undefined),
  distinct: (d) => shortList(d.window?.distinct),
  distinctCount: (d) => d.window?.distinct?.length,
  group: (d) => d.window?.group,
};
const OTHER: Readonly<Record<string, Reader>> = {
  'rule.id': (d) => d.rule.id,
  'rule.title': (d) => d.rule.title,
  'city.name': (d) => d.cityName,
  localTime: (d) => d.ctx.calendar.format(d.ctx.event.ts),
};

/** The context a template is checked against. */
export interface TemplateScope {
  type: EventType;
  kinds?: readonly AssetKind[] | undefined;
  /** Event type of `prev.…` placeholders; only sequences have one. */
  prevType?: EventType | undefined;
  prevKinds?: readonly AssetKind[] | undefined;
  pattern: RulePattern;
  problems: RuleProblem[];
}

/** Compiles template `text` at JSON pointer `at`; unknown placeholders become problems. */
export function compileTemplate(text: string, at: string, scope: TemplateScope): CompiledTemplate {
  const literals: string[] = [];
  const readers: Reader[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    literals.push(text.slice(last, m.index));
    readers.push(placeholder(m[1]!, at, scope));
    last = m.index + m[0].length;
  }
  literals.push(text.slice(last));
  if (literals.some((l) => l.includes('{{') || l.includes('}}'))) scope.problems.push({ path: at, message: 'unbalanced {{ or }} in the text' });
  if (readers.length === 0) return { render: () => text };
  return {
    render: (d) => literals.reduce((out, lit, i) => out + lit + (i < readers.length ? show(readers[i]!(d)) : ''), ''),
  };
}

/** `{{a|b|'text'}}` reads `a`, else `b` when `a` is absent, else the quoted text. */
function placeholder(spec: string, at: string, scope: TemplateScope): Reader {
  const readers = spec.split('|').map((p) => {
    const part = p.trim();
    const quoted = /^'([^']*)'$/.exec(part);
    return quoted ? () => quoted[1] : single(part, at, scope);
  });
  if (readers.length === 1) return readers[0]!;
  return (d) => {
    for (const r of readers) {
      const v = r(d);
      if (v !== undefined && v !== null && v !== '') return v;
    }
    return undefined;
  };
}

function single(path: string, at: string, scope: TemplateScope): Reader {
  const fail = (message: string): Reader => {
    scope.problems.push({ path: at, message: `{{${path}}}: ${message}` });
    return () => undefined;
  };
  if (OTHER[path]) return OTHER[path]!;
  if (path.startsWith('window.')) {
    if (scope.pattern === 'match') return fail('window values exist only in threshold, sequence, absence and silence rules');
    return WINDOW[path.slice(7)] ?? fail(`unknown window value (known: ${Object.keys(WINDOW).map((k) => `window.${k}`).join(', ')})`);
  }
  if (path.startsWith('prev.')) {
    if (!scope.prevType) return fail('prev.… exists only in sequence rules (the earlier event)');
    const problem = checkPath(path.slice(5), scope.prevType, scope.prevKinds);
    if (problem) return fail(problem);
    const p = compilePath(path.slice(5));
    return (d) => (d.prev ? p.get(d.prev) : undefined);
  }
  const problem = checkPath(path, scope.type, scope.kinds);
  if (problem) return fail(problem);
  const p = compilePath(path);
  return (d) => p.get(d.ctx);
}

function shortList(values: readonly string[] | undefined): string | undefined {
  if (!values) return undefined;
  const shown = values.slice(0, 8).join(', ');
  return values.length > 8 ? `${shown} and ${values.length - 8} more` : shown;
}

/** Renders a value for a person: rounded numbers, yes/no, lists joined. */
export function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '(not reported)';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : '(none)';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
