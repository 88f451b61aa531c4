// Builds findings with the catalogue's category, standards, fix and effort filled in.
import type {
  Asset,
  Effort,
  Finding,
  FindingAdvisory,
  FindingEvidence,
  Severity,
} from '../../../domain/index.js';
import { CHECKS, type CheckId } from './check-catalogue.js';

/** What a check supplies for one finding; the rest comes from the catalogue. */
export interface FindingParts {
  /** What the finding is about, for a stable id: an asset id, a conduit id, "asset:advisory". */
  readonly subject: string;
  readonly severity: Severity;
  readonly title: string;
  readonly why: string;
  readonly assets: readonly Asset[];
  readonly zones?: readonly string[];
  readonly evidence: readonly FindingEvidence[];
  readonly fix?: string;
  readonly effort?: Effort;
  readonly advisory?: FindingAdvisory;
}

/** A finding of `check`; its id is `check:subject`, stable across runs. */
export function buildFinding(check: CheckId, parts: FindingParts): Finding {
  const def = CHECKS[check];
  return {
    id: `${check}:${parts.subject}`,
    check,
    category: def.category,
    severity: parts.severity,
    title: parts.title,
    why: parts.why,
    assetIds: parts.assets.map((a) => a.id),
    zones: [...new Set(parts.zones ?? parts.assets.map((a) => a.zone))],
    evidence: [...parts.evidence],
    ...(parts.advisory ? { advisory: parts.advisory } : {}),
    fix: parts.fix ?? def.fix,
    effort: parts.effort ?? def.effort,
    csf: [...def.csf],
    iec62443: [...def.iec62443],
  };
}
