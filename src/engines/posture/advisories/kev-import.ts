// Imports CISA's Known Exploited Vulnerabilities catalogue (JSON, schema
// known_exploited_vulnerabilities_schema.json): checks every entry against the catalogue's own
// schema, keeps the good ones, and reports each bad one by index and CVE.
import type { KevFact } from '../../../domain/index.js';
import { advisoryInvalid } from '../errors.js';
import { isObject, type ImportProblem, type KevImport } from './advisory-import.js';

const CVE = /^CVE-[0-9]{4}-[0-9]{4,19}$/;
const CWE = /^CWE-[0-9]+$/;
const REQUIRED = [
  'cveID',
  'vendorProject',
  'product',
  'vulnerabilityName',
  'dateAdded',
  'shortDescription',
  'requiredAction',
  'dueDate',
] as const;

/** True for a real calendar date written YYYY-MM-DD. */
function isDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/** True when a parsed JSON document looks like a KEV catalogue (it may still have bad entries). */
export function looksLikeKev(doc: unknown): boolean {
  return isObject(doc) && Array.isArray(doc.vulnerabilities) && ('catalogVersion' in doc || 'count' in doc);
}

function entryProblems(e: unknown): string[] {
  if (!isObject(e)) return ['entry is not an object'];
  const out: string[] = [];
  for (const key of REQUIRED)
    if (typeof e[key] !== 'string' || e[key] === '') out.push(`${key} missing or not text`);
  if (typeof e.cveID === 'string' && !CVE.test(e.cveID)) out.push(`cveID "${e.cveID}" is not CVE-YYYY-NNNN`);
  for (const key of ['dateAdded', 'dueDate'] as const)
    if (typeof e[key] === 'string' && !isDate(e[key])) out.push(`${key} "${e[key]}" is not a date`);
  if (
    e.cwes !== undefined &&
    (!Array.isArray(e.cwes) || e.cwes.some((c) => typeof c !== 'string' || !CWE.test(c)))
  )
    out.push('cwes must be a list of CWE-N');
  return out;
}

/** Imports a parsed KEV catalogue; throws CG_POSTURE_ADVISORY_INVALID only when there is no entry list at all. */
export function importKev(doc: unknown, file: string): KevImport {
  if (!isObject(doc) || !Array.isArray(doc.vulnerabilities))
    throw advisoryInvalid(file, 'a KEV catalogue needs a "vulnerabilities" array');
  const problems: ImportProblem[] = [];
  for (const key of ['catalogVersion', 'dateReleased'] as const) {
    if (typeof doc[key] !== 'string') problems.push({ where: key, message: `${key} missing or not text` });
  }
  const declaredCount = typeof doc.count === 'number' ? doc.count : undefined;
  if (declaredCount === undefined)
    problems.push({ where: 'count', message: 'count missing or not a number' });
  else if (declaredCount !== doc.vulnerabilities.length) {
    problems.push({
      where: 'count',
      message: `count says ${declaredCount} but the catalogue lists ${doc.vulnerabilities.length} entries`,
    });
  }
  const facts: KevFact[] = [];
  const seen = new Set<string>();
  doc.vulnerabilities.forEach((e: unknown, i: number) => {
    const label = isObject(e) && typeof e.cveID === 'string' ? ` (${e.cveID})` : '';
    const bad = entryProblems(e);
    if (bad.length > 0) {
      problems.push({ where: `vulnerabilities[${i}]${label}`, message: bad.join('; ') });
      return;
    }
    const v = e as Record<string, string>;
    if (seen.has(v.cveID!)) {
      problems.push({
        where: `vulnerabilities[${i}]${label}`,
        message: 'duplicate CVE; the first entry is kept',
      });
      return;
    }
    seen.add(v.cveID!);
    facts.push({
      cve: v.cveID!,
      vendor: v.vendorProject!,
      product: v.product!,
      name: v.vulnerabilityName!,
      dateAdded: v.dateAdded!,
      dueDate: v.dueDate!,
      ransomware: v.knownRansomwareCampaignUse === 'Known',
    });
  });
  return {
    format: 'kev',
    file,
    catalogVersion: typeof doc.catalogVersion === 'string' ? doc.catalogVersion : undefined,
    declaredCount,
    entries: doc.vulnerabilities.length,
    facts,
    problems,
  };
}
