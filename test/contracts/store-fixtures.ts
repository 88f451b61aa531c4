// Valid domain objects for the Store contract, built small and varied by a few parameters.
import type { Action, Alert, Asset, Event, Incident, QuarantineItem } from '../../src/domain/index.js';

/** A breaker asset in a district. */
export function asset(id: string, district = 'north', kind: Asset['kind'] = 'breaker', name = id): Asset {
  return {
    id, name, kind, vendor: 'ABB', model: 'REF615', firmware: '5.0', protocols: ['iec104'], network: { ip: '10.0.0.1' },
    zone: 'substation', district, location: [24.0, 49.8], criticality: 'high', services: [], tags: [], params: {}, source: 'declared',
  };
}

/** A telemetry event of an asset at `ts`. */
export function telemetry(id: string, ts: number, assetId = 'br-1', district = 'north'): Event {
  return { id, ts, receivedTs: ts + 5, source: 'mqtt', type: 'telemetry', assetId, district, seq: 1, metrics: { closed: true, current_a: 120.5 } };
}

/** A failed login event at `ts`. */
export function authFailure(id: string, ts: number): Event {
  return { id, ts, receivedTs: ts, source: 'syslog', type: 'auth', user: 'operator', outcome: 'failure', method: 'vpn', srcIp: '203.0.113.9', attrs: {} };
}

/** An alert on some assets. */
export function alert(id: string, ts: number, dedupKey: string, assetIds = ['br-1'], severity: Alert['severity'] = 'high'): Alert {
  return {
    id, ts, severity,
    detector: { kind: 'rule', id: 'breaker-open-from-unknown-host', name: 'Breaker opened from an unknown host' },
    technique: { id: 'T0855', name: 'Unauthorized Command Message' },
    tactic: 'impair-process-control',
    title: 'Breaker opened from an unknown host',
    explanation: { what: 'A breaker was opened.', why: 'Power to the district is off.', whatToDo: ['Call the substation.'] },
    assetIds, evidence: { eventIds: ['e1'], facts: { host: '10.9.9.9' } }, dedupKey,
  };
}

/** An incident opened at `openedTs`. */
export function incident(id: string, openedTs: number, status: Incident['status'] = 'new'): Incident {
  return {
    id, title: 'Breakers opened across the north', status, severity: 'critical', stage: 'impair-process-control',
    tactics: [], techniques: ['T0855'], openedTs, updatedTs: openedTs, alertIds: ['a1'], assetIds: ['br-1'], districts: ['north'],
    affectedServices: [], peopleAffected: 0,
    summary: { what: 'Breakers opened.', why: 'No power.', whatToDo: ['Restore power.'] }, timeline: [],
  };
}

/** A quarantined message. */
export function quarantined(id: string, ts: number, reason: QuarantineItem['reason']): QuarantineItem {
  return { id, ts, source: 'mqtt', reason, detail: `rejected as ${reason}`, origin: 'city/north/breaker/br-1/telemetry', sizeBytes: 12, excerpt: '{"metrics":' };
}

/** A response action requested at `requestedTs`. */
export function action(id: string, requestedTs: number, status: Action['status'] = 'proposed', incidentId?: string): Action {
  return {
    id, kind: 'isolate-device', target: { type: 'asset', id: 'br-1' }, params: {}, status, reason: 'contain the breaker', requestedBy: 'playbook',
    requestedTs, interruptsService: false, requiredApprovals: { count: 0, role: 'operator' }, approvals: [], dryRun: false,
    ...(incidentId ? { incidentId } : {}),
  };
}
