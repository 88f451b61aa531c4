// What the runtime writes to the ledger for each thing that happened: alerts, incident changes,
// action changes and approvals, logins and API calls that change something. Payloads carry `by`
// (who) and `text` (what, in words) so the dashboard's audit trail reads without decoding.
// The trackers remember what was last recorded, so a redelivered or unchanged message adds nothing.
import type { Action, Alert, Incident } from '../../domain/index.js';
import { LEDGER_KINDS, type LedgerAppend } from '../../engines/ledger/index.js';

/** The ledger entry of a raised alert. */
export function alertRecord(alert: Alert): LedgerAppend {
  return {
    kind: LEDGER_KINDS.alertRaised,
    payload: {
      id: alert.id,
      ts: alert.ts,
      by: alert.detector.name,
      title: alert.title,
      severity: alert.severity,
      detector: { kind: alert.detector.kind, id: alert.detector.id },
      technique: alert.technique.id,
      assetIds: alert.assetIds,
      dedupKey: alert.dedupKey,
    },
  };
}

interface IncidentSeen {
  status: string;
  assignee: string | undefined;
  severity: string;
  alerts: number;
  timeline: number;
}

/** Turns incident updates into ledger entries: one per real change, with the new timeline lines. */
export class IncidentRecords {
  private readonly seen = new Map<string, IncidentSeen>();

  /** The entry for this update, or undefined when nothing recorded about it changed. */
  record(incident: Incident): LedgerAppend | undefined {
    const before = this.seen.get(incident.id);
    const now: IncidentSeen = {
      status: incident.status,
      assignee: incident.assignee,
      severity: incident.severity,
      alerts: incident.alertIds.length,
      timeline: incident.timeline.length,
    };
    if (before && before.status === now.status && before.assignee === now.assignee && before.severity === now.severity && before.alerts >= now.alerts && before.timeline >= now.timeline) {
      return undefined;
    }
    this.seen.set(incident.id, now);
    const added = incident.timeline.slice(before ? Math.min(before.timeline, incident.timeline.length) : 0);
    const last = added.at(-1);
    const changes: string[] = [];
    if (!before) changes.push('opened or first seen');
    else {
      if (before.status !== now.status) changes.push(`status ${before.status} → ${now.status}`);
      if (before.assignee !== now.assignee) changes.push(`assigned to ${now.assignee ?? 'nobody'}`);
      if (before.severity !== now.severity) changes.push(`severity ${before.severity} → ${now.severity}`);
      if (now.alerts > before.alerts) changes.push(`${now.alerts - before.alerts} more alert(s)`);
    }
    return {
      kind: LEDGER_KINDS.incidentChanged,
      payload: {
        id: incident.id,
        updatedTs: incident.updatedTs,
        by: last?.by ?? 'cityguard-correlation',
        text: `${incident.title}: ${changes.join(', ') || (last?.text ?? 'updated')}`,
        title: incident.title,
        status: incident.status,
        severity: incident.severity,
        stage: incident.stage,
        assignee: incident.assignee ?? null,
        alertIds: incident.alertIds.length,
        timeline: added.map((t) => ({ ts: t.ts, kind: t.kind, text: t.text, ...(t.by !== undefined ? { by: t.by } : {}), ...(t.ref !== undefined ? { ref: t.ref } : {}) })),
      },
    };
  }
}

interface ActionSeen {
  status: string;
  approvals: number;
  result: string | undefined;
}

/** Turns action changes into ledger entries: the status change, and each approval or rejection on its own. */
export class ActionRecords {
  private readonly seen = new Map<string, ActionSeen>();

  /** The entries for this change (none when it repeats what was recorded). */
  record(action: Action): LedgerAppend[] {
    const before = this.seen.get(action.id);
    const out: LedgerAppend[] = [];
    for (const approval of action.approvals.slice(before?.approvals ?? 0)) {
      out.push({
        kind: LEDGER_KINDS.actionApproved,
        payload: {
          actionId: action.id,
          ts: approval.ts,
          by: approval.by,
          role: approval.role,
          decision: approval.decision,
          text: `${approval.decision === 'approve' ? 'approved' : 'rejected'} ${action.kind} on ${action.target.id}${approval.comment ? `: ${approval.comment}` : ''}`,
          kind: action.kind,
          target: action.target,
          incidentId: action.incidentId ?? null,
        },
      });
    }
    if (!before || before.status !== action.status || before.result !== action.result) {
      out.push({
        kind: LEDGER_KINDS.actionChanged,
        payload: {
          id: action.id,
          by: action.requestedBy,
          status: action.status,
          text: `${action.kind} on ${action.target.id}: ${action.status}${action.result ? ` — ${action.result}` : ''}`,
          kind: action.kind,
          target: action.target,
          params: action.params,
          reason: action.reason,
          incidentId: action.incidentId ?? null,
          playbookId: action.playbookId ?? null,
          interruptsService: action.interruptsService,
          approvals: action.approvals.length,
          dryRun: action.dryRun,
        },
      });
    }
    this.seen.set(action.id, { status: action.status, approvals: Math.max(before?.approvals ?? 0, action.approvals.length), result: action.result });
    return out;
  }
}

/** The ledger entry of a login attempt on the API (user accounts). */
export function loginRecord(attempt: { user: string; ok: boolean; ip: string; ts: number }): LedgerAppend {
  return {
    kind: LEDGER_KINDS.login,
    payload: { user: attempt.user, by: attempt.user, ok: attempt.ok, ip: attempt.ip, ts: attempt.ts, text: `${attempt.ok ? 'signed in' : 'failed to sign in'} from ${attempt.ip}` },
  };
}

/** Kind of the entry recording an API call that changed something, made with a token or session. */
export const API_CALL_KIND = 'auth.token-used';

/** The ledger entry of an API call that changed something (any method but GET, HEAD and OPTIONS). */
export function apiCallRecord(call: { user: string; role: string; method: string; route: string; url: string; status: number }): LedgerAppend {
  return {
    kind: API_CALL_KIND,
    payload: { ...call, by: call.user, text: `${call.method} ${call.url} → ${call.status}` },
  };
}
