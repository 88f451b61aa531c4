// Loads rule files: one rule per YAML file, a folder meaning every *.yaml / *.yml directly in it
// (sorted by name). Each file is parsed (duplicate keys rejected), validated (unknown fields
// rejected), checked and compiled once; every problem in every file is reported with its line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Rule } from '../../../domain/index.js';
import { contentInvalid, parseContent, parseYamlSource, type ContentProblem } from '../../../platform/content/index.js';
import type { TechniqueTable } from '../attack/technique-table.js';
import { rulesNotFound } from '../errors.js';
import { compileRule } from './compile-rule.js';
import type { CompiledRule } from './compiled-rule.js';

/** A loaded rule library. */
export interface RuleSet {
  readonly rules: readonly CompiledRule[];
  readonly files: readonly string[];
}

/** Parses one rule file's text; `rule` is set only when there are no problems. */
export function parseRuleText(text: string, file: string, techniques: TechniqueTable): { rule?: CompiledRule; problems: ContentProblem[] } {
  let compiled: CompiledRule | undefined;
  const result = parseContent<Rule>(text, file, Rule, (value) => {
    const r = compileRule(value, techniques, file);
    compiled = r.rule;
    return r.problems;
  });
  return result.ok && compiled ? { rule: compiled, problems: [] } : { problems: result.ok ? [] : result.problems };
}

/** The rule files at a path: the file itself, or the YAML files directly inside a folder. */
export function ruleFiles(pathOrDir: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(pathOrDir).isDirectory();
  } catch {
    throw rulesNotFound(pathOrDir, 'no such file or folder');
  }
  if (!isDir) return [pathOrDir];
  const files = readdirSync(pathOrDir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => join(pathOrDir, n));
  if (files.length === 0) throw rulesNotFound(pathOrDir, 'the folder holds no .yaml rule files');
  return files;
}

/** Loads every rule at `pathOrDir`, returning what loaded and every problem (never throws for bad rules). */
export function parseRules(pathOrDir: string, techniques: TechniqueTable): RuleSet & { problems: ContentProblem[] } {
  const files = ruleFiles(pathOrDir);
  const rules: CompiledRule[] = [];
  const problems: ContentProblem[] = [];
  const firstFile = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const r = parseRuleText(text, file, techniques);
    problems.push(...r.problems);
    if (!r.rule) continue;
    const earlier = firstFile.get(r.rule.id);
    if (earlier) {
      const pos = parseYamlSource(text, file).locate('/id');
      problems.push({ file, ...pos, path: '/id', message: `rule id "${r.rule.id}" is already used by ${earlier}` });
      continue;
    }
    firstFile.set(r.rule.id, file);
    rules.push(r.rule);
  }
  return { rules, files, problems };
}

/** Loads every rule at `pathOrDir`; throws CG_CONTENT_INVALID listing every problem by file and line. */
export function loadRules(pathOrDir: string, techniques: TechniqueTable): RuleSet {
  const { rules, files, problems } = parseRules(pathOrDir, techniques);
  if (problems.length > 0) throw contentInvalid(pathOrDir, problems);
  return { rules, files };
}
