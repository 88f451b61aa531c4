// Imports one CSAF 2.0 advisory (OASIS CSAF v2.0, §3.2.3 vulnerabilities): for every vulnerability
// with a CVE and every product it lists as affected, one normalised fact — vendor, product,
// affected versions, fixed version, CVSS v3 score and the vendor's remedy.
import type { AdvisoryFact } from '../../../domain/index.js';
import { advisoryInvalid } from '../errors.js';
import { parseVersionRange, firstFixedVersion } from '../version/version-range.js';
import { isObject, type CsafImport, type CsafProduct, type ImportProblem } from './advisory-import.js';
import { readProductTree } from './csaf-product-tree.js';

const CVE = /^CVE-[0-9]{4}-[0-9]{4,19}$/;
const AFFECTED = ['known_affected', 'first_affected', 'last_affected'] as const;
const FIXED = ['fixed', 'first_fixed'] as const;

/** True when a parsed JSON document declares itself CSAF 2.0. */
export function looksLikeCsaf(doc: unknown): boolean {
  return isObject(doc) && isObject(doc.document) && doc.document.csaf_version === '2.0';
}

/** Imports a parsed CSAF document; throws CG_POSTURE_ADVISORY_INVALID when it has no tracking id, product tree or vulnerability list. */
export function importCsaf(doc: unknown, file: string): CsafImport {
  if (!isObject(doc) || !isObject(doc.document)) throw advisoryInvalid(file, 'no "document" object');
  const d = doc.document;
  const tracking = isObject(d.tracking) ? d.tracking : {};
  if (typeof tracking.id !== 'string' || tracking.id === '')
    throw advisoryInvalid(file, 'document.tracking.id missing');
  if (!isObject(doc.product_tree)) throw advisoryInvalid(file, 'no product_tree');
  if (!Array.isArray(doc.vulnerabilities)) throw advisoryInvalid(file, 'no vulnerabilities list');
  const advisoryId = tracking.id;
  const title = typeof d.title === 'string' ? d.title : advisoryId;
  const tree = readProductTree(doc.product_tree, title);
  const problems = [...tree.problems];
  const facts: AdvisoryFact[] = [];
  const refs = Array.isArray(d.references) ? d.references.filter(isObject) : [];
  const url = refs.find((r) => r.category === 'self' && typeof r.url === 'string')?.url as string | undefined;
  const context = { advisoryId, title, url, tree, problems };
  doc.vulnerabilities.forEach((v: unknown, i: number) =>
    facts.push(...vulnerabilityFacts(v, `vulnerabilities[${i}]`, context)),
  );
  return {
    format: 'csaf',
    file,
    advisoryId,
    title,
    published:
      typeof tracking.initial_release_date === 'string'
        ? tracking.initial_release_date.slice(0, 10)
        : undefined,
    url,
    products: [...tree.products.values()].flat(),
    vulnerabilities: doc.vulnerabilities.length,
    facts,
    skipped: tree.skipped,
    problems,
  };
}

interface Context {
  readonly advisoryId: string;
  readonly title: string;
  readonly url: string | undefined;
  readonly tree: ReturnType<typeof readProductTree>;
  readonly problems: ImportProblem[];
}

function ids(
  status: Record<string, unknown>,
  keys: readonly string[],
  where: string,
  problems: ImportProblem[],
): string[] {
  return keys.flatMap((k) => {
    const list = status[k];
    if (list === undefined) return [];
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) {
      problems.push({ where: `${where}.product_status.${k}`, message: 'not a list of product ids' });
      return [];
    }
    return list as string[];
  });
}

