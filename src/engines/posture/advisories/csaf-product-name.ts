// Coping with the product names real CSAF files carry. CISA's files are valid CSAF yet say things a
// matcher must not take literally: a GE advisory lists mitigation headings as products ("Web server
// vulnerabilities"), an SEL advisory lists firmware versions as products ("R118" with versions
// ">=V0|<=V3"), Dahua and ATI put model names where the version belongs. Each rule here turns such
// an entry into a usable product or into a skip with its reason — never into a guess.
import { parseVersion } from '../version/version.js';
import { parseVersionRange } from '../version/version-range.js';

/** Words that mark a sentence about a weakness rather than a product name. */
const PROSE =
  /\b(vulnerabilit(y|ies)|weakness|provisions?|protection from|access to|related to|disable|unintended)\b/i;

/** A product name that is really a firmware release ("R118", "V2.1"). */
const RELEASE_NAME = /^[RV]?\d+([.-]\w+)*$/i;

/** The usable reading of one CSAF product leaf, or why there is none. */
export type LeafReading =
  { ok: true; products: string[]; versions: string[]; note?: string } | { ok: false; reason: string };

/** Reads vendor/product/version of a leaf into a product and version ranges. */
export function readLeaf(input: {
  vendor: string;
  product: string;
  versionCategory: 'product_version' | 'product_version_range';
  version: string;
  title: string;
}): LeafReading {
  const { vendor, versionCategory, version, title } = input;
  let product = withoutVendor(input.product.replace(/\s+/g, ' ').trim(), vendor);
  let note: string | undefined;
  if (!/\d/.test(product) && PROSE.test(product)) {
    return { ok: false, reason: `product name "${product}" is a sentence about a weakness, not a product` };
  }
  let versionText = version.trim();
  if (RELEASE_NAME.test(product)) {
    const fromTitle = productFromTitle(title, vendor);
    if (!fromTitle)
      return {
        ok: false,
        reason: `product name "${product}" is a firmware release and the title names no product`,
      };
    versionText = prefixBounds(versionText, product);
    note = `"${product}" is a firmware release of ${fromTitle} (product taken from the title)`;
    product = fromTitle;
  }
  // A single version must look like one; "vers:" in the single-version field is a range written in the wrong place.
  if (
    versionCategory === 'product_version' &&
    !versionText.startsWith('vers:') &&
    !(EXACT_VERSION.test(versionText) && parseVersion(versionText))
  ) {
    return {
      ok: false,
      reason: `version field holds "${versionText}", which is not a version (a model name?); no affected version is stated`,
    };
  }
  const range = parseVersionRange(versionText);
  if (!range.ok)
    return { ok: false, reason: `version range "${versionText}" not understood: ${range.reason}` };
  return {
    ok: true,
    products: splitModelList(product),
    versions: [range.range.text],
    ...(note ? { note } : {}),
  };
}

/** "Motorola Solutions ACE1000" by Motorola Solutions is the ACE1000; a bare vendor name stays as it is. */
function withoutVendor(product: string, vendor: string): string {
  const names = [
    vendor,
    ...[...vendor.matchAll(/\(([^()]+)\)/g)].map((m) => m[1]!),
    vendor.replace(/\s*\([^()]*\)/g, ''),
  ];
  for (const name of names) {
    const n = name.trim();
    if (n && product.toLowerCase().startsWith(`${n.toLowerCase()} `)) return product.slice(n.length).trim();
  }
  return product;
}

/** A single version starts with a digit, perhaps after "Version", "rev." or a v/r prefix. */
const EXACT_VERSION = /^(version\s+|rev\.?\s*|[vr])?\d/i;

/** "MP70 MP70E RV50 RV50X LX40 and LX60" names six models; "NPort 5150" names one. */
export function splitModelList(product: string): string[] {
  const words = product.split(/\s+|,\s*/).filter((w) => w && w.toLowerCase() !== 'and');
  return words.length >= 2 && words.every((w) => /\d/.test(w) && /[A-Za-z]/.test(w)) ? words : [product];
}

/** "Schweitzer Engineering Laboratories SEL-411L" → "SEL-411L": the title without the vendor and update notes. */
export function productFromTitle(title: string, vendor: string): string | undefined {
  let rest = title.replace(/\(Update [A-Z]\)/gi, '').trim();
  if (rest.toLowerCase().startsWith(vendor.toLowerCase())) rest = rest.slice(vendor.length).trim();
  return /\d/.test(rest) && rest.split(/\s+/).length <= 4 ? rest : undefined;
}

/** ">=V0|<=V3" for release R118 → ">=R118-V0|<=R118-V3". */
function prefixBounds(range: string, release: string): string {
  return range
    .split('|')
    .map((piece) => {
      const m = /^\s*(<=|>=|!=|<|>|=)?\s*(.*?)\s*$/.exec(piece)!;
      return `${m[1] ?? ''}${release}-${m[2]}`;
    })
    .join('|');
}
