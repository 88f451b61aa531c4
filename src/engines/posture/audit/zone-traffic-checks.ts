// Traffic between zones with no conduit declared for it: from device links the city file declares
// (a pump's `plc`, a breaker's `gateway`) and from observed flows.
import type { Asset, Finding, FindingEvidence, Severity } from '../../../domain/index.js';
import type { ObservedFlow } from '../inventory/observations.js';
import { isPrivateAddress } from '../inventory/inventory-merge.js';
import { assetEvidence, type AuditContext } from './audit-context.js';
import { buildFinding } from './finding-builder.js';
import { normaliseProtocol, UNAUTHENTICATED_INDUSTRIAL } from './protocol-table.js';

/** Asset parameters that name the device another one talks to (see the sample city's header). */
const LINK_PARAMS = ['plc', 'gateway'] as const;

interface Crossing {
  readonly from: Asset | undefined;
  readonly fromZone: string;
  readonly to: Asset;
  readonly protocol: string | undefined;
  readonly evidence: FindingEvidence;
}

/** Findings for declared links and observed flows that cross zones without a conduit allowing them. */
export function zoneTrafficFindings(ctx: AuditContext): Finding[] {
  const crossings = [...declaredLinks(ctx), ...observedCrossings(ctx)];
  const groups = new Map<string, Crossing[]>();
  for (const c of crossings) {
    const conduits = ctx.zones.conduits(c.fromZone, c.to.zone);
    if (
      c.protocol === undefined
        ? conduits.length > 0
        : conduits.some((k) => k.protocols.map(normaliseProtocol).includes(c.protocol!))
    )
      continue;
    const key = `${c.fromZone}->${c.to.zone}:${c.protocol ?? 'link'}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()].map(([key, list]) => {
    const { fromZone, to, protocol } = list[0]!;
    const hasConduit = ctx.zones.conduits(fromZone, to.zone).length > 0;
    const industrial = protocol !== undefined && UNAUTHENTICATED_INDUSTRIAL.has(protocol);
    const up = (ctx.zones.level(to.zone) ?? 0) > (ctx.zones.level(fromZone) ?? 0);
    const severity: Severity =
      ctx.zones.isInternet(fromZone) || (industrial && up)
        ? 'critical'
        : industrial || up || !hasConduit
          ? 'high'
          : 'medium';
    const assets = [
      ...new Map(list.flatMap((c) => (c.from ? [c.from, c.to] : [c.to])).map((a) => [a.id, a])).values(),
    ];
    return buildFinding('undeclared-zone-crossing', {
      subject: key,
      severity,
      title: `${protocol ? protocol.toUpperCase() : 'Device links'} from ${ctx.zones.name(fromZone)} to ${ctx.zones.name(to.zone)} ${hasConduit ? 'outside what the conduit allows' : 'with no conduit declared'}`,
      why: 'Traffic that crosses a zone boundary without a declared conduit is either a forgotten path or an intruder’s; either way the boundary does not hold.',
      assets,
      zones: [fromZone, to.zone],
      evidence: list.slice(0, 8).map((c) => c.evidence),
    });
  });
}

function declaredLinks(ctx: AuditContext): Crossing[] {
  const byId = new Map(ctx.inventory.assets.map((a) => [a.id, a]));
  return ctx.inventory.assets.flatMap((a) =>
    LINK_PARAMS.flatMap((param): Crossing[] => {
      const peer = typeof a.params[param] === 'string' ? byId.get(a.params[param] as string) : undefined;
      if (!peer || peer.zone === a.zone) return [];
      return [
        {
          from: peer,
          fromZone: peer.zone,
          to: a,
          protocol: undefined,
          evidence: assetEvidence(
            ctx,
            a,
            `params.${param}`,
            `${a.id} (${a.zone}) is linked to ${peer.id} (${peer.zone})`,
            peer.id,
          ),
        },
      ];
    }),
  );
}

function observedCrossings(ctx: AuditContext): Crossing[] {
  const resolve = (address: string) =>
    ctx.inventory.assets.find(
      (a) => a.id === address || a.network.ip === address || a.network.hostname === address,
    );
  const internet = ctx.city.city.zones.find((z) => ctx.zones.isInternet(z.id))?.id;
  return (ctx.observations?.flows ?? []).flatMap((f: ObservedFlow): Crossing[] => {
    const to = resolve(f.dst);
    const from = resolve(f.src);
    const fromZone =
      from?.zone ??
      (internet && /^[0-9.:a-f]+$/i.test(f.src) && !isPrivateAddress(f.src) ? internet : undefined);
    if (!to || !fromZone || fromZone === to.zone) return [];
    const protocol = normaliseProtocol(f.protocol);
    const fact = `observed ${f.src} → ${f.dst} ${protocol}${f.port ? `/${f.port}` : ''}${f.packets ? ` (${f.packets} packets)` : ''}`;
    return [
      {
        from,
        fromZone,
        to,
        protocol,
        evidence: { source: 'observed', where: `flow ${f.src} → ${f.dst}`, fact, value: protocol },
      },
    ];
  });
}
