// Plans as a library: the incident response protocol and disaster recovery plan generated from the
// city model (Markdown and printable HTML), and tabletop exercises with after-action reports.
export { buildCityPlan, type CityPlan, type PlanRole, type RecoveryStep, type SeverityLevel, type FallbackProcedure, type CommunicationTemplate, type BackupItem } from './plan-model.js';
export { incidentResponseProtocol, disasterRecoveryPlan } from './plan-documents.js';
export { toMarkdown, toHtml, type PlanDocument, type Block } from './plan-document.js';
export { generatePlan, type GeneratedPlan } from './write-plan.js';
export { runTabletop, afterActionReport, type TabletopOptions, type TabletopRecord, type InjectRecord } from './tabletop.js';
