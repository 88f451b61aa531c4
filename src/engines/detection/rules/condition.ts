// Compiles a rule's condition tree into a fast test, plus an explain mode that says which parts
// failed (used by `cityguard rules test`, never on the hot path). Problems are collected by path.
import type { AssetKind, Condition, ConditionOperator, EventType, TimeCondition } from '../../../domain/index.js';
import { WEEKDAYS } from '../../../domain/index.js';
import type { EventContext } from './event-context.js';
import { compilePath } from './field-path.js';
import { clockMinutes, inDailyRange } from './local-calendar.js';
import { OPERATORS, OPERATOR_NAMES, operandText } from './operators.js';
import { checkPath } from './path-checks.js';

/** A problem in a rule, by JSON pointer into the rule file. */
export interface RuleProblem {
  path: string;
  message: string;
}

/** How one evaluation went: whether it held, how many leaf tests passed, and what failed. */
export interface ConditionTrace {
  ok: boolean;
  passed: number;
  failed: string[];
}

/** A compiled condition. */
export interface ConditionNode {
  readonly text: string;
  test(ctx: EventContext): boolean;
  explain(ctx: EventContext): ConditionTrace;
}

/** What the condition is read against, and where problems go. */
export interface ConditionScope {
  type: EventType;
  kinds?: readonly AssetKind[] | undefined;
  problems: RuleProblem[];
}

const KINDS = ['all', 'any', 'not', 'time', 'field'] as const;
const NEVER: ConditionNode = { text: '(invalid)', test: () => false, explain: () => ({ ok: false, passed: 0, failed: ['(invalid)'] }) };

/** Compiles `cond` found at JSON pointer `at`; problems are appended to `scope.problems`. */
export function compileCondition(cond: Condition, at: string, scope: ConditionScope): ConditionNode {
  const present = KINDS.filter((k) => cond[k] !== undefined);
  const ops = OPERATOR_NAMES.filter((o) => cond[o] !== undefined);
  if (present.length !== 1) {
    const found = present.length ? `found ${present.join(' and ')}` : ops.length ? `operator ${ops[0]} needs a field` : 'found none';
    scope.problems.push({ path: at, message: `a condition needs exactly one of all, any, not, time, field (${found})` });
    return NEVER;
  }
  if (present[0] !== 'field' && (ops.length > 0 || cond.ignoreCase !== undefined)) {
    scope.problems.push({ path: `${at}/${ops[0] ?? 'ignoreCase'}`, message: `only a field condition takes an operator` });
  }
  switch (present[0]) {
    case 'all':
      return group('all', cond.all!.map((c, i) => compileCondition(c, `${at}/all/${i}`, scope)));
    case 'any':
      return group('any', cond.any!.map((c, i) => compileCondition(c, `${at}/any/${i}`, scope)));
    case 'not':
      return negation(compileCondition(cond.not!, `${at}/not`, scope));
    case 'time':
      return timeNode(cond.time!, `${at}/time`, scope);
    default:
      return fieldNode(cond, ops, at, scope);
  }
}

function group(kind: 'all' | 'any', children: ConditionNode[]): ConditionNode {
  const text = `${kind} of (${children.map((c) => c.text).join('; ')})`;
  if (kind === 'all') {
    return {
      text,
      test: (ctx) => children.every((c) => c.test(ctx)),
      explain: (ctx) => {
        const traces = children.map((c) => c.explain(ctx));
        return { ok: traces.every((t) => t.ok), passed: sum(traces), failed: traces.flatMap((t) => t.failed) };
      },
    };
  }
  return {
    text,
    test: (ctx) => children.some((c) => c.test(ctx)),
    explain: (ctx) => {
      const traces = children.map((c) => c.explain(ctx));
      const ok = traces.some((t) => t.ok);
      return { ok, passed: Math.max(0, ...traces.map((t) => t.passed)), failed: ok ? [] : [`none of (${traces.flatMap((t) => t.failed).join('; ')})`] };
    },
  };
}

function negation(child: ConditionNode): ConditionNode {
  const text = `not (${child.text})`;
  return {
    text,
    test: (ctx) => !child.test(ctx),
    explain: (ctx) => {
      const ok = !child.test(ctx);
      return { ok, passed: ok ? 1 : 0, failed: ok ? [] : [text] };
    },
  };
}

