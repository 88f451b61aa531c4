// Finds devices running a product past its vendor's end of support: the date the city declares on
// the asset (security.endOfLife), or a matching entry of the feed's end-of-life list.
import type { Asset, EndOfLifeEntry } from '../../../domain/index.js';
import type { AdvisoryFeed } from '../advisories/advisory-feed.js';
import { deviceIdentities, type DeviceIdentity } from '../inventory/device-identity.js';
import { parseVersionRange, rangeContains } from '../version/version-range.js';

/** One end-of-life entry matching a device. */
export interface EndOfLifeMatch {
  readonly entry: EndOfLifeEntry;
  readonly identity: DeviceIdentity;
}

/** Entries of the list matching the asset by vendor, product and (when the entry names them) versions; most specific first. */
export function endOfLifeMatches(asset: Asset, feed: AdvisoryFeed): EndOfLifeMatch[] {
  const identities = deviceIdentities(asset, feed.names.vendors);
  const out: EndOfLifeMatch[] = [];
  for (const entry of feed.endOfLife) {
    for (const identity of identities) {
      if (
        !feed.names.match(
          { vendor: entry.vendor, product: entry.product },
          { vendor: identity.vendor, text: identity.text },
        )
      )
        continue;
      if (entry.versions && !inVersions(entry.versions, identity)) continue;
      out.push({ entry, identity });
      break;
    }
  }
  return out.sort((a, b) => b.entry.product.length - a.entry.product.length);
}

function inVersions(versions: readonly string[], identity: DeviceIdentity): boolean {
  return versions.some((text) => {
    const r = parseVersionRange(text);
    return r.ok && identity.versions.some((v) => rangeContains(r.range, v) === true);
  });
}
