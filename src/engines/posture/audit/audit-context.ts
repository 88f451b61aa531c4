// What every check reads: the city, the merged inventory, the zone graph, observations and the day
// of the report — and how a check cites a fact of an asset as evidence.
import type { Asset, CityModel, FindingEvidence, Scalar } from '../../../domain/index.js';
import type { Inventory } from '../inventory/inventory-merge.js';
import type { Observations } from '../inventory/observations.js';
import { normaliseProtocol } from './protocol-table.js';
import type { ZoneMap } from './zone-map.js';

/** Input of the checks. */
export interface AuditContext {
  readonly city: CityModel;
  readonly inventory: Inventory;
  readonly zones: ZoneMap;
  readonly observations: Observations | undefined;
  /** The report day, YYYY-MM-DD. */
  readonly asOf: string;
}

/** Evidence citing a field of an asset where it was declared: a city-file path, a CSV line, an observation. */
export function assetEvidence(
  ctx: AuditContext,
  asset: Asset,
  field: string,
  fact: string,
  value?: Scalar,
): FindingEvidence {
  const origin = ctx.inventory.origins.get(asset.id) ?? { source: 'city-file' as const, where: asset.id };
  const source =
    origin.source === 'city-file'
      ? 'city-file'
      : origin.source === 'inventory-csv'
        ? 'inventory-csv'
        : 'observed';
  const where =
    origin.source === 'city-file'
      ? `${origin.where}/${field.replace(/\./g, '/')}`
      : `${origin.where} (${field})`;
  return { source, where, fact, ...(value !== undefined ? { value } : {}) };
}

/**
 * How many conduits separate the asset from the internet: 0 when one of its ports faces it. Reaching
 * its zone is not reaching it: when no conduit on the shortest path into the zone carries a protocol
 * the asset speaks, an attacker needs one more step (a foothold in the zone). Undefined when unreachable.
 */
export function internetDistance(ctx: AuditContext, asset: Asset): number | undefined {
  if (asset.security?.exposed?.some((p) => p.internetFacing)) return 0;
  const hops = ctx.zones.internetHops(asset.zone);
  if (hops === undefined || hops === 0) return hops;
  const speaks = new Set(asset.protocols.map(normaliseProtocol));
  const direct = ctx.city.city.conduits.some(
    (c) =>
      c.to === asset.zone &&
      c.from !== c.to &&
      ctx.zones.internetHops(c.from) === hops - 1 &&
      c.protocols.some((p) => speaks.has(normaliseProtocol(p))),
  );
  return direct ? hops : hops + 1;
}

/** "critical"/"high" assets, the ones a weakness hurts most. */
export function isImportant(asset: Asset): boolean {
  return asset.criticality === 'critical' || asset.criticality === 'high';
}
