// Outdated and vulnerable software: advisory matches (vendor AND product AND version range) and
// end-of-life products, declared on the asset or found in the feed's end-of-life list.
import type { AdvisoryFact, Asset, Finding, FindingEvidence, Severity } from '../../../domain/index.js';
import type { AdvisoryFeed } from '../advisories/advisory-feed.js';
import { AdvisoryMatcher, type AdvisoryMatch } from '../matching/advisory-matcher.js';
import { endOfLifeMatches } from '../matching/end-of-life.js';
import { assetEvidence, internetDistance, isImportant, type AuditContext } from './audit-context.js';
import { buildFinding } from './finding-builder.js';

/** Days before a product’s end of support that it is reported as coming up. */
export const END_OF_LIFE_NOTICE_DAYS = 365;

function cvssSeverity(cvss: number, kev: boolean): Severity {
  const base: Severity = cvss >= 9 ? 'critical' : cvss >= 7 ? 'high' : cvss >= 4 ? 'medium' : 'low';
  if (!kev) return base;
  return base === 'critical' || base === 'high' ? 'critical' : 'high';
}

/** One finding per asset and advisory, listing every CVE of it that matched. */
export function vulnerabilityFindings(ctx: AuditContext, feed: AdvisoryFeed): Finding[] {
  const matcher = new AdvisoryMatcher(feed);
  return ctx.inventory.assets.flatMap((asset) => {
    const byAdvisory = new Map<string, AdvisoryMatch[]>();
    for (const m of matcher.matchAsset(asset))
      byAdvisory.set(m.fact.advisoryId, [...(byAdvisory.get(m.fact.advisoryId) ?? []), m]);
    return [...byAdvisory.entries()].map(([advisoryId, matches]) =>
      vulnerabilityFinding(ctx, asset, advisoryId, matches),
    );
  });
}

function vulnerabilityFinding(
  ctx: AuditContext,
  asset: Asset,
  advisoryId: string,
  matches: AdvisoryMatch[],
): Finding {
  const facts: AdvisoryFact[] = matches.map((m) => m.fact).sort((a, b) => b.cvss - a.cvss);
  const cves = [...new Set(facts.map((f) => f.cve))];
  const top = facts[0]!;
  const kev = facts.some((f) => f.kev);
  const fixed = facts.find((f) => f.fixedVersion)?.fixedVersion;
  const seen = new Set<string>();
  const evidence: FindingEvidence[] = [
    assetEvidence(
      ctx,
      asset,
      'firmware',
      `runs ${asset.vendor} ${asset.model} with firmware ${asset.firmware}`,
      asset.firmware,
    ),
  ];
  for (const m of matches) {
    const key = `${m.fact.product}|${m.range}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const via =
      m.product.via === 'family'
        ? ` (member ${m.product.matched} of the family)`
        : m.product.via === 'series'
          ? ' (model in the vendor’s series)'
          : '';
    evidence.push({
      source: 'advisory',
      where: advisoryId,
      fact: `${m.fact.vendor} ${m.fact.product}${via}, affected versions ${m.range}: ${m.version.text} is inside`,
      value: m.range,
    });
  }
  if (kev)
    evidence.push({
      source: 'advisory',
      where: 'CISA KEV',
      fact: `${facts
        .filter((f) => f.kev)
        .map((f) => f.cve)
        .join(', ')} is exploited in the wild (CISA Known Exploited Vulnerabilities)`,
      value: true,
    });
  const remedy = top.remediation ?? facts.find((f) => f.remediation)?.remediation;
  return buildFinding('known-vulnerability', {
    subject: `${asset.id}:${advisoryId}`,
    severity: cvssSeverity(top.cvss, kev),
    title: `${asset.name} (${asset.vendor} ${asset.model}, ${asset.firmware}) is affected by ${advisoryId}: ${cves.slice(0, 3).join(', ')}${cves.length > 3 ? ` and ${cves.length - 3} more` : ''} (CVSS ${top.cvss.toFixed(1)})${kev ? ', exploited in the wild' : ''}`,
    why: `${top.title}. The advisory names this product and firmware version; ${kev ? 'attackers are already using it' : 'published weaknesses are scanned for soon after release'}.`,
    assets: [asset],
    evidence,
    fix: [
      fixed
        ? `Update to ${fixed} or later.`
        : 'No fixed version is named for this firmware line: apply the vendor’s mitigations and keep the device unreachable from less trusted zones.',
      remedy,
    ]
      .filter(Boolean)
      .join(' '),
    effort: fixed ? 'medium' : 'high',
    advisory: {
      advisoryId,
      source: top.source,
      cves,
      maxCvss: top.cvss,
      kev,
      ...(fixed ? { fixedVersion: fixed } : {}),
      matchedProduct: `${top.vendor} / ${top.product} / ${matches[0]!.range}`,
    },
  });
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Assets past (or within a year of) their vendor's end of support. */
export function endOfLifeFindings(ctx: AuditContext, feed: AdvisoryFeed): Finding[] {
  return ctx.inventory.assets.flatMap((asset) => {
    const dates: Array<{ date: string; evidence: FindingEvidence; product: string }> = [];
    const declared = asset.security?.endOfLife;
    if (declared)
      dates.push({
        date: declared,
        product: asset.model,
        evidence: assetEvidence(
          ctx,
          asset,
          'security.endOfLife',
          `vendor support ended or ends on ${declared}`,
          declared,
        ),
      });
    for (const m of endOfLifeMatches(asset, feed)) {
      dates.push({
        date: m.entry.endOfLife,
        product: m.identity.text,
        evidence: {
          source: 'end-of-life-list',
          where: m.entry.source,
          fact: `${m.entry.vendor} ${m.entry.product}: support ends ${m.entry.endOfLife}`,
          value: m.entry.endOfLife,
        },
      });
    }
    const relevant = dates.filter((d) => daysBetween(ctx.asOf, d.date) <= END_OF_LIFE_NOTICE_DAYS);
    if (relevant.length === 0) return [];
    const earliest = relevant.reduce((a, b) => (a.date <= b.date ? a : b));
    const past = earliest.date <= ctx.asOf;
    const distance = internetDistance(ctx, asset);
    const severity: Severity = !past
      ? 'low'
      : isImportant(asset) || (distance !== undefined && distance <= 1)
        ? 'high'
        : 'medium';
    return [
      buildFinding('end-of-life', {
        subject: asset.id,
        severity,
        title: past
          ? `${asset.name} runs ${earliest.product}, out of vendor support since ${earliest.date}`
          : `${asset.name} runs ${earliest.product}, which leaves vendor support on ${earliest.date}`,
        why: past
          ? 'No security fixes are published for it any more: every weakness found from now on stays open.'
          : 'After that day no security fixes will be published; replacing it takes planning and budget.',
        assets: [asset],
        evidence: relevant.map((d) => d.evidence),
        effort: 'high',
      }),
    ];
  });
}
