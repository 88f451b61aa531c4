// The operators a field condition may use, looked up by name in one explicit table. Each turns
// its operand into a test of one field value; a list-valued field (asset tags) matches when any
// element does. Absent fields fail every operator except the negative ones (notEquals, notIn).
import type { ConditionOperator, FieldRef } from '../../../domain/index.js';
import type { EventContext } from './event-context.js';

/** A test of one field value of the event under evaluation. */
export type ValueTest = (value: unknown, ctx: EventContext) => boolean;
/** Reads an operand: a literal, or another field of the same event. */
export type OperandReader = (ctx: EventContext) => unknown;

/** What an operator needs to build its test. */
export interface OperatorInput {
  operand: unknown;
  ignoreCase: boolean;
  /** Compiles a `{ ref: … }` operand into a reader (paths are checked by the caller). */
  ref(r: FieldRef): OperandReader;
}

/** One operator: its symbol for explanations, an operand check, and its compiler. */
export interface OperatorDef {
  readonly symbol: string;
  /** A problem with the operand the schema cannot see, or undefined. */
  check(operand: unknown): string | undefined;
  compile(input: OperatorInput): ValueTest;
}

const isRef = (v: unknown): v is FieldRef => v !== null && typeof v === 'object' && !Array.isArray(v) && 'ref' in v;
const fold = (v: unknown, ignoreCase: boolean): unknown => (ignoreCase && typeof v === 'string' ? v.toLowerCase() : v);
const anyElement = (test: ValueTest): ValueTest => (v, ctx) => (Array.isArray(v) ? v.some((x) => test(x, ctx)) : test(v, ctx));
const negate = (test: ValueTest): ValueTest => (v, ctx) => !test(v, ctx);
const noCheck = () => undefined;

function reader(input: OperatorInput): OperandReader {
  const { operand, ignoreCase } = input;
  if (isRef(operand)) {
    const read = input.ref(operand);
    return (ctx) => fold(read(ctx), ignoreCase);
  }
  const folded = fold(operand, ignoreCase);
  return () => folded;
}

function equals(input: OperatorInput): ValueTest {
  const read = reader(input);
  return anyElement((v, ctx) => v !== undefined && v !== null && fold(v, input.ignoreCase) === read(ctx));
}

function member(input: OperatorInput): ValueTest {
  const set = new Set((input.operand as unknown[]).map((v) => fold(v, input.ignoreCase)));
  return anyElement((v) => v !== undefined && v !== null && set.has(fold(v, input.ignoreCase)));
}

function compare(holds: (a: number, b: number) => boolean) {
  return (input: OperatorInput): ValueTest => {
    const read = reader({ ...input, ignoreCase: false });
    return anyElement((v, ctx) => {
      const b = read(ctx);
      return typeof v === 'number' && typeof b === 'number' && holds(v, b);
    });
  };
}

function text(holds: (value: string, operand: string) => boolean) {
  return (input: OperatorInput): ValueTest => {
    const read = reader(input);
    return anyElement((v, ctx) => {
      const b = read(ctx);
      return typeof v === 'string' && typeof b === 'string' && holds(fold(v, input.ignoreCase) as string, b);
    });
  };
}

function contains(input: OperatorInput): ValueTest {
  const read = reader(input);
  const inString = text((v, b) => v.includes(b))(input);
  return (v, ctx) => {
    if (!Array.isArray(v)) return inString(v, ctx);
    const b = read(ctx);
    return v.some((x) => fold(x, input.ignoreCase) === b);
  };
}

function regex(input: OperatorInput): ValueTest {
  const re = new RegExp(input.operand as string, input.ignoreCase ? 'i' : '');
  return anyElement((v) => typeof v === 'string' && re.test(v));
}

const number = (v: unknown) => (typeof v === 'number' || isRef(v) ? undefined : 'must be a number or { ref: field }');

/** Every operator, by the name rules use. */
export const OPERATORS: Readonly<Record<ConditionOperator, OperatorDef>> = Object.freeze({
  equals: { symbol: '=', check: noCheck, compile: equals },
  notEquals: { symbol: '≠', check: noCheck, compile: (i) => negate(equals(i)) },
  in: { symbol: 'in', check: noCheck, compile: member },
  notIn: { symbol: 'not in', check: noCheck, compile: (i) => negate(member(i)) },
  gt: { symbol: '>', check: number, compile: compare((a, b) => a > b) },
  gte: { symbol: '≥', check: number, compile: compare((a, b) => a >= b) },
  lt: { symbol: '<', check: number, compile: compare((a, b) => a < b) },
  lte: { symbol: '≤', check: number, compile: compare((a, b) => a <= b) },
  contains: { symbol: 'contains', check: noCheck, compile: contains },
  startswith: { symbol: 'starts with', check: noCheck, compile: text((v, b) => v.startsWith(b)) },
  endswith: { symbol: 'ends with', check: noCheck, compile: text((v, b) => v.endsWith(b)) },
  regex: {
    symbol: 'matches',
    check: (v) => {
      try {
        new RegExp(String(v));
        return undefined;
      } catch (err) {
        return `is not a valid regular expression: ${(err as Error).message}`;
      }
    },
    compile: regex,
  },
  exists: {
    symbol: 'exists',
    check: noCheck,
    compile: (i) => (v) => (v !== undefined && v !== null) === i.operand,
  },
});

/** Names of the operators, in table order. */
export const OPERATOR_NAMES = Object.keys(OPERATORS) as ConditionOperator[];

/** Renders an operand for explanations: literals as JSON, references by path. */
export function operandText(operand: unknown): string {
  if (!isRef(operand)) return JSON.stringify(operand);
  const scale = operand.times !== undefined ? ` × ${operand.times}` : '';
  const shift = operand.plus !== undefined ? ` + ${operand.plus}` : '';
  return `${operand.ref}${scale}${shift}`;
}
