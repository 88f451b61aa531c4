// The weights and thresholds behind risk scores and remediation priorities. Defaults are chosen so
// one critical finding on an internet-reachable critical asset scores near 100 and a medium finding
// on an internal low-criticality device stays under 10; a city may override any of them.
import type { Criticality, Severity } from '../../../domain/index.js';

/** Risk weights and remediation thresholds. */
export interface PosturePolicy {
  /** How much one finding of each severity weakens an asset, 0–1. */
  readonly severityWeight: Readonly<Record<Severity, number>>;
  /** Exposure by conduits from the internet: index 0 = faces the internet, last entry for that many or more. */
  readonly exposureByHops: readonly number[];
  /** Exposure of a zone no conduit path from the internet reaches. */
  readonly exposureUnreachable: number;
  /** Share of likelihood that does not depend on exposure (insiders, laptops, supply chain). */
  readonly exposureFloor: number;
  readonly criticalityWeight: Readonly<Record<Criticality, number>>;
  /** Asset risk (0–100) at or above which a high finding is due now (below: next). */
  readonly fixNowRisk: number;
  /** Asset risk at or above which a medium finding is due next (below: later). */
  readonly fixNextRisk: number;
}

/** The defaults. */
export const DEFAULT_POSTURE_POLICY: PosturePolicy = {
  severityWeight: { info: 0, low: 0.15, medium: 0.4, high: 0.7, critical: 0.95 },
  exposureByHops: [1, 0.8, 0.5, 0.35],
  exposureUnreachable: 0.2,
  exposureFloor: 0.4,
  criticalityWeight: { low: 0.25, medium: 0.5, high: 0.75, critical: 1 },
  fixNowRisk: 60,
  fixNextRisk: 40,
};
