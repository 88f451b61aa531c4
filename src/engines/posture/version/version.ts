// Firmware version strings as vendors write them ("V4.1.2", "3.2.23", "1.0 build 17101611",
// "2.0.1.1R3", "CPCI85 V05.30", "R418-V0") parsed into comparable parts, and their ordering.

/** One comparable piece of a version: a number, or a lower-case word such as "build", "r", "sp". */
export type VersionPart = number | string;

/** A parsed version: an optional product name in front ("CPCI85") and the comparable parts. */
export interface Version {
  readonly text: string;
  /** Lower-case name written before the version, e.g. "cpci85" in "CPCI85 V05.30"; undefined when none. */
  readonly name: string | undefined;
  readonly parts: readonly VersionPart[];
}

/** Words that introduce a version and carry no ordering: "Version 2.2.0", "rev. 8.3.0", "FW 1.2.0". */
const LEAD_WORDS = new Set(['version', 'ver', 'rev', 'revision', 'fw', 'firmware', 'release']);
/** Pre-release words sort before the release they precede ("1.0 beta 2" < "1.0"). */
const PRE_RELEASE = new Set(['alpha', 'a', 'beta', 'b', 'rc', 'pre', 'dev', 'preview']);

/** A whitespace token where the version proper starts: a digit, or v/r directly followed by a digit. */
function startsVersion(token: string): boolean {
  return /^[vr]?\d/i.test(token);
}

/**
 * Parses a version string; undefined when it holds no digit at all (e.g. "MHPSS", a model name).
 * A leading word that is not version-like becomes `name` ("OS 4.3" → name "os", parts [4, 3]).
 */
export function parseVersion(text: string): Version | undefined {
  const clean = text
    .normalize('NFKC')
    .trim()
    .replace(/[.,;:]+$/, '');
  if (!/\d/.test(clean)) return undefined;
  const tokens = clean.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean);
  while (tokens.length > 1 && LEAD_WORDS.has(tokens[0]!.toLowerCase().replace(/\.$/, ''))) tokens.shift();
  const nameTokens: string[] = [];
  while (tokens.length > 1 && !startsVersion(tokens[0]!)) nameTokens.push(tokens.shift()!);
  let rest = tokens.join(' ').toLowerCase();
  // A leading "v" before a digit is decoration ("V05.30" = "05.30"); a leading "r" is not (SEL "R418").
  rest = rest.replace(/^v(?=\d)/, '');
  const parts = [...rest.matchAll(/\d+|[a-z]+/g)].map((m) => (/^\d/.test(m[0]) ? Number(m[0]) : m[0]));
  // A trailing "x" placeholder ("8.1x", "4.x") means "any": drop it so the bound keeps only its precision.
  while (parts.length > 0 && parts[parts.length - 1] === 'x') parts.pop();
  if (parts.length === 0) return undefined;
  const name = nameTokens.length > 0 ? nameTokens.join(' ').toLowerCase() : undefined;
  return { text: clean, name: name && !LEAD_WORDS.has(name) ? name : undefined, parts };
}

function comparePart(a: VersionPart | undefined, b: VersionPart | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return b === undefined ? 0 : missingVersus(b);
  if (b === undefined) return -missingVersus(a);
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') {
    const pa = PRE_RELEASE.has(a);
    const pb = PRE_RELEASE.has(b);
    if (pa !== pb) return pa ? -1 : 1;
    return a < b ? -1 : 1;
  }
  // At the same place a number sorts after a word: "2.0.1.1.5" is newer than "2.0.1.1R3".
  return typeof a === 'string' ? -1 : 1;
}

/** How a missing part compares with `other`: a missing number is 0; a missing part sorts after a pre-release word. */
function missingVersus(other: VersionPart): number {
  if (typeof other === 'number') return other === 0 ? 0 : -1;
  return PRE_RELEASE.has(other) ? 1 : -1;
}

/**
 * Compares `version` with `bound` at the bound's precision: parts the bound does not state are
 * ignored, so "5.4.0 build 160530" equals "5.4.0" and "V05.30" equals "V05", while a shorter
 * version is padded ("3.9" < "3.9.1"). Returns -1, 0 or 1, or undefined when both carry different
 * names ("CPCI85 V05" against "CPCI80 V05") and cannot be compared.
 */
export function compareToBound(version: Version, bound: Version): -1 | 0 | 1 | undefined {
  if (version.name !== undefined && bound.name !== undefined && version.name !== bound.name) return undefined;
  for (let i = 0; i < bound.parts.length; i++) {
    const c = comparePart(version.parts[i], bound.parts[i]);
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

/** Total order of two versions (both full length), for sorting; names are ignored. */
export function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const c = comparePart(a.parts[i], b.parts[i]);
    if (c !== 0) return c;
  }
  return 0;
}
