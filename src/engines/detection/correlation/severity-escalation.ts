// How an incident's severity follows from its alerts: the worst alert, raised one level when the
// attack spans several stages and one more when it has reached the physical process.
import type { IcsTactic, Severity } from '../../../domain/index.js';
import { SEVERITY_ORDER, severityRank, tacticRank } from '../../../domain/index.js';

/** Tunables of escalation; defaults suit a city without a security team (escalate early). */
export interface EscalationPolicy {
  /** Distinct tactics from which an incident counts as a multi-stage attack. */
  multiStageTactics: number;
  /** Tactic from which an incident counts as touching the physical process. */
  processTactic: IcsTactic;
}

/** Escalate after three tactics, and once the attack acts on equipment (inhibit response or later). */
export const DEFAULT_ESCALATION: EscalationPolicy = { multiStageTactics: 3, processTactic: 'inhibit-response-function' };

/** The severity of an incident and the reasons it is above its worst alert. */
export function escalate(
  alertSeverities: readonly Severity[],
  tactics: readonly IcsTactic[],
  policy: EscalationPolicy = DEFAULT_ESCALATION,
): { severity: Severity; reasons: string[] } {
  const base = Math.max(0, ...alertSeverities.map(severityRank));
  const reasons: string[] = [];
  let steps = 0;
  const distinct = new Set(tactics);
  if (distinct.size >= policy.multiStageTactics) {
    steps++;
    reasons.push(`the attack has gone through ${distinct.size} stages`);
  }
  if (alertSeverities.length >= 2 && [...distinct].some((t) => tacticRank(t) >= tacticRank(policy.processTactic))) {
    steps++;
    reasons.push('it has reached the control of physical equipment');
  }
  const rank = Math.min(SEVERITY_ORDER.length - 1, base + steps);
  return { severity: SEVERITY_ORDER[rank]!, reasons: rank > base ? reasons : [] };
}
