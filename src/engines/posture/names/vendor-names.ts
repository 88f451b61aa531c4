// Vendor names as advisories and cities write them, reduced to comparable keys: "Moxa Inc.",
// "MOXA" and "Moxa" are one vendor; "Schneider Electric Software, LLC" is Schneider Electric by alias.
import type { VendorAliases } from '../../../domain/index.js';
import { foldName, splitAsides } from './name-text.js';

/** Legal-form words that never tell two vendors apart. */
const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'co',
  'corp',
  'corporation',
  'company',
  'gmbh',
  'ag',
  'se',
  'sa',
  'spa',
  'bv',
  'nv',
  'oy',
  'kg',
  'sas',
  'srl',
]);

/** One vendor name without punctuation and legal form: "Moxa Inc." → "moxa". */
export function vendorKey(name: string): string {
  const words = foldName(name)
    .replace(/&/g, ' and ')
    .replace(/[.,'"’]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/** Resolves vendor names through the feed's alias table. */
export class VendorNames {
  private readonly canonical = new Map<string, string>();
  private readonly software: Array<{ product: string; vendor: string }> = [];
  private readonly cache = new Map<string, ReadonlySet<string>>();

  constructor(vendors: readonly VendorAliases[]) {
    for (const v of vendors) {
      const key = vendorKey(v.name);
      this.canonical.set(key, key);
      for (const alias of v.aliases) this.canonical.set(vendorKey(alias), key);
      for (const product of v.software) this.software.push({ product: foldName(product), vendor: v.name });
    }
    // Longest product first, so "windows server" wins over "windows".
    this.software.sort((a, b) => b.product.length - a.product.length);
  }

  /** Every canonical key a written vendor name stands for; "General Electric (GE)" gives two. */
  keys(name: string): Set<string> {
    let keys = this.cache.get(name);
    if (!keys) {
      const { main, asides } = splitAsides(name);
      const found = new Set<string>();
      for (const part of [main, ...asides]) {
        const key = vendorKey(part);
        if (key) found.add(this.canonical.get(key) ?? key);
      }
      keys = found;
      this.cache.set(name, keys);
    }
    return new Set(keys);
  }

  /** True when the two names share a canonical vendor. */
  same(a: string, b: string): boolean {
    if (a === b) return true;
    const ka = this.keys(a);
    for (const k of this.keys(b)) if (ka.has(k)) return true;
    return false;
  }

  /** The vendor of a software product written in a firmware string ("Windows Server" → Microsoft), if listed. */
  softwareVendor(productName: string): string | undefined {
    const folded = foldName(productName);
    return this.software.find((s) => folded === s.product || folded.startsWith(`${s.product} `))?.vendor;
  }
}
