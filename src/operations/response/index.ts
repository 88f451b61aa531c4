// Response as a library: playbooks, the response engine and its actuators, continuity (blast radius
// and action costs), incident handling and exports. Outside code imports only from here.
export { loadPlaybooks, parsePlaybooks, parsePlaybookText, playbookFiles, type PlaybookSet, type PlaybookLoadOptions } from './load-playbooks.js';
export { alertTriggers, incidentTriggers, conditionHolds, type MatchContext } from './playbook-match.js';
export { resolveTargets, isPrivateAddress, type ResolvedTarget } from './step-targets.js';
export { ContinuityModel, type ActionAssessment, type BlastRadius, type ContainmentOption, type ServiceLoss } from './continuity.js';
export { FALLBACK_MODES, fallbackModeFor, fallbackParticipants } from './fallback-modes.js';
export { buildRequestedAction, checkRequestTarget, type ProposeRequest } from './action-builder.js';
export { ResponseEngine, type ResponseEngineOptions, type ResponsePrincipal } from './response-engine.js';
export { IncidentDesk, INCIDENT_TRANSITIONS, type EvidenceItem, type IncidentDeskOptions, type LiveIncidents } from './incident-desk.js';
export { exportIncident, type IncidentExport } from './incident-export.js';
export { stixBundle, uuidV5, stixString, type StixBundle, type StixIndicator, type StixObject } from './stix-bundle.js';
export { RESPONSE_ACTOR, type Actuator, type ActuatorResult, type ActuatorSet } from './actuators/actuator.js';
export type {
  CredentialHandover,
  CredentialPort,
  DeviceCommandPort,
  IssuedCredentialLike,
  Notification,
  NotificationPort,
  OpenC2Command,
  OpenC2Port,
  OpenC2Response,
  Recipient,
  Ticket,
  TicketPort,
} from './actuators/ports.js';
export { buildActuators, type ActuatorDeps } from './actuators/build-actuators.js';
export { HttpOpenC2Client, denyAddress, deleteRule, openc2Envelope, openc2ResponseOf, OPENC2_CONTENT_TYPE } from './actuators/openc2.js';
export { nftablesBlock, nftablesSetup, nftablesUnblock } from './actuators/nftables.js';
export { SmtpClient, formatMail, type MailMessage, type SmtpClientOptions } from './actuators/smtp-client.js';
export { ChannelNotifier } from './actuators/notify-actuator.js';
export { FileTicketSink, WebhookTicketSink } from './actuators/ticket-actuator.js';
export { postJson } from './actuators/webhook.js';
export { FileCredentialHandover } from './actuators/credential-file.js';
