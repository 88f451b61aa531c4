// An incident as one JSON document: the incident with its timeline, its alerts, every action taken
// with its approvals, and the evidence people attached — what an auditor or a CERT asks for.
import type { Action, Alert, CityModel, Incident, TimelineEntry } from '../../domain/index.js';

/** The JSON export of one incident. */
export interface IncidentExport {
  format: 'cityguard-incident/1';
  exportedTs: number;
  city: { id: string; name: string };
  incident: Incident;
  alerts: Alert[];
  actions: Action[];
  evidence: Array<{ ts: number; by?: string; text: string; ref?: string }>;
  eventIds: string[];
}

/** Assembles the export from what the store holds. */
export function exportIncident(city: CityModel, incident: Incident, alerts: readonly Alert[], actions: readonly Action[], nowMs: number): IncidentExport {
  const evidence = incident.timeline
    .filter((t: TimelineEntry) => t.kind === 'evidence')
    .map((t) => ({ ts: t.ts, text: t.text, ...(t.by ? { by: t.by } : {}), ...(t.ref ? { ref: t.ref } : {}) }));
  return {
    format: 'cityguard-incident/1',
    exportedTs: nowMs,
    city: { id: city.city.city.id, name: city.city.city.name },
    incident,
    alerts: [...alerts].sort((a, b) => a.ts - b.ts),
    actions: [...actions].sort((a, b) => a.requestedTs - b.requestedTs),
    evidence,
    eventIds: [...new Set(alerts.flatMap((a) => a.evidence.eventIds))],
  };
}
