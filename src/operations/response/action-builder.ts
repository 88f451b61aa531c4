// Builds Action records: from a playbook step and a resolved target, or from a person's request.
// Each carries its cost and whether it interrupts a public service, computed before anyone
// approves; an interrupting action always needs two different approvers whatever was asked for.
import { createHash, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import {
  defaultApprovals,
  durationMs,
  MIN_APPROVALS_INTERRUPTING,
  type Action,
  type ActionKind,
  type Alert,
  type ApprovalPolicy,
  type CityModel,
  type Incident,
  type Playbook,
  type PlaybookStep,
  type Scalar,
} from '../../domain/index.js';
import type { ContinuityModel } from './continuity.js';
import { responseBadTarget } from './errors.js';
import { fallbackModeFor } from './fallback-modes.js';
import type { ResolvedTarget } from './step-targets.js';

/** Default time an action waits for its approvals. */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 30 * 60_000;

/** Deterministic id of a playbook action: the same incident, step and target never make two. */
export function playbookActionId(incidentId: string, playbookId: string, stepId: string, target: ResolvedTarget): string {
  const key = `${incidentId}|${playbookId}|${stepId}|${target.type}:${target.id}`;
  return `act-${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

/** Fills `{{alert.title}}`, `{{incident.title}}`, `{{playbook.title}}`, `{{target}}` and `{{facts.X}}`. */
export function renderReason(template: string, v: { alert: Alert; incident: Incident; playbook: Playbook; target: ResolvedTarget }): string {
  return template.replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (whole, path: string) => {
    if (path === 'alert.title') return v.alert.title;
    if (path === 'incident.title') return v.incident.title;
    if (path === 'playbook.title') return v.playbook.title;
    if (path === 'target') return v.target.id;
    if (path.startsWith('facts.')) {
      const f = v.alert.evidence.facts[path.slice(6)];
      return f === undefined || f === null ? '?' : String(f);
    }
    return whole;
  });
}

/** Approvals an action needs: what was asked (or the kind's default), raised to two when it interrupts a service. */
export function requiredApprovals(kind: ActionKind, asked: ApprovalPolicy | undefined, interrupts: boolean): ApprovalPolicy {
  const p = asked ?? defaultApprovals(kind);
  return { role: p.role, count: interrupts ? Math.max(p.count, MIN_APPROVALS_INTERRUPTING) : p.count };
}

/** The Action a playbook step makes for one target (status `proposed`; the engine moves it on). */
export function buildStepAction(
  continuity: ContinuityModel,
  v: { playbook: Playbook; step: PlaybookStep; target: ResolvedTarget; alert: Alert; incident: Incident; nowMs: number; dryRun: boolean },
): Action {
  const { playbook, step, target, incident } = v;
  const params: Record<string, Scalar> = {
    ...step.params,
    ...target.params,
    playbookStep: step.id,
    timeoutMs: durationMs(step.timeout),
    ...(step.expiresAfter ? { expiresAfterMs: durationMs(step.expiresAfter) } : {}),
    ...(step.after ? { after: step.after.join(',') } : {}),
  };
  const assessment = continuity.assess(step.do, target, params);
  const approvals = requiredApprovals(step.do, step.approvals, assessment.interrupts);
  return {
    id: playbookActionId(incident.id, playbook.id, step.id, target),
    kind: step.do,
    target: { type: target.type, id: target.id },
    params,
    status: 'proposed',
    reason: renderReason(step.reason, v),
    incidentId: incident.id,
    playbookId: playbook.id,
    requestedBy: `playbook:${playbook.id}`,
    requestedTs: v.nowMs,
    interruptsService: assessment.interrupts,
    requiredApprovals: { count: approvals.count, role: approvals.role },
    approvals: [],
    cost: assessment.cost,
    dryRun: v.dryRun || playbook.dryRun || step.dryRun,
  };
}

/** What a person asks for through the API or CLI. */
export interface ProposeRequest {
  kind: ActionKind;
  target: { type: Action['target']['type']; id: string };
  reason: string;
  params?: Record<string, Scalar>;
  incidentId?: string;
  approvals?: ApprovalPolicy;
  /** Undo automatically after this long unless renewed. */
  expiresAfterMs?: number;
  timeoutMs?: number;
  dryRun?: boolean;
}

/** Checks that a requested target exists and suits the kind; returns the params the target implies. */
export function checkRequestTarget(city: CityModel, r: ProposeRequest): Record<string, Scalar> {
  const { kind, target } = r;
  const fail = (why: string) => responseBadTarget(kind, `${target.type} ${target.id}`, why);
  switch (kind) {
    case 'isolate-device':
    case 'safe-mode':
    case 'rotate-credentials':
      if (target.type !== 'asset' || !city.asset(target.id)) throw fail('needs an asset of the city');
      return {};
    case 'fallback-mode': {
      const s = target.type === 'service' ? city.services.get(target.id) : undefined;
      if (!s) throw fail('needs a service of the city');
      const mode = fallbackModeFor(s, typeof r.params?.['mode'] === 'string' ? r.params['mode'] : undefined);
      if (!mode) throw fail(`${s.name} has no automated fallback of that name`);
      return { mode };
    }
    case 'block-address':
      if (target.type === 'asset' ? !city.asset(target.id)?.network.ip : target.type !== 'address' || isIP(target.id) === 0) throw fail('needs an IP address or an asset with one');
      return {};
    case 'disable-account': {
      const at = target.id.lastIndexOf('@');
      const on = city.asset(target.id.slice(at + 1));
      if (target.type !== 'account' || at <= 0 || !on || !['vpn-gateway', 'domain-controller'].includes(on.kind)) throw fail('needs user@asset on a VPN gateway or domain controller');
      return { user: target.id.slice(0, at), on: on.id };
    }
    case 'notify':
      if (target.type !== 'people') throw fail('needs people: roles joined by +');
      return { roles: target.id.split('+').join(',') };
    case 'open-ticket':
      if (target.type !== 'people') throw fail('needs people: the queue of the team');
      return { queue: target.id.replace(/^queue:/, '') };
  }
}

/** The Action a person's request makes (status `proposed`). */
export function buildRequestedAction(city: CityModel, continuity: ContinuityModel, r: ProposeRequest, by: string, nowMs: number, dryRun: boolean): Action {
  const implied = checkRequestTarget(city, r);
  const params: Record<string, Scalar> = {
    ...r.params,
    ...implied,
    timeoutMs: r.timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS,
    ...(r.expiresAfterMs ? { expiresAfterMs: r.expiresAfterMs } : {}),
  };
  const assessment = continuity.assess(r.kind, r.target, params);
  const approvals = requiredApprovals(r.kind, r.approvals, assessment.interrupts);
  return {
    id: `act-${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    kind: r.kind,
    target: { ...r.target },
    params,
    status: 'proposed',
    reason: r.reason,
    ...(r.incidentId ? { incidentId: r.incidentId } : {}),
    requestedBy: by,
    requestedTs: nowMs,
    interruptsService: assessment.interrupts,
    requiredApprovals: { count: approvals.count, role: approvals.role },
    approvals: [],
    cost: assessment.cost,
    dryRun: dryRun || r.dryRun === true,
  };
}
