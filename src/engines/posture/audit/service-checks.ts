// Services an asset offers: clear-text protocols (Telnet, HTTP, FTP, VNC, MQTT without TLS) and
// management interfaces facing the internet (security.exposed).
import type { Asset, Finding, FindingEvidence } from '../../../domain/index.js';
import { assetEvidence, isImportant, type AuditContext } from './audit-context.js';
import { buildFinding } from './finding-builder.js';
import { normaliseProtocol, PLAINTEXT } from './protocol-table.js';

/** One finding per asset listing every clear-text protocol it speaks or exposes. */
export function plaintextFindings(ctx: AuditContext): Finding[] {
  return ctx.inventory.assets.flatMap((asset) => {
    const found = plaintextOn(ctx, asset);
    if (found.length === 0) return [];
    const labels = found.map((f) => PLAINTEXT[f.protocol]!.label);
    const internet = found.some((f) => f.internetFacing);
    const management = found.some((f) => PLAINTEXT[f.protocol]!.management);
    const strictZone = (ctx.zones.level(asset.zone) ?? 0) >= 3;
    const severity = internet
      ? 'critical'
      : management && (isImportant(asset) || strictZone)
        ? 'high'
        : 'medium';
    return [
      buildFinding('plaintext-protocol', {
        subject: asset.id,
        severity,
        title: `${asset.name}: ${labels.join(', ')} in clear text`,
        why: 'Anyone on the path can read the passwords and commands sent over these protocols and replay or change them.',
        assets: [asset],
        evidence: found.flatMap((f) => f.evidence),
        fix: `Turn off ${labels.join(' and ')} and use ${found.map((f) => PLAINTEXT[f.protocol]!.replacement).join('; ')} instead.`,
      }),
    ];
  });
}

function plaintextOn(
  ctx: AuditContext,
  asset: Asset,
): Array<{ protocol: string; internetFacing: boolean; evidence: FindingEvidence[] }> {
  const tls = asset.security?.tls;
  const out = new Map<string, { protocol: string; internetFacing: boolean; evidence: FindingEvidence[] }>();
  const add = (protocol: string, e: FindingEvidence, internetFacing = false) => {
    const entry = out.get(protocol) ?? { protocol, internetFacing: false, evidence: [] };
    entry.internetFacing ||= internetFacing;
    entry.evidence.push(e);
    out.set(protocol, entry);
  };
  asset.protocols.forEach((p, i) => {
    const name = normaliseProtocol(p);
    if (PLAINTEXT[name])
      add(name, assetEvidence(ctx, asset, `protocols.${i}`, `speaks ${PLAINTEXT[name]!.label}`, p));
  });
  asset.security?.exposed?.forEach((port, i) => {
    const name = normaliseProtocol(port.protocol);
    if (PLAINTEXT[name]) {
      const what = `port ${port.port}/${port.protocol} is open${port.management ? ' (management)' : ''}${port.internetFacing ? ' to the internet' : ''}`;
      add(name, assetEvidence(ctx, asset, `security.exposed.${i}`, what, port.port), port.internetFacing);
    }
  });
  for (const [name, entry] of out) {
    if (!PLAINTEXT[name]!.unlessTls) continue;
    if (tls === true) out.delete(name);
    else
      entry.evidence.push(
        assetEvidence(
          ctx,
          asset,
          'security.tls',
          tls === false ? 'TLS is declared off' : 'TLS is not declared',
          tls ?? null,
        ),
      );
  }
  return [...out.values()];
}

/** Management interfaces that face the internet, one finding per asset. */
export function exposedManagementFindings(ctx: AuditContext): Finding[] {
  return ctx.inventory.assets.flatMap((asset) => {
    const ports = (asset.security?.exposed ?? [])
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.internetFacing && p.management);
    if (ports.length === 0) return [];
    return [
      buildFinding('internet-exposed-management', {
        subject: asset.id,
        severity: 'critical',
        title: `${asset.name}: management interface reachable from the internet (${ports.map(({ p }) => `${p.protocol}/${p.port}`).join(', ')})`,
        why: 'Internet-wide scanners find such interfaces within hours; one weak password or unpatched bug then gives an outsider control of the device.',
        assets: [asset],
        evidence: ports.map(({ p, i }) =>
          assetEvidence(
            ctx,
            asset,
            `security.exposed.${i}`,
            `port ${p.port}/${p.protocol} is a management interface open to the internet`,
            p.port,
          ),
        ),
      }),
    ];
  });
}
