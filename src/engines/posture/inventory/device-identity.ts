// The names under which advisories may know a device: its model with its firmware version, and
// each named piece of software in its firmware string (Econolite "EOS 3.2.16" on a Cobalt controller,
// Microsoft "Windows 10 Enterprise 22H2" on a Dell workstation).
import type { Asset } from '../../../domain/index.js';
import type { VendorNames } from '../names/vendor-names.js';
import type { Version } from '../version/version.js';
import { firmwareComponents } from './firmware-components.js';

/** One vendor/product/version reading of a device. */
export interface DeviceIdentity {
  readonly vendor: string;
  /** What advisory product names are compared with: the model, or a software name ("EOS"). */
  readonly product: string;
  /** What end-of-life product names are compared with: the model, or the software as written ("Windows 10 Enterprise 22H2"). */
  readonly text: string;
  /** Candidate versions; a bound naming a firmware line ("CPCI85 V05") picks the one with that name. */
  readonly versions: readonly Version[];
  readonly from: 'model' | 'firmware';
}

/** Every identity of an asset, model first. */
export function deviceIdentities(asset: Asset, vendors: VendorNames): DeviceIdentity[] {
  const components = firmwareComponents(asset.firmware);
  const versions = components.flatMap((c) => (c.version ? [c.version] : []));
  const bare = components.filter((c) => c.name === undefined).flatMap((c) => (c.version ? [c.version] : []));
  const model: DeviceIdentity = {
    vendor: asset.vendor,
    product: asset.model,
    text: asset.model,
    versions: bare.length > 0 ? bare : versions,
    from: 'model',
  };
  const software = components.flatMap((c): DeviceIdentity[] =>
    c.name && c.version
      ? [
          {
            vendor: vendors.softwareVendor(c.name) ?? asset.vendor,
            product: c.name,
            text: c.text,
            versions: [c.version],
            from: 'firmware',
          },
        ]
      : [],
  );
  return [model, ...software];
}
