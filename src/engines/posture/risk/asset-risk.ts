// Risk per asset and per public service. Asset risk = weakness × likelihood of being reached ×
// impact, 0–100: weakness combines the asset's findings (1 − Π(1 − wᵢ)), exposure is its distance
// from the internet in conduits, impact the larger of its criticality and the share of the city's
// people whose services depend on it (CityModel dependency graph, transitively).
import type { Asset, AssetRisk, CityModel, Finding, ServiceRisk } from '../../../domain/index.js';
import { internetDistance, type AuditContext } from '../audit/audit-context.js';
import type { PosturePolicy } from './posture-policy.js';

const round1 = (x: number) => Math.round(x * 10) / 10;

function findingWeight(f: Finding, policy: PosturePolicy): number {
  const w = policy.severityWeight[f.severity];
  return f.advisory ? Math.max(w, f.advisory.maxCvss / 10) : w;
}

function exposureOf(
  ctx: AuditContext,
  asset: Asset,
  policy: PosturePolicy,
): { value: number; words: string } {
  const hops = internetDistance(ctx, asset);
  if (hops === undefined)
    return { value: policy.exposureUnreachable, words: 'no declared path from the internet' };
  const table = policy.exposureByHops;
  const value = table[Math.min(hops, table.length - 1)]!;
  return {
    value,
    words: hops === 0 ? 'faces the internet' : `${hops} conduit${hops > 1 ? 's' : ''} from the internet`,
  };
}

/** Risk of every asset with at least one finding, riskiest first. */
export function assetRisks(
  ctx: AuditContext,
  findings: readonly Finding[],
  policy: PosturePolicy,
): AssetRisk[] {
  const byAsset = new Map<string, Finding[]>();
  for (const f of findings) for (const id of f.assetIds) byAsset.set(id, [...(byAsset.get(id) ?? []), f]);
  const population = Math.max(1, ctx.city.city.city.population);
  const assets = new Map(ctx.inventory.assets.map((a) => [a.id, a]));
  const out: AssetRisk[] = [];
  for (const [id, list] of byAsset) {
    const asset = assets.get(id);
    if (!asset) continue;
    const weakness = 1 - list.reduce((p, f) => p * (1 - findingWeight(f, policy)), 1);
    const exposure = exposureOf(ctx, asset, policy);
    const people = Math.max(0, ...ctx.city.servicesAffectedBy([id]).map((s) => s.peopleServed));
    const impact = Math.max(policy.criticalityWeight[asset.criticality], Math.min(1, people / population));
    const likelihood = weakness * (policy.exposureFloor + (1 - policy.exposureFloor) * exposure.value);
    const worst = [...list].sort((a, b) => findingWeight(b, policy) - findingWeight(a, policy))[0]!;
    out.push({
      assetId: id,
      score: round1(100 * likelihood * impact),
      exposure: round1(exposure.value * 100) / 100,
      weakness: Math.round(weakness * 100) / 100,
      impact: Math.round(impact * 100) / 100,
      peopleDepending: people,
      findingIds: list.map((f) => f.id),
      reasons: [
        `exposure: ${exposure.words}`,
        `weakness: ${list.length} finding${list.length > 1 ? 's' : ''}, worst ${worst.severity} (${worst.check})`,
        `impact: ${asset.criticality} asset${people > 0 ? `; ${people.toLocaleString('en')} people depend on services it supports` : ''}`,
      ],
    });
  }
  return out.sort((a, b) => b.score - a.score || a.assetId.localeCompare(b.assetId));
}

/** Risk of every service some risky asset supports: its riskiest dependency, riskiest first. */
export function serviceRisks(city: CityModel, risks: readonly AssetRisk[]): ServiceRisk[] {
  const byService = new Map<string, AssetRisk[]>();
  for (const r of risks)
    for (const s of city.servicesAffectedBy([r.assetId]))
      byService.set(s.serviceId, [...(byService.get(s.serviceId) ?? []), r]);
  return [...byService.entries()]
    .map(([serviceId, list]) => {
      const service = city.services.get(serviceId)!;
      const sorted = [...list].sort((a, b) => b.score - a.score);
      return {
        serviceId,
        name: service.name,
        score: sorted[0]!.score,
        peopleServed: service.peopleServed,
        riskiestAssets: sorted.slice(0, 3).map((r) => r.assetId),
        findingCount: new Set(list.flatMap((r) => r.findingIds)).size,
      };
    })
    .sort((a, b) => b.score - a.score || b.peopleServed - a.peopleServed);
}
