// The content of the city's incident response protocol and disaster recovery plan, built from its
// own model: who does what (contacts by role), how bad is bad (a severity matrix with thresholds in
// the city's own people and services), each service's recovery objectives and what it needs, the
// order to restore services in (dependencies first), manual fallbacks, messages, backups.
import type { Asset, CityModel, Contact, Playbook, Service } from '../../domain/index.js';
import { FALLBACK_MODES, fallbackParticipants } from '../response/index.js';
import { BACKUP_ITEMS, DUTIES, FALLBACK_STEPS, OWNER_ROLE } from './plan-texts.js';

/** One role of the response organisation. */
export interface PlanRole {
  role: string;
  duties: string[];
  contact?: Contact;
}

/** One row of the severity matrix. */
export interface SeverityLevel {
  level: string;
  name: string;
  criteria: string[];
  respondWithin: string;
  convene: string[];
  notify: string[];
}

/** One service as the plans describe it. */
export interface PlanService {
  service: Service;
  dependsOn: string[];
  devices: Array<{ kind: string; count: number }>;
  sites: string[];
  owner: string;
  automatedFallback: readonly string[];
}

/** One step of the recovery order. */
export interface RecoveryStep {
  order: number;
  service: Service;
  after: string[];
}

/** A manual procedure for running a service without its control path. */
export interface FallbackProcedure {
  service: Service;
  owner: string;
  steps: string[];
}

/** A message ready to fill in and send. */
export interface CommunicationTemplate {
  id: string;
  title: string;
  audience: string;
  when: string;
  from: string;
  text: string;
}

/** One backup obligation. */
export interface BackupItem {
  item: string;
  covers: string[];
  frequency: string;
  check: string;
}

/** Everything both documents say. */
export interface CityPlan {
  city: { id: string; name: string; population: number; timezone: string };
  generated: string;
  roles: PlanRole[];
  severity: SeverityLevel[];
  services: PlanService[];
  recovery: RecoveryStep[];
  procedures: FallbackProcedure[];
  communications: CommunicationTemplate[];
  backups: BackupItem[];
  playbooks: Array<{ id: string; title: string; trigger: string; steps: string[] }>;
}

const countBy = (assets: readonly Asset[]) => {
  const m = new Map<string, number>();
  for (const a of assets) m.set(a.kind, (m.get(a.kind) ?? 0) + 1);
  return [...m.entries()].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count);
};

/** Builds the plan's content from the city model and the playbook library. */
export function buildCityPlan(city: CityModel, playbooks: readonly Playbook[], nowMs: number): CityPlan {
  const c = city.city.city;
  const contacts = city.city.contacts;
  const roleNames = [...new Set([...contacts.map((x) => x.role), ...Object.keys(DUTIES)])];
  const roles: PlanRole[] = roleNames.map((role) => {
    const contact = contacts.find((x) => x.role === role);
    return { role, duties: DUTIES[role] ?? ['Acts as named by the incident lead.'], ...(contact ? { contact } : {}) };
  });
  const services: PlanService[] = [...city.services.values()].map((s) => {
    const assets = city.assetsOfService(s.id);
    const sites = [...new Set(assets.map((a) => a.site).filter((x): x is string => x !== undefined))].map((id) => city.sites.get(id)?.name ?? id);
    return { service: s, dependsOn: s.dependsOn.services, devices: countBy(assets), sites, owner: OWNER_ROLE[s.kind] ?? 'incident-lead', automatedFallback: (FALLBACK_MODES[s.kind] ?? []).filter((m) => fallbackParticipants(city, s.id, m).length > 0) };
  });
  const recovery = city.recoveryOrder().map((service, i) => ({ order: i + 1, service, after: service.dependsOn.services }));
  const procedures = services.map((p) => ({ service: p.service, owner: p.owner, steps: fallbackSteps(p) }));
  return {
    city: { id: c.id, name: c.name, population: c.population, timezone: c.timezone },
    generated: new Date(nowMs).toISOString().slice(0, 10),
    roles,
    severity: severityMatrix(city),
    services,
    recovery,
    procedures,
    communications: communicationTemplates(city),
    backups: backupChecklist(city),
    playbooks: playbooks.map((p) => ({
      id: p.id,
      title: p.title,
      trigger: p.trigger.alert ? `alerts: ${p.trigger.alert.detectors.join(', ')}` : `incident: ${JSON.stringify(p.trigger.incident)}`,
      steps: p.steps.map((s) => {
        const n = s.approvals?.count;
        return `${s.name} (${s.do}${n !== undefined ? `; ${n} approval${n === 1 ? '' : 's'}` : ''}${s.expiresAfter ? `; lifted after ${s.expiresAfter}` : ''})`;
      }),
    })),
  };
}

