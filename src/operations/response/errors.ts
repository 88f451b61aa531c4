// Error factories of the response layer, one per code (docs/errors.md). Engines know nothing of
// HTTP: the API maps these codes to statuses at its edge.
import { CityguardError } from '../../domain/index.js';

/** No action or incident with this id. */
export function responseNotFound(what: 'action' | 'incident', id: string): CityguardError {
  return new CityguardError('CG_RESPONSE_NOT_FOUND', `no ${what} with id "${id}"`, { what, id });
}

/** The action or incident is not in a state that allows this operation. */
export function responseBadState(id: string, status: string, operation: string): CityguardError {
  return new CityguardError('CG_RESPONSE_BAD_STATE', `cannot ${operation} ${id}: it is ${status}`, { id, status, operation });
}

/** The approver's role is below what the action asks for. */
export function responseApproverRole(id: string, needed: string, role: string): CityguardError {
  return new CityguardError('CG_RESPONSE_APPROVER_ROLE', `approving ${id} needs the ${needed} role; ${role} is not enough`, { id, needed, role });
}

/** The same person tried to give a second approval. */
export function responseSameApprover(id: string, user: string): CityguardError {
  return new CityguardError('CG_RESPONSE_SAME_APPROVER', `${user} has already approved ${id}; a second approval must come from a different person`, { id, user });
}

/** A target the action kind cannot act on. */
export function responseBadTarget(kind: string, target: string, why: string): CityguardError {
  return new CityguardError('CG_RESPONSE_BAD_TARGET', `${kind} cannot act on ${target}: ${why}`, { kind, target, why });
}

/** An incident status change that the workflow does not allow. */
export function responseTransition(id: string, from: string, to: string, allowed: readonly string[]): CityguardError {
  return new CityguardError(
    'CG_RESPONSE_TRANSITION',
    `incident ${id} cannot go from ${from} to ${to}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`,
    { id, from, to, allowed },
  );
}

/** Closing an incident that was never contained needs a note saying why. */
export function responseNoteRequired(id: string, from: string): CityguardError {
  return new CityguardError('CG_RESPONSE_NOTE_REQUIRED', `closing incident ${id} from ${from} needs a note (e.g. why it was a false alarm)`, { id, from });
}

/** A channel the action needs (OpenC2 endpoint, SMTP relay or webhook, ticket sink) is not configured. */
export function responseNotConfigured(what: string, hint: string): CityguardError {
  return new CityguardError('CG_RESPONSE_NOT_CONFIGURED', `${what} is not configured: ${hint}`, { what });
}

/** Carrying out (or undoing) an action failed at the device, firewall, relay or ticket system. */
export function responseActuatorFailed(kind: string, target: string, why: string, cause?: unknown): CityguardError {
  return new CityguardError('CG_RESPONSE_ACTUATOR_FAILED', `${kind} on ${target} failed: ${why}`, { kind, target, why }, cause);
}

/** The SMTP relay refused or broke off the conversation. */
export function responseSmtp(step: string, reply: string, cause?: unknown): CityguardError {
  return new CityguardError('CG_RESPONSE_SMTP', `the SMTP relay refused ${step}: ${reply}`, { step, reply }, cause);
}

/** The playbooks path does not exist or holds no playbook files. */
export function responsePlaybooksNotFound(path: string, why: string): CityguardError {
  return new CityguardError('CG_RESPONSE_PLAYBOOKS_NOT_FOUND', `no playbooks at ${path}: ${why}`, { path, why });
}
