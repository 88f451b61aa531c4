// Checks parsed content against a TypeBox schema: fills defaults, then reports every problem
// with its line. Schemas compile once and are cached.
import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Value } from 'typebox/value';
import type { ContentProblem } from './content-problem.js';
import type { YamlSource } from './yaml-source.js';

const compiled = new WeakMap<TSchema, Validator>();

function validatorFor(schema: TSchema): Validator {
  let v = compiled.get(schema);
  if (!v) {
    v = Compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

interface RawError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message: string;
}

/** Applies schema defaults to `value` and returns it with every schema problem located in `source`. */
export function checkAgainstSchema<T>(schema: TSchema, value: unknown, source: YamlSource): { value: T; problems: ContentProblem[] } {
  const filled = Value.Default(schema, structuredClone(value)) as T;
  const validator = validatorFor(schema);
  if (validator.Check(filled)) return { value: filled, problems: [] };
  const raw = [...validator.Errors(filled)] as unknown as RawError[];
  return { value: filled, problems: summarise(raw, schema).map((e) => locateError(e, source)) };
}

/** Turns TypeBox's per-branch union noise into one readable message per path. */
function summarise(errors: RawError[], schema: TSchema): RawError[] {
  const byPath = new Map<string, RawError[]>();
  for (const e of errors) {
    if (e.keyword === 'boolean' && e.message === 'schema is false') continue; // repeated by additionalProperties
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const out: RawError[] = [];
  for (const [path, list] of byPath) {
    const firstConst = list.find((e) => e.keyword === 'const');
    if (firstConst) {
      const allowed = allowedConstants(schema, firstConst.schemaPath);
      out.push({ ...firstConst, instancePath: path, message: `must be one of ${allowed.join(', ')}` });
      continue;
    }
    const specific = list.filter((e) => e.keyword !== 'anyOf');
    out.push(...(specific.length > 0 ? specific : list));
  }
  return out;
}

/** Lists the literal values of the union a failing `const` branch belongs to. */
function allowedConstants(schema: TSchema, schemaPath: string): string[] {
  const segments = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean);
  let node: unknown = schema;
  for (const s of segments.slice(0, -2)) node = (node as Record<string, unknown> | undefined)?.[s];
  const branches = (node as { anyOf?: Array<{ const?: unknown }> } | undefined)?.anyOf ?? [];
  return branches.filter((b) => 'const' in b).map((b) => JSON.stringify(b.const));
}

function locateError(e: RawError, source: YamlSource): ContentProblem {
  let path = e.instancePath;
  let message = e.message;
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params['additionalProperties'] as string[] | undefined) ?? [];
    message = `unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')}`;
    if (extra[0]) path = `${path}/${extra[0]}`;
  } else if (e.keyword === 'enum') {
    const allowed = (e.params['allowedValues'] as unknown[] | undefined) ?? [];
    message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (e.keyword === 'required') {
    const missing = (e.params['requiredProperties'] as string[] | undefined) ?? [];
    message = `missing required field${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${k}"`).join(', ')}`;
  }
  const pos = source.locate(path);
  return { file: source.file, line: pos.line, column: pos.column, path, message };
}