function fallbackSteps(p: PlanService): string[] {
  const s = p.service;
  const steps = [...(FALLBACK_STEPS[s.kind] ?? ['Run the service by hand as its owner directs; record every manual change.'])];
  if (s.fallback) steps.unshift(`Fallback "${s.fallback.mode}" (serves about ${s.fallback.capacityPct}% of ${s.peopleServed.toLocaleString('en')} people): ${s.fallback.description}`);
  else steps.unshift(`No fallback is declared: while it is down, ${s.peopleServed.toLocaleString('en')} people are without it. Declare one in the city file.`);
  if (p.automatedFallback.length > 0) steps.push(`cityguard can switch it automatically (${p.automatedFallback.join(' or ')}) after two approvals; the action is undone from the console.`);
  if (p.sites.length > 0) steps.push(`Sites to staff: ${p.sites.join(', ')}.`);
  steps.push(`Recovery-time objective ${s.rtoMinutes} min: escalate to the incident lead if the service is not back by then.`);
  return steps;
}

function severityMatrix(city: CityModel): SeverityLevel[] {
  const pop = city.city.city.population;
  const tenth = Math.round(pop / 10);
  const names = (crit: string) => [...city.services.values()].filter((s) => s.criticality === crit).map((s) => s.name);
  const critical = names('critical');
  const high = names('high');
  return [
    {
      level: 'SEV-1',
      name: 'Critical',
      criteria: [
        `A critical service is interrupted or about to be: ${critical.join('; ')}.`,
        `Or at least ${tenth.toLocaleString('en')} people (10% of ${pop.toLocaleString('en')}) lose or may lose a service.`,
        'Or an intruder is tampering with control of the process (stage impair-process-control or impact).',
      ],
      respondWithin: '15 minutes, day and night',
      convene: ['incident-lead', 'ciso', 'the duty role of each affected service', 'communications'],
      notify: ['mayor within 1 hour', 'national-cert: early warning within 24 hours, notification within 72 hours (NIS2 Art. 23)'],
    },
    {
      level: 'SEV-2',
      name: 'High',
      criteria: [
        `A high-criticality service is at risk: ${high.join('; ')}.`,
        `Or a critical service is at risk for fewer than ${tenth.toLocaleString('en')} people.`,
        'Or an intruder reached the control network (lateral movement into control-centre or field zones).',
      ],
      respondWithin: '30 minutes, day and night',
      convene: ['incident-lead', 'ciso', 'the duty role of each affected service'],
      notify: ['national-cert when it may become SEV-1'],
    },
    {
      level: 'SEV-3',
      name: 'Medium',
      criteria: ['One office system or device misbehaves; no public service is affected.', 'Or suspicious access that was stopped (refused logins, blocked traffic).'],
      respondWithin: '4 hours during working hours',
      convene: ['ciso'],
      notify: ['incident-lead in the daily report'],
    },
    {
      level: 'SEV-4',
      name: 'Low',
      criteria: ['A weakness or policy breach without activity (posture finding, expired certificate, default password found).'],
      respondWithin: 'next working day',
      convene: ['owner of the system'],
      notify: ['weekly security report'],
    },
  ];
}