function timeNode(t: TimeCondition, at: string, scope: ConditionScope): ConditionNode {
  const parts: Array<{ text: string; test: (ctx: EventContext) => boolean }> = [];
  if (t.maintenance) {
    const inside = t.maintenance === 'inside';
    parts.push({
      text: `${t.maintenance} maintenance windows`,
      test: (ctx) => ctx.calendar.inMaintenance(ctx.event.ts, ctx.asset()?.zone) === inside,
    });
  }
  if (t.hours) {
    const [from, to] = [clockMinutes(t.hours.from), clockMinutes(t.hours.to)];
    if (from === to) scope.problems.push({ path: `${at}/hours`, message: 'from and to are the same time: the range is empty' });
    parts.push({ text: `between ${t.hours.from} and ${t.hours.to} local time`, test: (ctx) => inDailyRange(ctx.local().minuteOfDay, from, to) });
  }
  if (t.days) {
    const days = new Set(t.days.map((d) => WEEKDAYS.indexOf(d)));
    parts.push({ text: `on ${t.days.join(', ')}`, test: (ctx) => days.has(ctx.local().weekday) });
  }
  if (parts.length === 0) scope.problems.push({ path: at, message: 'a time condition needs maintenance, hours or days' });
  const text = parts.map((p) => p.text).join(' and ');
  const test = (ctx: EventContext) => parts.every((p) => p.test(ctx));
  return { text, test, explain: (ctx) => leafTrace(test(ctx), text, ctx.calendar.format(ctx.event.ts)) };
}

function fieldNode(cond: Condition, ops: ConditionOperator[], at: string, scope: ConditionScope): ConditionNode {
  const field = cond.field!;
  const pathProblem = checkPath(field, scope.type, scope.kinds);
  if (pathProblem) scope.problems.push({ path: `${at}/field`, message: pathProblem });
  if (ops.length !== 1) {
    scope.problems.push({ path: at, message: `field ${field} needs exactly one operator (${ops.length ? `found ${ops.join(', ')}` : `one of ${OPERATOR_NAMES.join(', ')}`})` });
    return NEVER;
  }
  const op = ops[0]!;
  const def = OPERATORS[op];
  const operand = cond[op];
  const operandProblem = def.check(operand);
  if (operandProblem) scope.problems.push({ path: `${at}/${op}`, message: `${op} ${operandProblem}` });
  const ref = (r: { ref: string; times?: number; plus?: number }) => {
    const p = checkPath(r.ref, scope.type, scope.kinds);
    if (p) scope.problems.push({ path: `${at}/${op}/ref`, message: p });
    const read = compilePath(r.ref);
    if (r.times === undefined && r.plus === undefined) return (ctx: EventContext) => read.get(ctx);
    const [times, plus] = [r.times ?? 1, r.plus ?? 0];
    return (ctx: EventContext) => {
      const v = read.get(ctx);
      return typeof v === 'number' ? v * times + plus : undefined;
    };
  };
  if (pathProblem || operandProblem) return NEVER;
  const path = compilePath(field);
  const valueTest = def.compile({ operand, ignoreCase: cond.ignoreCase === true, ref });
  const text = `${field} ${def.symbol} ${operandText(operand)}${cond.ignoreCase ? ' (any case)' : ''}`;
  const test = (ctx: EventContext) => valueTest(path.get(ctx), ctx);
  const refPath = isFieldRef(operand) ? compilePath(operand.ref) : undefined;
  const actual = (ctx: EventContext) => {
    const value = JSON.stringify(path.get(ctx)) ?? 'absent';
    return refPath ? `${value}; ${refPath.text} is ${JSON.stringify(refPath.get(ctx)) ?? 'absent'}` : value;
  };
  return { text, test, explain: (ctx) => leafTrace(test(ctx), text, actual(ctx)) };
}

function isFieldRef(v: unknown): v is { ref: string } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'ref' in v;
}

function leafTrace(ok: boolean, text: string, actual: string): ConditionTrace {
  return { ok, passed: ok ? 1 : 0, failed: ok ? [] : [`${text} (was ${actual})`] };
}

function sum(traces: ConditionTrace[]): number {
  return traces.reduce((n, t) => n + t.passed, 0);
}
