// Finds the city asset an event is about, or the one that acted, by id, IP address or hostname.
// Built once per engine: CityModel.assetByAddress scans every asset, too slow per event.
import type { Asset, CityModel } from '../../../domain/index.js';

/** Asset lookups by id and by network address; empty when the engine runs without a city. */
export class AssetDirectory {
  private readonly byId: ReadonlyMap<string, Asset>;
  private readonly byAddress = new Map<string, Asset>();

  constructor(city?: CityModel) {
    this.byId = city?.assets ?? new Map();
    for (const a of city?.city.assets ?? []) {
      // The id is an address too: commands often name the sending host by its asset id.
      for (const address of [a.id, a.network.hostname, a.network.ip]) {
        if (address && !this.byAddress.has(address)) this.byAddress.set(address, a);
      }
    }
  }

  /** The asset with this id. */
  get(id: string | undefined): Asset | undefined {
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The asset with this IP address, hostname or id. */
  byAddressOf(address: string | undefined): Asset | undefined {
    return address === undefined ? undefined : this.byAddress.get(address);
  }
}
