// Device properties: firmware accepted without a signature, and remote access without a second factor.
import type { Finding } from '../../../domain/index.js';
import { assetEvidence, internetDistance, isImportant, type AuditContext } from './audit-context.js';
import { buildFinding } from './finding-builder.js';

/** Assets that load firmware without checking its signature (security.firmwareSigned: false). */
export function unsignedFirmwareFindings(ctx: AuditContext): Finding[] {
  return ctx.inventory.assets.flatMap((asset) =>
    asset.security?.firmwareSigned === false
      ? [
          buildFinding('unsigned-firmware', {
            subject: asset.id,
            severity: isImportant(asset) ? 'high' : 'medium',
            title: `${asset.name} (${asset.vendor} ${asset.model}) accepts firmware that is not signed`,
            why: 'Whoever reaches its update interface can load modified firmware that survives reboots — in Ukraine in 2015 attackers bricked serial-to-Ethernet gateways this way.',
            assets: [asset],
            evidence: [
              assetEvidence(
                ctx,
                asset,
                'security.firmwareSigned',
                'firmware updates are not signature-checked',
                false,
              ),
            ],
          }),
        ]
      : [],
  );
}

/** Assets offering remote access without a second factor (security.mfa: false). */
export function remoteAccessFindings(ctx: AuditContext): Finding[] {
  return ctx.inventory.assets.flatMap((asset) => {
    if (asset.security?.mfa !== false) return [];
    const distance = internetDistance(ctx, asset);
    const front = asset.kind === 'vpn-gateway' || distance === 0;
    const severity = front
      ? 'critical'
      : ctx.zones.isDmz(asset.zone) || (distance !== undefined && distance <= 1)
        ? 'high'
        : 'medium';
    const evidence = [assetEvidence(ctx, asset, 'security.mfa', 'remote logins need only a password', false)];
    if (front)
      evidence.push(assetEvidence(ctx, asset, 'kind', 'it is the way in from the internet', asset.kind));
    return [
      buildFinding('remote-access-without-mfa', {
        subject: asset.id,
        severity,
        title: `${asset.name}: remote access without a second factor`,
        why: front
          ? 'A stolen or guessed password is enough to enter the city network from anywhere — the most common way into utilities, as in Ukraine 2015 (stolen VPN logins).'
          : 'A password taken from one machine opens this one too; a second factor stops an intruder moving on towards the control systems.',
        assets: [asset],
        evidence,
      }),
    ];
  });
}