function vulnerabilityFacts(v: unknown, where: string, ctx: Context): AdvisoryFact[] {
  if (!isObject(v)) {
    ctx.problems.push({ where, message: 'vulnerability is not an object' });
    return [];
  }
  if (typeof v.cve !== 'string' || !CVE.test(v.cve)) {
    ctx.problems.push({
      where,
      message: v.cve === undefined ? 'no CVE id; not used' : `cve "${String(v.cve)}" is not CVE-YYYY-NNNN`,
    });
    return [];
  }
  const cve = v.cve;
  const status = isObject(v.product_status) ? v.product_status : {};
  const affected = [...new Set(ids(status, AFFECTED, where, ctx.problems))];
  const fixed = ids(status, FIXED, where, ctx.problems).flatMap((id) => ctx.tree.products.get(id) ?? []);
  const facts: AdvisoryFact[] = [];
  for (const id of affected) {
    const products = ctx.tree.products.get(id);
    if (!products) {
      if (!ctx.tree.declared.has(id))
        ctx.problems.push({
          where: `${where}.product_status`,
          message: `${cve}: unknown product id "${id}"`,
        });
      continue;
    }
    const score = scoreFor(v.scores, id);
    if (!score) {
      ctx.problems.push({
        where: `${where}.scores`,
        message: `${cve}: no CVSS base score for ${id}; not used`,
      });
      continue;
    }
    const remedy = remediationFor(v.remediations, id);
    for (const [n, product] of products.entries()) {
      const fixedVersion = fixedFor(product, fixed);
      facts.push({
        id: `${ctx.advisoryId}/${cve}/${id}${products.length > 1 ? `/${n}` : ''}`,
        advisoryId: ctx.advisoryId,
        source: 'csaf',
        title: typeof v.title === 'string' && v.title ? v.title : ctx.title,
        vendor: product.vendor,
        product: product.product,
        versions: [...product.versions],
        ...(fixedVersion ? { fixedVersion } : {}),
        cve,
        cvss: score.score,
        ...(score.vector ? { vector: score.vector } : {}),
        kev: false,
        ...(remedy ? { remediation: remedy } : {}),
        ...(ctx.url ? { url: ctx.url } : {}),
      });
    }
  }
  return facts;
}

/** Highest CVSS v3 (else v2) base score among the scores covering the product, else among all scores. */
function scoreFor(scores: unknown, productId: string): { score: number; vector?: string } | undefined {
  if (!Array.isArray(scores)) return undefined;
  const read = (s: unknown) => {
    if (!isObject(s)) return undefined;
    const cvss = isObject(s.cvss_v3) ? s.cvss_v3 : isObject(s.cvss_v2) ? s.cvss_v2 : undefined;
    if (!cvss || typeof cvss.baseScore !== 'number' || cvss.baseScore < 0 || cvss.baseScore > 10)
      return undefined;
    const covers = Array.isArray(s.products) && s.products.includes(productId);
    return {
      score: cvss.baseScore,
      vector: typeof cvss.vectorString === 'string' ? cvss.vectorString : undefined,
      covers,
    };
  };
  const all = scores.map(read).filter((s) => s !== undefined);
  const pool = all.some((s) => s.covers) ? all.filter((s) => s.covers) : all;
  const best = pool.sort((a, b) => b.score - a.score)[0];
  return best && { score: best.score, ...(best.vector?.startsWith('CVSS:3') ? { vector: best.vector } : {}) };
}

/** A fixed product of the same vendor and product, else the exclusive upper bound of the affected range. */
function fixedFor(product: CsafProduct, fixed: CsafProduct[]): string | undefined {
  const same = fixed.find((f) => f.vendor === product.vendor && f.product === product.product);
  if (same) return same.versions[0];
  const range = parseVersionRange(product.versions[0]!);
  return range.ok ? firstFixedVersion(range.range) : undefined;
}

/** The vendor fix for the product (else a mitigation), in at most 300 characters. */
function remediationFor(remediations: unknown, productId: string): string | undefined {
  if (!Array.isArray(remediations)) return undefined;
  const forProduct = remediations.filter(
    (r): r is Record<string, unknown> =>
      isObject(r) &&
      typeof r.details === 'string' &&
      (!Array.isArray(r.product_ids) || r.product_ids.includes(productId)),
  );
  const pick =
    forProduct.find((r) => r.category === 'vendor_fix') ??
    forProduct.find((r) => r.category === 'mitigation');
  if (!pick) return undefined;
  const text = (pick.details as string).replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}
