// Decides whether an advisory's vendor and product name a device: vendor through the alias table,
// product through its identifying tokens, and a family name ("RTU500 series") through the member
// models the feed lists for it.
import type { ProductFamily, VendorAliases } from '../../../domain/index.js';
import { deviceTokens, keyMatches, productKeys, type ProductKey } from './product-key.js';
import { VendorNames } from './vendor-names.js';

/** How a product name matched a device. */
export interface ProductMatch {
  readonly via: 'name' | 'series' | 'family';
  /** The name or member model that matched. */
  readonly matched: string;
}

interface CompiledFamily {
  readonly vendors: readonly string[];
  readonly names: readonly ProductKey[][];
  readonly members: ReadonlyArray<{ name: string; keys: ProductKey[] }>;
}

const sameKey = (a: ProductKey, b: ProductKey) =>
  a.tokens.length === b.tokens.length && a.tokens.every((t, i) => t.text === b.tokens[i]!.text);

/** Vendor aliases and product families of the loaded feeds, compiled once. */
export class ProductNames {
  readonly vendors: VendorNames;
  private readonly families: CompiledFamily[];
  private readonly keyCache = new Map<string, ProductKey[]>();
  private readonly tokenCache = new Map<string, string[][]>();

  constructor(vendors: readonly VendorAliases[] = [], families: readonly ProductFamily[] = []) {
    this.vendors = new VendorNames(vendors);
    this.families = families.map((f) => ({
      vendors: f.vendors,
      names: [f.family, ...f.aliases].map((n) => productKeys(n)),
      members: f.members.map((m) => ({ name: m, keys: productKeys(m) })),
    }));
  }

  /** Vendor keys whose advisories may concern a device of `vendor`: its own, and those of families it shares. */
  vendorScope(vendor: string): Set<string> {
    const scope = this.vendors.keys(vendor);
    for (const family of this.families) {
      if (family.vendors.some((v) => this.vendors.same(v, vendor)))
        for (const v of family.vendors) for (const k of this.vendors.keys(v)) scope.add(k);
    }
    return scope;
  }

  /** Product keys of a name, cached (advisory names repeat across thousands of comparisons). */
  keys(product: string): ProductKey[] {
    let keys = this.keyCache.get(product);
    if (!keys) {
      keys = productKeys(product);
      this.keyCache.set(product, keys);
    }
    return keys;
  }

  /** How (if at all) the advisory's vendor and product name the device's vendor and model/firmware text. */
  match(
    advisory: { vendor: string; product: string },
    device: { vendor: string; text: string },
  ): ProductMatch | undefined {
    let tokens = this.tokenCache.get(device.text);
    if (!tokens) {
      tokens = deviceTokens(device.text);
      this.tokenCache.set(device.text, tokens);
    }
    const keys = this.keys(advisory.product);
    if (this.vendors.same(advisory.vendor, device.vendor)) {
      const direct = keys.find((k) => keyMatches(k, tokens));
      if (direct) return { via: direct.series ? 'series' : 'name', matched: advisory.product };
    }
    // A family may have been sold under several vendor names (ABB's RTU500 series is Hitachi Energy's now):
    // both the advisory's and the device's vendor must be among the family's vendors.
    for (const family of this.families) {
      if (!family.vendors.some((v) => this.vendors.same(v, advisory.vendor))) continue;
      if (!family.vendors.some((v) => this.vendors.same(v, device.vendor))) continue;
      if (!family.names.some((nameKeys) => nameKeys.some((nk) => keys.some((k) => sameKey(k, nk))))) continue;
      const member = family.members.find((m) => m.keys.some((k) => keyMatches(k, tokens)));
      if (member) return { via: 'family', matched: member.name };
    }
    return undefined;
  }
}
