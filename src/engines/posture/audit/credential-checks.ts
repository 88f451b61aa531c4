// Default and shared credentials, as the city declares them per asset (security.defaultCredentials,
// security.sharedCredentials).
import type { Finding } from '../../../domain/index.js';
import { assetEvidence, internetDistance, isImportant, type AuditContext } from './audit-context.js';
import { buildFinding } from './finding-builder.js';

/** Findings for assets on their vendor's default password or reached through a shared login. */
export function credentialFindings(ctx: AuditContext): Finding[] {
  const out: Finding[] = [];
  for (const asset of ctx.inventory.assets) {
    const s = asset.security;
    if (s?.defaultCredentials === true) {
      const distance = internetDistance(ctx, asset);
      const evidence = [
        assetEvidence(
          ctx,
          asset,
          'security.defaultCredentials',
          'the device still accepts the vendor’s default password',
          true,
        ),
      ];
      if (distance !== undefined && distance <= 1) {
        evidence.push(
          assetEvidence(
            ctx,
            asset,
            'zone',
            `its zone "${asset.zone}" is ${distance === 0 ? 'on' : 'one conduit from'} the internet`,
            asset.zone,
          ),
        );
      }
      out.push(
        buildFinding('default-credentials', {
          subject: asset.id,
          severity: distance !== undefined && distance <= 1 ? 'critical' : 'high',
          title: `${asset.name} (${asset.vendor} ${asset.model}) still uses the vendor’s default password`,
          why: 'Default passwords are printed in manuals and are the first thing attackers and botnets try — this is how US water utilities’ Unitronics PLCs were taken over in 2023.',
          assets: [asset],
          evidence,
          fix: 'Set a unique, strong password on the device today, keep it in the password vault, and disable vendor or guest accounts.',
        }),
      );
    }
    if (s?.sharedCredentials === true) {
      out.push(
        buildFinding('shared-credentials', {
          subject: asset.id,
          severity: isImportant(asset) ? 'high' : 'medium',
          title: `${asset.name} is operated with a shared login`,
          why: 'With one login for everyone, nobody can tell who did what, a leaver still knows the password, and one stolen password opens every session.',
          assets: [asset],
          evidence: [
            assetEvidence(
              ctx,
              asset,
              'security.sharedCredentials',
              'several people use the same account',
              true,
            ),
          ],
        }),
      );
    }
  }
  return out;
}
