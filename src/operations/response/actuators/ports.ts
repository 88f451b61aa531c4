// What response actions reach the world through. The runtime passes the live implementations
// (device commander, device registry, OpenC2 over HTTPS, SMTP relay and webhooks, ticket files);
// a drill passes the same engines wired to the twin. Actuators see only these interfaces.
import type { Action, CommandActor, Scalar } from '../../../domain/index.js';

/** Sends a command to a device's `cmd` topic and resolves with its acknowledgement (the ingest DeviceCommander). */
export interface DeviceCommandPort {
  sendAndWait(
    assetId: string,
    request: { command: string; args?: Record<string, Scalar>; actor?: CommandActor },
  ): Promise<{ result: 'ok' | 'rejected' | 'error'; reason?: string }>;
}

/** A device broker credential, shown once. */
export interface IssuedCredentialLike {
  username: string;
  password: string;
}

/** Broker credentials of devices (the ingest DeviceRegistry): revoking one closes its session. */
export interface CredentialPort {
  revoke(username: string): Promise<void>;
  issue(assetId: string): Promise<IssuedCredentialLike>;
  rotate(assetId: string): Promise<IssuedCredentialLike>;
}

/** Gets a new credential to its device (a sealed file for the field technician, or the twin). */
export interface CredentialHandover {
  /** Returns a plain-language note of where the credential went; never the secret itself. */
  deliver(assetId: string, credential: IssuedCredentialLike): Promise<string>;
}

/** An OpenC2 command (Language Specification v1.0 §3.3.1). */
export interface OpenC2Command {
  action: 'deny' | 'delete' | 'query';
  target: Record<string, unknown>;
  args?: Record<string, unknown>;
  actuator?: Record<string, unknown>;
}

/** An OpenC2 response (§3.3.2). */
export interface OpenC2Response {
  status: number;
  status_text?: string;
  results?: Record<string, unknown>;
}

/** Delivers OpenC2 commands to the firewall's consumer. */
export interface OpenC2Port {
  send(command: OpenC2Command): Promise<OpenC2Response>;
}

/** Someone a notice goes to, from the city's contact list. */
export interface Recipient {
  role: string;
  name: string;
  email?: string;
  phone?: string;
}

/** A notice about an action, or its stand-down when the action is undone. */
export interface Notification {
  kind: 'notice' | 'stand-down';
  subject: string;
  text: string;
  recipients: readonly Recipient[];
  action: Action;
}

/** Sends notices (webhook, e-mail). */
export interface NotificationPort {
  /** Returns a plain-language note of what went where. */
  send(n: Notification): Promise<string>;
}

/** A ticket to open in the team's queue. */
export interface Ticket {
  ref: string;
  queue: string;
  title: string;
  body: string;
  incidentId?: string;
  actionId: string;
}

/** A ticket system (webhook) or ticket folder. */
export interface TicketPort {
  open(ticket: Ticket): Promise<string>;
  close(ref: string, note: string): Promise<string>;
}
