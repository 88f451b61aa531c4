// Turns an import into a file of our feed format, so `cityguard advisories import --into <dir>`
// leaves reviewable YAML (not a copy of the publisher's JSON) that loads like the curated feed.
import type { AdvisoryFeedFile, CuratedAdvisory } from '../../../domain/index.js';
import type { AdvisoryImport, CsafImport } from './advisory-import.js';

function csafAdvisory(imp: CsafImport): CuratedAdvisory {
  // Products with the same vendor and name are one product with several ranges (Hitachi Energy lists eight).
  const products = new Map<
    string,
    { vendor: string; product: string; versions: string[]; fixed: Set<string> }
  >();
  for (const f of imp.facts) {
    const key = `${f.vendor}\u0000${f.product}`;
    const p = products.get(key) ?? {
      vendor: f.vendor,
      product: f.product,
      versions: [],
      fixed: new Set<string>(),
    };
    for (const v of f.versions) if (!p.versions.includes(v)) p.versions.push(v);
    if (f.fixedVersion) p.fixed.add(f.fixedVersion);
    products.set(key, p);
  }
  const vulns = new Map<
    string,
    { cve: string; title: string; cvss: number; vector?: string; products: Set<string> }
  >();
  for (const f of imp.facts) {
    const v = vulns.get(f.cve) ?? {
      cve: f.cve,
      title: f.title,
      cvss: f.cvss,
      ...(f.vector ? { vector: f.vector } : {}),
      products: new Set<string>(),
    };
    v.cvss = Math.max(v.cvss, f.cvss);
    v.products.add(f.product);
    vulns.set(f.cve, v);
  }
  const names = new Set([...products.values()].map((p) => p.product));
  const remediation = imp.facts.find((f) => f.remediation)?.remediation;
  return {
    id: imp.advisoryId,
    source: 'csaf',
    title: imp.title,
    ...(imp.published ? { published: imp.published } : {}),
    ...(imp.url ? { url: imp.url } : {}),
    products: [...products.values()].map((p) => ({
      vendor: p.vendor,
      product: p.product,
      versions: p.versions,
      ...(p.fixed.size === 1 ? { fixed: [...p.fixed][0]! } : {}),
    })),
    vulnerabilities: [...vulns.values()].map((v) => ({
      cve: v.cve,
      title: v.title,
      cvss: v.cvss,
      ...(v.vector ? { vector: v.vector } : {}),
      kev: false,
      ...(v.products.size < names.size ? { products: [...v.products] } : {}),
    })),
    ...(remediation ? { remediation } : {}),
  };
}

/** A feed file holding one import: a CSAF advisory in `advisories`, or a KEV catalogue in `kev`. */
export function feedFileFromImport(imp: AdvisoryImport, updated: string): AdvisoryFeedFile {
  const base = { vendors: [], families: [], advisories: [], endOfLife: [], kev: [] };
  if (imp.format === 'kev') {
    return {
      ...base,
      feed: {
        name: `CISA KEV ${imp.catalogVersion ?? ''}`.trim(),
        updated,
        description: `imported from ${imp.file}`,
      },
      kev: [...imp.facts],
    };
  }
  const advisories = imp.facts.length > 0 ? [csafAdvisory(imp)] : [];
  return {
    ...base,
    feed: { name: imp.advisoryId, updated, description: `imported from ${imp.file}` },
    advisories,
  };
}
