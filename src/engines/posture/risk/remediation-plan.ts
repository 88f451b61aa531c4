// The remediation list: findings grouped into actions (one per check and device model, advisory or
// conduit), each placed in "fix now / next / later" by its worst severity, known exploitation and
// the highest risk it lowers, with an effort hint. Ordered by priority, then risk, then least effort.
import type {
  Asset,
  AssetRisk,
  Effort,
  Finding,
  RemediationItem,
  RemediationPriority,
} from '../../../domain/index.js';
import type { CheckId } from '../audit/check-catalogue.js';
import type { PosturePolicy } from './posture-policy.js';

/** Short imperative label of each check's action. */
const ACTION: Record<CheckId, string> = {
  'uninventoried-device': 'Identify the undeclared device, then inventory or remove it',
  'known-vulnerability': 'Update firmware',
  'end-of-life': 'Replace or upgrade end-of-life software',
  'default-credentials': 'Change the default password',
  'shared-credentials': 'Replace the shared login with personal accounts',
  'plaintext-protocol': 'Turn off clear-text protocols',
  'conduit-plaintext': 'Encrypt or remove clear-text protocols on a conduit',
  'internet-exposed-management': 'Take the management interface off the internet',
  'unsigned-firmware': 'Enforce signed firmware',
  'conduit-skips-levels': 'Close or reroute a conduit through the DMZ',
  'undeclared-zone-crossing': 'Block or declare traffic crossing zones',
  'remote-access-without-mfa': 'Require a second factor',
};

const EFFORT_RANK: Record<Effort, number> = { low: 0, medium: 1, high: 2 };
const PRIORITY_RANK: Record<RemediationPriority, number> = { now: 0, next: 1, later: 2 };
const SEVERITY_RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;

function groupKey(f: Finding, assets: ReadonlyMap<string, Asset>): string {
  const a = assets.get(f.assetIds[0] ?? '');
  switch (f.check as CheckId) {
    case 'known-vulnerability':
      return `${f.check}|${f.advisory?.advisoryId}|${a?.vendor}|${a?.model}|${a?.firmware}`;
    case 'plaintext-protocol':
      return `${f.check}|${a?.vendor}|${a?.model}|${f.fix}`;
    case 'default-credentials':
    case 'shared-credentials':
    case 'unsigned-firmware':
    case 'end-of-life':
    case 'remote-access-without-mfa':
      return `${f.check}|${a?.vendor}|${a?.model}|${f.fix}`;
    default:
      return f.id;
  }
}

function target(findings: readonly Finding[], assets: ReadonlyMap<string, Asset>): string {
  const first = findings[0]!;
  if (
    first.check === 'conduit-plaintext' ||
    first.check === 'conduit-skips-levels' ||
    first.check === 'undeclared-zone-crossing'
  )
    return first.title;
  const ids = [...new Set(findings.flatMap((f) => f.assetIds))];
  const a = assets.get(ids[0] ?? '');
  const model = a ? `${a.vendor} ${a.model}` : '';
  const advisory = first.advisory
    ? ` (${first.advisory.advisoryId}: ${first.advisory.cves.slice(0, 2).join(', ')})`
    : '';
  const shown = ids.slice(0, 4).join(', ') + (ids.length > 4 ? `, +${ids.length - 4} more` : '');
  return ids.length === 1
    ? `${ids[0]} (${model})${advisory}`
    : `${ids.length} × ${model}${advisory}: ${shown}`;
}

/**
 * Now: anything critical or exploited in the wild, and high findings on assets at or above
 * `fixNowRisk`. Next: other high findings, and medium ones at or above `fixNextRisk`. Later: the rest.
 */
function priorityOf(
  severity: Finding['severity'],
  kev: boolean,
  risk: number,
  policy: PosturePolicy,
): RemediationPriority {
  if (severity === 'critical' || kev || (severity === 'high' && risk >= policy.fixNowRisk)) return 'now';
  if (severity === 'high' || (severity === 'medium' && risk >= policy.fixNextRisk)) return 'next';
  return 'later';
}

/** Builds the ordered remediation list. */
export function remediationPlan(
  findings: readonly Finding[],
  risks: readonly AssetRisk[],
  assetList: readonly Asset[],
  policy: PosturePolicy,
): RemediationItem[] {
  const assets = new Map(assetList.map((a) => [a.id, a]));
  const riskOf = new Map(risks.map((r) => [r.assetId, r.score]));
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(groupKey(f, assets), [...(groups.get(groupKey(f, assets)) ?? []), f]);
  const items = [...groups.values()].map((list): RemediationItem => {
    const assetIds = [...new Set(list.flatMap((f) => f.assetIds))];
    const riskScore = Math.max(0, ...assetIds.map((id) => riskOf.get(id) ?? 0));
    const worst = list.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
    const kev = list.some((f) => f.advisory?.kev);
    const priority = priorityOf(worst.severity, kev, riskScore, policy);
    const effort = list.map((f) => f.effort).reduce((a, b) => (EFFORT_RANK[b] > EFFORT_RANK[a] ? b : a));
    const reason = [
      `worst finding ${worst.severity}`,
      kev ? 'exploited in the wild (CISA KEV)' : undefined,
      assetIds.length > 0 ? `highest asset risk ${riskScore}` : undefined,
      assetIds.length > 1 ? `${assetIds.length} devices` : undefined,
    ]
      .filter(Boolean)
      .join('; ');
    return {
      priority,
      action: `${ACTION[worst.check as CheckId] ?? worst.check}: ${target(list, assets)}`,
      how: worst.fix,
      effort,
      assetIds,
      findingIds: list.map((f) => f.id),
      riskScore,
      reason,
    };
  });
  return items.sort(
    (a, b) =>
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      b.riskScore - a.riskScore ||
      EFFORT_RANK[a.effort] - EFFORT_RANK[b.effort] ||
      a.action.localeCompare(b.action),
  );
}
