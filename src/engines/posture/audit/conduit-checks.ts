// The city's declared conduits (IEC 62443-3-2 zones and conduits): clear-text or unauthenticated
// industrial protocols crossing a zone boundary, and conduits that jump security levels past the DMZ.
import type { Asset, Conduit, Finding, Severity } from '../../../domain/index.js';
import type { AuditContext } from './audit-context.js';
import { buildFinding } from './finding-builder.js';
import { normaliseProtocol, PLAINTEXT, UNAUTHENTICATED_INDUSTRIAL } from './protocol-table.js';

/** Assets of the target zone that speak one of the protocols. */
function assetsReached(ctx: AuditContext, zone: string, protocols: readonly string[]): Asset[] {
  return ctx.inventory.assets.filter(
    (a) => a.zone === zone && a.protocols.some((p) => protocols.includes(normaliseProtocol(p))),
  );
}

const where = (ctx: AuditContext, c: Conduit, field: string) =>
  `/conduits/${ctx.city.city.conduits.indexOf(c)}/${field}`;

/** Conduits between different zones that carry clear-text or unauthenticated industrial protocols. */
export function conduitProtocolFindings(ctx: AuditContext): Finding[] {
  return ctx.city.city.conduits.flatMap((c) => {
    if (c.from === c.to) return [];
    const protocols = c.protocols.map(normaliseProtocol);
    const plaintext = protocols.filter((p) => PLAINTEXT[p]);
    const industrial = protocols.filter((p) => UNAUTHENTICATED_INDUSTRIAL.has(p));
    if (plaintext.length === 0 && industrial.length === 0) return [];
    const from = ctx.zones.level(c.from) ?? 0;
    const to = ctx.zones.level(c.to) ?? 0;
    const severity: Severity = ctx.zones.isInternet(c.from)
      ? 'critical'
      : from < to
        ? 'high'
        : plaintext.length > 0
          ? 'medium'
          : 'low';
    const named = [...plaintext.map((p) => PLAINTEXT[p]!.label), ...industrial.map((p) => p.toUpperCase())];
    const reached = assetsReached(ctx, c.to, [...plaintext, ...industrial]);
    return [
      buildFinding('conduit-plaintext', {
        subject: c.id,
        severity,
        title: `Conduit ${c.id} (${ctx.zones.name(c.from)} → ${ctx.zones.name(c.to)}) carries ${named.join(', ')} without encryption or authentication`,
        why:
          industrial.length > 0
            ? 'These industrial protocols obey any command from anyone who can reach them; crossing a zone boundary in the clear, they let a foothold in the less trusted zone operate the equipment.'
            : 'Passwords and commands cross the zone boundary in clear text, readable and changeable by anyone on the path.',
        assets: reached,
        zones: [c.from, c.to],
        evidence: [
          {
            source: 'city-file',
            where: where(ctx, c, 'protocols'),
            fact: `conduit allows ${c.protocols.join(', ')}`,
            value: c.protocols.join(','),
          },
          {
            source: 'city-file',
            where: where(ctx, c, 'from'),
            fact: `from ${c.from} (security level ${from}) to ${c.to} (security level ${to})`,
            value: `${c.from}->${c.to}`,
          },
        ],
      }),
    ];
  });
}

/** Conduits that let a zone reach one two or more security levels higher without passing the DMZ. */
export function conduitLevelFindings(ctx: AuditContext): Finding[] {
  return ctx.city.city.conduits.flatMap((c) => {
    const from = ctx.zones.level(c.from);
    const to = ctx.zones.level(c.to);
    if (
      from === undefined ||
      to === undefined ||
      to - from < 2 ||
      ctx.zones.isDmz(c.to) ||
      ctx.zones.isDmz(c.from)
    )
      return [];
    const internet = ctx.zones.isInternet(c.from);
    const reached = assetsReached(ctx, c.to, c.protocols.map(normaliseProtocol));
    return [
      buildFinding('conduit-skips-levels', {
        subject: c.id,
        severity: internet ? 'critical' : 'high',
        title: `Conduit ${c.id} lets ${ctx.zones.name(c.from)} (SL ${from}) reach ${ctx.zones.name(c.to)} (SL ${to}) directly, bypassing the DMZ`,
        why: internet
          ? 'The internet reaches control equipment without passing the DMZ, the VPN or any second factor.'
          : `A compromised machine in ${ctx.zones.name(c.from)} — the zone most exposed to phishing and malware — can talk to equipment that needs security level ${to}.`,
        assets: reached,
        zones: [c.from, c.to],
        evidence: [
          {
            source: 'city-file',
            where: where(ctx, c, 'to'),
            fact: `${c.from} has security level ${from}, ${c.to} has ${to}; no DMZ between`,
            value: `${c.from}->${c.to}`,
          },
          ...(c.description
            ? [{ source: 'city-file' as const, where: where(ctx, c, 'description'), fact: c.description }]
            : []),
        ],
      }),
    ];
  });
}
