// Devices seen on the network that the city's inventory does not list.
import type { Finding } from '../../../domain/index.js';
import type { AuditContext } from './audit-context.js';
import { buildFinding } from './finding-builder.js';
import { UNAUTHENTICATED_INDUSTRIAL } from './protocol-table.js';

/** One "uninventoried device" finding per discovered asset. */
export function uninventoriedFindings(ctx: AuditContext): Finding[] {
  return ctx.inventory.assets.flatMap((asset) => {
    const seen = ctx.inventory.observed.get(asset.id);
    if (asset.source !== 'discovered' || !seen) return [];
    const industrial = asset.protocols.some((p) => UNAUTHENTICATED_INDUSTRIAL.has(p));
    const strictZone = (ctx.zones.level(asset.zone) ?? 0) >= 3;
    const address = seen.ip ?? seen.mac ?? seen.hostname ?? seen.id;
    return [
      buildFinding('uninventoried-device', {
        subject: asset.id,
        severity: industrial || strictZone ? 'high' : 'medium',
        title: `Undeclared device ${address} seen in ${ctx.zones.zone(asset.zone) ? ctx.zones.name(asset.zone) : 'an unknown zone'}`,
        why: 'A device nobody declared is patched, configured and watched by nobody — a forgotten test unit, a contractor’s laptop or an intruder’s implant.',
        assets: [asset],
        evidence: [
          {
            source: 'observed',
            where: `observed ${address}`,
            fact: [
              `seen at ${[seen.ip, seen.mac, seen.hostname].filter(Boolean).join(' / ') || seen.id}`,
              seen.protocols?.length ? `speaking ${seen.protocols.join(', ')}` : undefined,
              seen.vendor ? `vendor hint ${seen.vendor}` : undefined,
              seen.firstSeen ? `first seen ${seen.firstSeen}` : undefined,
            ]
              .filter(Boolean)
              .join(', '),
            value: address ?? null,
          },
          {
            source: 'observed',
            where: `observed ${address}`,
            fact: `no asset of the inventory has this id, IP, MAC or hostname; zone ${asset.zone} inferred from neighbouring addresses`,
            value: asset.zone,
          },
        ],
      }),
    ];
  });
}
