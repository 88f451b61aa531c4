// A larger city made of copies of a real one, for benchmarks that need 1 k … 100 k devices. Each copy
// keeps its own wiring: a copied pump is fed by the copied feeder and fills the copied tank.
import type { Asset, City } from '../../domain/index.js';

/**
 * A city with exactly `deviceCount` assets: the original first, then copies whose ids end in
 * `.r1`, `.r2`, … Asset params naming another asset point into the same copy; copies carry no
 * network addresses (they would clash). Services, districts and zones are shared.
 */
export function replicateCity(city: City, deviceCount: number): City {
  if (!Number.isInteger(deviceCount) || deviceCount < 1)
    throw new RangeError(`deviceCount must be a positive integer, got ${deviceCount}`);
  const ids = new Set(city.assets.map((a) => a.id));
  const assets: Asset[] = [];
  for (let copy = 0; assets.length < deviceCount; copy++) {
    for (const a of city.assets) {
      if (assets.length >= deviceCount) break;
      assets.push(copy === 0 ? a : copyAsset(a, `.r${copy}`, ids));
    }
  }
  return { ...city, assets };
}

function copyAsset(a: Asset, suffix: string, ids: ReadonlySet<string>): Asset {
  const params: Asset['params'] = {};
  for (const [k, v] of Object.entries(a.params))
    params[k] = typeof v === 'string' && ids.has(v) ? v + suffix : v;
  return { ...a, id: a.id + suffix, name: `${a.name} (copy ${suffix.slice(2)})`, network: {}, params };
}
