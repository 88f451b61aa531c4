// Loads playbook files: one playbook per YAML file, a folder meaning every *.yaml / *.yml directly
// in it (sorted by name). Each file is parsed (duplicate keys rejected), validated (unknown fields
// rejected, defaults filled), checked (triggers, targets, the two-person floor for interrupting
// actions, step order, known detectors) and frozen; every problem is reported as file:line:column.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkPlaybook, Playbook } from '../../domain/index.js';
import { contentInvalid, parseContent, parseYamlSource, type ContentProblem } from '../../platform/content/index.js';
import { responsePlaybooksNotFound } from './errors.js';

/** A loaded playbook library. */
export interface PlaybookSet {
  readonly playbooks: readonly Playbook[];
  readonly files: readonly string[];
}

/** Options of loading: detector ids the triggers may name (unknown ones are reported when given). */
export interface PlaybookLoadOptions {
  detectors?: ReadonlySet<string>;
}

/** Parses one playbook file's text; `playbook` is set only when there are no problems. */
export function parsePlaybookText(text: string, file: string, options: PlaybookLoadOptions = {}): { playbook?: Playbook; problems: ContentProblem[] } {
  const result = parseContent<Playbook>(text, file, Playbook, (p) => [...checkPlaybook(p), ...unknownDetectors(p, options.detectors)]);
  return result.ok ? { playbook: result.value, problems: [] } : { problems: result.problems };
}

function unknownDetectors(p: Playbook, known: ReadonlySet<string> | undefined): Array<{ path: string; message: string }> {
  if (!known) return [];
  const problems: Array<{ path: string; message: string }> = [];
  p.trigger.alert?.detectors.forEach((d, i) => {
    if (!known.has(d)) problems.push({ path: `/trigger/alert/detectors/${i}`, message: `no rule or detector "${d}"` });
  });
  p.steps.forEach((s, i) =>
    s.when?.detectors?.forEach((d, j) => {
      if (!known.has(d)) problems.push({ path: `/steps/${i}/when/detectors/${j}`, message: `no rule or detector "${d}"` });
    }),
  );
  return problems;
}

/** The playbook files at a path: the file itself, or the YAML files directly inside a folder. */
export function playbookFiles(pathOrDir: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(pathOrDir).isDirectory();
  } catch {
    throw responsePlaybooksNotFound(pathOrDir, 'no such file or folder');
  }
  if (!isDir) return [pathOrDir];
  const files = readdirSync(pathOrDir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => join(pathOrDir, n));
  if (files.length === 0) throw responsePlaybooksNotFound(pathOrDir, 'the folder holds no .yaml playbook files');
  return files;
}

/** Loads every playbook at `pathOrDir`, returning what loaded and every problem (never throws for bad files). */
export function parsePlaybooks(pathOrDir: string, options: PlaybookLoadOptions = {}): PlaybookSet & { problems: ContentProblem[] } {
  const files = playbookFiles(pathOrDir);
  const playbooks: Playbook[] = [];
  const problems: ContentProblem[] = [];
  const firstFile = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const r = parsePlaybookText(text, file, options);
    problems.push(...r.problems);
    if (!r.playbook) continue;
    const earlier = firstFile.get(r.playbook.id);
    if (earlier) {
      const pos = parseYamlSource(text, file).locate('/id');
      problems.push({ file, ...pos, path: '/id', message: `playbook id "${r.playbook.id}" is already used by ${earlier}` });
      continue;
    }
    firstFile.set(r.playbook.id, file);
    playbooks.push(r.playbook);
  }
  return { playbooks, files, problems };
}

/** Loads every playbook at `pathOrDir`; throws CG_CONTENT_INVALID listing every problem by file and line. */
export function loadPlaybooks(pathOrDir: string, options: PlaybookLoadOptions = {}): PlaybookSet {
  const { playbooks, files, problems } = parsePlaybooks(pathOrDir, options);
  if (problems.length > 0) throw contentInvalid(pathOrDir, problems);
  return { playbooks, files };
}
