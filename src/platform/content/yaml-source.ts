// Parses YAML keeping positions, so every later problem can name its line.
// Duplicate keys are errors: a silently overwritten rule field is a detection that never fires.
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { ContentProblem } from './content-problem.js';

/** A parsed YAML document that can say where any value came from. */
export interface YamlSource {
  file: string;
  value: unknown;
  problems: ContentProblem[];
  /** Line and column of the value at a path such as `/assets/3/zone`; falls back to its nearest parent. */
  locate(path: string): { line: number; column: number };
}

/** Parses `text` as one YAML document; syntax problems are returned, not thrown. */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: ContentProblem[] = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, path: '', message: e.message.split('\n')[0] ?? e.message };
  });
  const locate = (path: string): { line: number; column: number } => {
    const keys = path.split('/').slice(1).map(decodePointer);
    for (let n = keys.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
  const value = problems.length === 0 ? doc.toJS({ maxAliasCount: 1000 }) : undefined;
  return { file, value, problems, locate };
}

function decodePointer(segment: string): string | number {
  const s = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(s) ? Number(s) : s;
}
