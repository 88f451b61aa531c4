// Matches devices against advisory facts: same vendor (through aliases), same product (identifying
// tokens, series placeholders or a listed family member) AND a version inside an affected range.
// A fact whose range cannot be read never matches; vendor alone never matches.
import type { AdvisoryFact, Asset } from '../../../domain/index.js';
import type { AdvisoryFeed } from '../advisories/advisory-feed.js';
import { deviceIdentities, type DeviceIdentity } from '../inventory/device-identity.js';
import type { ProductMatch } from '../names/product-names.js';
import { parseVersionRange, rangeContains, type VersionRange } from '../version/version-range.js';
import type { Version } from '../version/version.js';

/** One advisory fact matching one device, with what matched. */
export interface AdvisoryMatch {
  readonly fact: AdvisoryFact;
  readonly identity: DeviceIdentity;
  readonly version: Version;
  /** The affected range the version fell into, as written. */
  readonly range: string;
  readonly product: ProductMatch;
}

interface IndexedFact {
  readonly fact: AdvisoryFact;
  readonly ranges: readonly VersionRange[];
}

/** Advisory facts indexed by vendor, ranges parsed once. */
export class AdvisoryMatcher {
  private readonly byVendor = new Map<string, IndexedFact[]>();

  constructor(private readonly feed: AdvisoryFeed) {
    for (const fact of feed.facts) {
      const ranges = fact.versions.flatMap((v) => {
        const r = parseVersionRange(v);
        return r.ok ? [r.range] : [];
      });
      if (ranges.length === 0) continue;
      for (const key of feed.names.vendors.keys(fact.vendor)) {
        const list = this.byVendor.get(key) ?? [];
        list.push({ fact, ranges });
        this.byVendor.set(key, list);
      }
    }
  }

  /** Every fact matching the asset, at most one per fact. */
  matchAsset(asset: Asset): AdvisoryMatch[] {
    const out: AdvisoryMatch[] = [];
    const done = new Set<string>();
    for (const identity of deviceIdentities(asset, this.feed.names.vendors)) {
      for (const key of this.feed.names.vendorScope(identity.vendor)) {
        for (const indexed of this.byVendor.get(key) ?? []) {
          if (done.has(indexed.fact.id)) continue;
          const match = this.matchIdentity(indexed, identity);
          if (match) {
            done.add(indexed.fact.id);
            out.push(match);
          }
        }
      }
    }
    return out;
  }

  private matchIdentity(indexed: IndexedFact, identity: DeviceIdentity): AdvisoryMatch | undefined {
    const { fact } = indexed;
    const product = this.feed.names.match(
      { vendor: fact.vendor, product: fact.product },
      { vendor: identity.vendor, text: identity.product },
    );
    if (!product) return undefined;
    for (const range of indexed.ranges) {
      for (const version of identity.versions) {
        if (rangeContains(range, version) === true)
          return { fact, identity, version, range: range.text, product };
      }
    }
    return undefined;
  }
}
