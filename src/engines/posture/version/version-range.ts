// Affected-version ranges as advisories write them: the vers specification
// ("vers:generic/>=1.0|<2.0", "vers:all/*"; github.com/package-url/purl-spec VERSION-RANGE-SPEC),
// the CVSS-like ranges of CISA's CSAF files (">= 5.3.1 build 150410 | <= 5.4.4 Build 161125",
// "< 3.2.23"), and plain lists of exact versions ("1.1 | 1.2.3 | 2.0").
import { compareToBound, parseVersion, type Version } from './version.js';

/** A comparison against one version; `*` stands for every version (vers "all versions"). */
export type VersionConstraint =
  { readonly op: '<' | '<=' | '>' | '>=' | '=' | '!='; readonly version: Version } | { readonly op: '*' };

/** A parsed range: the constraints in written order, and the scheme when written as vers. */
export interface VersionRange {
  readonly text: string;
  readonly scheme: string | undefined;
  readonly constraints: readonly VersionConstraint[];
}

/** The outcome of parsing: a range, or why the text is not one. */
export type RangeParse = { ok: true; range: VersionRange } | { ok: false; reason: string };

const OPERATOR = /^(<=|>=|!=|<|>|=)?\s*(.*)$/s;
/** Characters a version may contain; anything else ("7.03 /7.04") means we would be guessing. */
const VERSION_CHARS = /^[\p{L}\p{N}._\-+ ]+$/u;

/** Parses a range expression; every constraint must be understood or the whole range is refused. */
export function parseVersionRange(text: string): RangeParse {
  const trimmed = text.normalize('NFKC').trim();
  let scheme: string | undefined;
  let body = trimmed;
  const vers = /^vers:([a-z0-9.+-]+)\/(.*)$/is.exec(trimmed);
  if (vers) {
    scheme = vers[1]!.toLowerCase();
    body = vers[2]!;
  }
  if (body.trim() === '') return { ok: false, reason: 'empty range' };
  const constraints: VersionConstraint[] = [];
  for (const piece of body.split('|').map((p) => p.trim())) {
    if (piece === '*') {
      constraints.push({ op: '*' });
      continue;
    }
    const m = OPERATOR.exec(piece)!;
    const op = (m[1] ?? '=') as '<' | '<=' | '>' | '>=' | '=' | '!=';
    const versionText = m[2]!.trim();
    if (versionText === '') return { ok: false, reason: `"${piece}" has an operator but no version` };
    if (!VERSION_CHARS.test(versionText.replace(/[.,;]+$/, ''))) {
      return { ok: false, reason: `"${versionText}" contains characters a version does not have` };
    }
    const version = parseVersion(versionText);
    if (!version) return { ok: false, reason: `"${versionText}" is not a version (it has no number)` };
    constraints.push({ op, version });
  }
  return { ok: true, range: { text: trimmed, scheme, constraints } };
}

/**
 * True when `version` is inside the range. Semantics follow vers: `=` and `*` admit directly,
 * `!=` excludes, and bounds pair up in written order — a lower bound (`>`, `>=`) opens an
 * interval that the next upper bound (`<`, `<=`) closes; an unpaired bound is open-ended.
 * Returns undefined when a bound could not be compared (different named firmware lines).
 */
export function rangeContains(range: VersionRange, version: Version): boolean | undefined {
  let incomparable = false;
  const cmp = (bound: Version) => {
    const c = compareToBound(version, bound);
    if (c === undefined) incomparable = true;
    return c;
  };
  for (const c of range.constraints) if (c.op === '!=' && cmp(c.version) === 0) return false;
  let lower: { op: '>' | '>='; ok: boolean } | undefined;
  for (const c of range.constraints) {
    if (c.op === '*') return true;
    if (c.op === '!=') continue;
    const r = cmp(c.version);
    if (r === undefined) continue;
    if (c.op === '=') {
      if (r === 0) return true;
    } else if (c.op === '>' || c.op === '>=') {
      if (lower?.ok) return true; // an open interval [lower, ∞) already admitted it
      lower = { op: c.op, ok: c.op === '>' ? r > 0 : r >= 0 };
    } else {
      const below = c.op === '<' ? r < 0 : r <= 0;
      if (below && (lower === undefined || lower.ok)) return true;
      lower = undefined;
    }
  }
  if (lower?.ok) return true;
  return incomparable ? undefined : false;
}

/** The first version outside the range above it, when the range ends with an exclusive upper bound ("< 3.2.23"). */
export function firstFixedVersion(range: VersionRange): string | undefined {
  const last = range.constraints[range.constraints.length - 1];
  return last && last.op === '<' ? last.version.text : undefined;
}
