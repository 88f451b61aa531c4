// A located problem in a content file (rules, playbooks, scenarios, cities, config).
import { CityguardError } from '../../domain/index.js';

/** One thing wrong with a content file, located by file, line and column (1-based). */
export interface ContentProblem {
  file: string;
  line: number;
  column: number;
  /** JSON-pointer-like path of the offending value, e.g. `/assets/3/zone`. */
  path: string;
  message: string;
}

/** Formats a problem as `file:line:column: message (at path)`, the shape editors jump to. */
export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}${p.path ? ` (at ${p.path})` : ''}`;
}

/** The error thrown when a content file cannot be used; `details.problems` holds every problem found. */
export function contentInvalid(file: string, problems: ContentProblem[]): CityguardError {
  const shown = problems.slice(0, 20).map(formatProblem).join('\n');
  const more = problems.length > 20 ? `\n… and ${problems.length - 20} more` : '';
  return new CityguardError('CG_CONTENT_INVALID', `${file} has ${problems.length} problem(s):\n${shown}${more}`, {
    file,
    problems,
  });
}
