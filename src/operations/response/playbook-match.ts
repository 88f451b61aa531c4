// Whether a playbook's trigger matches an alert or an incident, and whether a step's `when` holds.
import {
  severityRank,
  tacticRank,
  type Alert,
  type CityModel,
  type Incident,
  type Playbook,
  type Severity,
  type StepCondition,
} from '../../domain/index.js';

/** What a step is evaluated against: the alert that set it off, its incident and the city. */
export interface MatchContext {
  alert: Alert;
  incident: Incident;
  city: CityModel;
}

const atLeast = (s: Severity, min: Severity | undefined) => min === undefined || severityRank(s) >= severityRank(min);

/** True when `playbook` has an alert trigger that `alert` satisfies. */
export function alertTriggers(playbook: Playbook, alert: Alert, city: CityModel): boolean {
  const t = playbook.trigger.alert;
  if (!playbook.enabled || !t || !t.detectors.includes(alert.detector.id) || !atLeast(alert.severity, t.minSeverity)) return false;
  const assets = alert.assetIds.map((id) => city.asset(id)).filter((a) => a !== undefined);
  if (t.assetKinds && !assets.some((a) => t.assetKinds!.includes(a.kind))) return false;
  if (t.zones && !assets.some((a) => t.zones!.includes(a.zone))) return false;
  return true;
}

/** True when `playbook` has an incident trigger that `incident` satisfies. */
export function incidentTriggers(playbook: Playbook, incident: Incident): boolean {
  const t = playbook.trigger.incident;
  if (!playbook.enabled || !t || !atLeast(incident.severity, t.minSeverity)) return false;
  if (t.stageAtLeast && tacticRank(incident.stage) < tacticRank(t.stageAtLeast)) return false;
  if (t.techniques && !incident.techniques.some((x) => t.techniques!.includes(x))) return false;
  if (t.serviceKinds && !incident.affectedServices.some((s) => t.serviceKinds!.includes(s.kind as never))) return false;
  return true;
}

/** True when every part of a step's condition holds (no condition: true). */
export function conditionHolds(when: StepCondition | undefined, m: MatchContext): boolean {
  if (!when) return true;
  const { alert, incident, city } = m;
  if (when.detectors && !when.detectors.includes(alert.detector.id)) return false;
  const severity = severityRank(alert.severity) > severityRank(incident.severity) ? alert.severity : incident.severity;
  if (!atLeast(severity, when.minSeverity)) return false;
  if (when.stageAtLeast && tacticRank(incident.stage) < tacticRank(when.stageAtLeast)) return false;
  if (when.assetKinds && !alert.assetIds.some((id) => when.assetKinds!.includes(city.asset(id)?.kind as never))) return false;
  if (when.facts && !when.facts.every((f) => alert.evidence.facts[f] !== undefined && alert.evidence.facts[f] !== null)) return false;
  return true;
}
