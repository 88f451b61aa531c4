// The posture report of a city: merge the inventory, run every check, score risk per asset and
// service, and order the remediation list. Pure apart from the clock default for `asOf`.
import type { CityModel, Finding, PostureReport } from '../../../domain/index.js';
import { SEVERITY_ORDER, severityRank } from '../../../domain/index.js';
import type { AdvisoryFeed } from '../advisories/advisory-feed.js';
import type { AuditContext } from '../audit/audit-context.js';
import { conduitLevelFindings, conduitProtocolFindings } from '../audit/conduit-checks.js';
import { credentialFindings } from '../audit/credential-checks.js';
import { remoteAccessFindings, unsignedFirmwareFindings } from '../audit/device-checks.js';
import { uninventoriedFindings } from '../audit/inventory-checks.js';
import { exposedManagementFindings, plaintextFindings } from '../audit/service-checks.js';
import { endOfLifeFindings, vulnerabilityFindings } from '../audit/software-checks.js';
import { ZoneMap } from '../audit/zone-map.js';
import { zoneTrafficFindings } from '../audit/zone-traffic-checks.js';
import type { InventoryImport } from '../inventory/inventory-csv.js';
import { mergeInventory } from '../inventory/inventory-merge.js';
import type { Observations } from '../inventory/observations.js';
import { assetRisks, serviceRisks } from '../risk/asset-risk.js';
import { DEFAULT_POSTURE_POLICY, type PosturePolicy } from '../risk/posture-policy.js';
import { remediationPlan } from '../risk/remediation-plan.js';

/** Optional input of a posture report. */
export interface PostureOptions {
  /** Devices and flows seen on the network or in telemetry. */
  readonly observations?: Observations;
  /** Assets imported from an inventory CSV (importInventoryCsv). */
  readonly inventoryCsv?: InventoryImport;
  /** The report day, YYYY-MM-DD (end-of-life dates are compared with it); default today (UTC). */
  readonly asOf?: string;
  readonly policy?: Partial<PosturePolicy>;
}

/** Runs every check; findings come back most severe first. */
export function auditFindings(ctx: AuditContext, feed: AdvisoryFeed): Finding[] {
  const findings = [
    ...uninventoriedFindings(ctx),
    ...vulnerabilityFindings(ctx, feed),
    ...endOfLifeFindings(ctx, feed),
    ...credentialFindings(ctx),
    ...exposedManagementFindings(ctx),
    ...plaintextFindings(ctx),
    ...conduitProtocolFindings(ctx),
    ...conduitLevelFindings(ctx),
    ...zoneTrafficFindings(ctx),
    ...unsignedFirmwareFindings(ctx),
    ...remoteAccessFindings(ctx),
  ];
  return findings.sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id),
  );
}

/** The posture report the API serves and `cityguard posture report` prints. */
export function postureReport(
  city: CityModel,
  feed: AdvisoryFeed,
  options: PostureOptions = {},
): PostureReport {
  const policy = { ...DEFAULT_POSTURE_POLICY, ...options.policy };
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const inventory = mergeInventory(city, options.inventoryCsv, options.observations);
  const ctx: AuditContext = {
    city,
    inventory,
    zones: new ZoneMap(city.city),
    observations: options.observations,
    asOf,
  };
  const findings = auditFindings(ctx, feed);
  const assets = assetRisks(ctx, findings, policy);
  const counts = Object.fromEntries(
    SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length]),
  );
  return {
    city: { id: city.city.city.id, name: city.city.city.name },
    asOf,
    inventory: {
      declared: inventory.counts.declared,
      imported: inventory.counts.imported,
      discovered: inventory.counts.discovered,
    },
    advisories: {
      facts: feed.facts.length,
      endOfLife: feed.endOfLife.length,
      kev: feed.kev.size,
      sources: feed.sources.map((s) => s.label),
    },
    counts,
    findings,
    assets,
    services: serviceRisks(city, assets),
    remediation: remediationPlan(findings, assets, inventory.assets, policy),
  };
}