function communicationTemplates(city: CityModel): CommunicationTemplate[] {
  const n = city.city.city.name;
  const press = city.city.contacts.find((x) => x.role === 'communications');
  const from = press ? `${press.name}${press.phone ? `, ${press.phone}` : ''}` : `${n} press office`;
  return [
    {
      id: 'public-first-notice',
      title: 'First public notice',
      audience: 'residents (website, radio, social media)',
      when: 'within 30 minutes of a SEV-1 affecting the public',
      from,
      text: `${n}: [SERVICE] is disrupted in [AREAS] since [TIME]. Teams are working on it; [FALLBACK, e.g. "traffic lights run on fixed time — drive with care"]. Emergency number 112 works. Next update at [TIME]. Please do not call 112 to report the disruption.`,
    },
    {
      id: 'public-update',
      title: 'Public update',
      audience: 'residents',
      when: 'every 60 minutes while a SEV-1 lasts, even when nothing changed',
      from,
      text: `${n} update [NUMBER], [TIME]: [SERVICE] restored in [AREAS] / still disrupted in [AREAS]. Expected restoration: [TIME or "not yet known"]. [WHAT PEOPLE SHOULD DO]. Next update at [TIME].`,
    },
    {
      id: 'public-all-clear',
      title: 'All clear',
      audience: 'residents',
      when: 'once every affected service runs normally',
      from,
      text: `${n}: all services are back to normal since [TIME]. We will publish what happened and what we changed by [DATE]. Thank you for your patience.`,
    },
    {
      id: 'false-alarm',
      title: 'False alarm (sirens)',
      audience: 'residents (radio first, then every channel)',
      when: 'immediately when sirens sound without a dispatch order',
      from,
      text: `${n}: the sirens that sounded at [TIME] were a FALSE ALARM. There is no danger. Please do not call 112 about the sirens; keep the line free for emergencies.`,
    },
    {
      id: 'internal-escalation',
      title: 'Internal escalation',
      audience: 'incident-lead, ciso, duty roles',
      when: 'at SEV-1 and SEV-2, by phone first, then in writing',
      from: 'whoever declares the incident',
      text: 'SEV-[LEVEL] declared at [TIME] by [NAME]. What: [ONE SENTENCE]. Services at risk: [LIST] ([PEOPLE] people). Actions waiting for approval: [LIST]. Meet: [BRIDGE / ROOM]. Next check-in: [TIME].',
    },
    {
      id: 'cert-early-warning',
      title: 'Early warning to the national CERT',
      audience: 'national-cert',
      when: 'within 24 hours of becoming aware of a significant incident (NIS2 Art. 23(4)(a)); notification within 72 hours',
      from: 'ciso',
      text: `${n} reports a significant incident detected at [TIME]. Suspected unlawful or malicious act: [YES/NO/UNKNOWN]. Possible cross-border impact: [YES/NO]. Services affected: [LIST]. Indicators: attached STIX 2.1 bundle (cityguard incident export). Contact: [NAME, PHONE].`,
    },
    {
      id: 'staff-notice',
      title: 'Notice to staff',
      audience: 'all city staff',
      when: 'when office systems are involved',
      from: 'incident-lead',
      text: 'Do not switch on [SYSTEMS] until told. Do not open attachments from [SENDER/TOPIC]. You will be asked to reset your password in person. Report anything unusual to [PHONE].',
    },
    {
      id: 'vendor-request',
      title: 'Request to a vendor',
      audience: 'scada-vendor and other suppliers',
      when: 'when a device or system needs the vendor',
      from: 'grid-control-duty or water-works-duty',
      text: 'Contract [NUMBER]. Device/system: [MODEL, FIRMWARE]. Symptom: [WHAT]. We need: [KNOWN-GOOD IMAGE / ON-SITE ENGINEER / ANALYSIS] by [TIME]. Do not connect remotely without our call-back.',
    },
  ];
}

function backupChecklist(city: CityModel): BackupItem[] {
  const assets = city.city.assets;
  return BACKUP_ITEMS.map((b) => ({ ...b, covers: assets.filter((a) => b.kinds.includes(a.kind)).map((a) => a.id) }))
    .filter((b) => b.covers.length > 0 || b.kinds.length === 0)
    .map(({ item, covers, frequency, check }) => ({ item, covers, frequency, check }))
    .concat(
      [...city.services.values()]
        .filter((s) => s.rpoMinutes < 24 * 60)
        .map((s) => ({
          item: `Data of ${s.name}`,
          covers: city.assetsOfService(s.id).filter((a) => ['scada-server', 'historian', 'server', 'domain-controller', 'dispatch-server'].includes(a.kind)).map((a) => a.id),
          frequency: s.rpoMinutes === 0 ? 'continuous (replication or journaling): the RPO is 0' : `at least every ${s.rpoMinutes} minutes (RPO)`,
          check: `restore test each quarter within the RTO of ${s.rtoMinutes} minutes`,
        })),
    );
}
