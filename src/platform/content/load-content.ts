// Loads a content file: parse (duplicate keys rejected), validate against its schema (unknown
// fields rejected, defaults filled), run the content's own semantic checks, then freeze.
import { readFileSync } from 'node:fs';
import type { TSchema } from 'typebox';
import { contentInvalid, type ContentProblem } from './content-problem.js';
import { checkAgainstSchema } from './schema-check.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

/** A semantic check beyond the schema: returns problems by path; the loader adds lines. */
export type SemanticCheck<T> = (value: T) => Array<{ path: string; message: string }>;

/** Parses and validates YAML text; returns the frozen value or every problem found. */
export function parseContent<T>(
  text: string,
  file: string,
  schema: TSchema,
  check?: SemanticCheck<T>,
): { ok: true; value: T } | { ok: false; problems: ContentProblem[] } {
  const source = parseYamlSource(text, file);
  if (source.problems.length > 0) return { ok: false, problems: source.problems };
  const { value, problems } = checkAgainstSchema<T>(schema, source.value, source);
  if (problems.length > 0) return { ok: false, problems };
  const semantic = check ? check(value).map((p) => locate(source, p.path, p.message)) : [];
  if (semantic.length > 0) return { ok: false, problems: semantic };
  return { ok: true, value: deepFreeze(value) };
}

/** Like parseContent but throws CG_CONTENT_INVALID listing every problem. */
export function loadContentText<T>(text: string, file: string, schema: TSchema, check?: SemanticCheck<T>): T {
  const result = parseContent(text, file, schema, check);
  if (!result.ok) throw contentInvalid(file, result.problems);
  return result.value;
}

/** Reads and loads a YAML content file from disk. */
export function loadContentFile<T>(path: string, schema: TSchema, check?: SemanticCheck<T>): T {
  return loadContentText(readFileSync(path, 'utf8'), path, schema, check);
}

function locate(source: YamlSource, path: string, message: string): ContentProblem {
  const pos = source.locate(path);
  return { file: source.file, line: pos.line, column: pos.column, path, message };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
