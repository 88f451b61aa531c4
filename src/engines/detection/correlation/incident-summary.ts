// The plain-language face of an incident: its title and the three answers (what happened, why it
// matters, what to do now) for a duty officer who is not a security expert, naming the public
// services and the people at risk and whom in the city to call.
import type { AffectedService, Alert, CityModel, Contact, Explanation, IcsTactic, Incident } from '../../../domain/index.js';
import { TACTIC_PLAIN, severityRank, tacticRank } from '../../../domain/index.js';
import type { LocalCalendar } from '../rules/local-calendar.js';

/** Contact roles to look for, by the kind of service at risk (first match wins). */
const ROLE_HINTS: Readonly<Record<string, readonly string[]>> = {
  power: ['grid', 'power', 'electric'],
  water: ['water'],
  traffic: ['traffic'],
  emergency: ['dispatch', '112', 'emergency'],
  'public-safety': ['dispatch', 'police', 'safety'],
  health: ['hospital', 'health'],
  lighting: ['lighting', 'traffic'],
  administration: ['it'],
};
const LEAD_HINTS = ['incident', 'ciso', 'security', 'it'];
const MAX_LISTED = 5;

const people = (n: number) => n.toLocaleString('en-GB');
const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** Whole words of a role, so the hint "it" finds "head-of-it" but not "hospital-facilities". */
const roleWords = (role: string) => role.toLowerCase().split(/[^a-z0-9]+/);

function contactFor(contacts: readonly Contact[], hints: readonly string[]): Contact | undefined {
  for (const h of hints) {
    const c = contacts.find((x) => roleWords(x.role).includes(h));
    if (c) return c;
  }
  return undefined;
}

const call = (c: Contact) => `${c.name}${c.phone ? ` (${c.phone})` : ''}`;

/** Services ordered by people served, largest first (ties by id for determinism). */
export function byPeople(services: readonly AffectedService[]): AffectedService[] {
  return [...services].sort((a, b) => b.peopleServed - a.peopleServed || a.serviceId.localeCompare(b.serviceId));
}

/** Alerts by what a duty officer should read first: furthest stage, then most severe, then latest. */
function byImportance(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) => tacticRank(b.tactic) - tacticRank(a.tactic) || severityRank(b.severity) - severityRank(a.severity) || b.ts - a.ts || a.id.localeCompare(b.id),
  );
}

/** The alert that best names the incident: furthest stage, then most severe, then latest. */
export function headlineAlert(alerts: readonly Alert[]): Alert {
  return byImportance(alerts)[0]!;
}

/**
 * Services in the order a duty officer should think of them: those the headline alert's devices
 * serve, nearest in the dependency graph first, then the rest; ties by people served.
 */
export function servicesInFocus(alerts: readonly Alert[], services: readonly AffectedService[], city: CityModel | undefined): AffectedService[] {
  const hops = new Map((city?.servicesAffectedBy(headlineAlert(alerts).assetIds) ?? []).map((s) => [s.serviceId, s.via.length]));
  const rank = (s: AffectedService) => hops.get(s.serviceId) ?? Number.MAX_SAFE_INTEGER;
  return byPeople(services).sort((a, b) => rank(a) - rank(b));
}

/** A short title: the headline alert and the service most at risk from it. */
export function incidentTitle(alerts: readonly Alert[], services: readonly AffectedService[], city: CityModel | undefined): string {
  const head = headlineAlert(alerts).title;
  const top = servicesInFocus(alerts, services, city);
  const more = alerts.length > 1 ? ` (+${alerts.length - 1} related alert${alerts.length > 2 ? 's' : ''})` : '';
  if (top.length === 0) return `${head}${more}`;
  const others = top.length > 1 ? ` and ${top.length - 1} more service${top.length > 2 ? 's' : ''}` : '';
  return `${head}${more} — ${top[0]!.name}${others} at risk`;
}

/** The incident's plain-language summary. */
export function incidentSummary(
  incident: Pick<Incident, 'openedTs' | 'stage' | 'assetIds' | 'districts' | 'affectedServices' | 'peopleAffected'>,
  alerts: readonly Alert[],
  city: CityModel | undefined,
  calendar: LocalCalendar,
): Explanation {
  const ordered = [...alerts].sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
  const head = headlineAlert(alerts).title;
  // Lead with the furthest-reaching alert; the rest follow by how far and how bad they go.
  const earlier = [...new Set(byImportance(alerts).map((a) => a.title))].filter((t) => t !== head);
  const shown = earlier.slice(0, MAX_LISTED - 1).map((t) => `“${t}”`);
  const moreTitles = earlier.length > MAX_LISTED - 1 ? `, and ${earlier.length - (MAX_LISTED - 1)} more` : '';
  const where = incident.districts.map((d) => city?.districts.get(d)?.name ?? d);
  const what =
    `“${head}”. Since ${calendar.format(incident.openedTs)}, cityguard has raised ${alerts.length} warning${alerts.length > 1 ? 's' : ''} that belong together, ` +
    `on ${incident.assetIds.length} device${incident.assetIds.length === 1 ? '' : 's'}${where.length ? ` in ${list(where)}` : ''}` +
    `${shown.length ? `; the others: ${shown.join('; ')}${moreTitles}` : ''}. ` +
    `The attacker has reached the stage of ${TACTIC_PLAIN[incident.stage]}.`;
  const focus = servicesInFocus(alerts, incident.affectedServices, city);
  return { what, why: whyItMatters(incident, focus), whatToDo: whatToDo(incident.stage, focus, ordered, city) };
}

function whyItMatters(incident: Pick<Incident, 'peopleAffected' | 'stage'>, top: readonly AffectedService[]): string {
  if (top.length === 0) {
    return 'No public service depends directly on these devices yet, but from here an attacker can move on to the ones that do.';
  }
  const named = top.slice(0, MAX_LISTED).map((s) => `${s.name} (${people(s.peopleServed)} people)`);
  const listed = top.length > MAX_LISTED ? `${named.join(', ')} and ${top.length - MAX_LISTED} more` : list(named);
  const stakes =
    tacticRank(incident.stage) >= tacticRank('inhibit-response-function')
      ? 'The attack is already acting on equipment these services run on.'
      : 'These services run on the devices involved, or on services that do.';
  const total = top.reduce((n, s) => n + s.peopleServed, 0);
  const reach =
    total > incident.peopleAffected
      ? `services that together reach up to ${people(incident.peopleAffected)} people — potentially everyone in the city`
      : `services that together serve up to ${people(incident.peopleAffected)} people (some are counted in more than one service)`;
  return `At risk: ${listed} — ${reach}. ${stakes}`;
}

function stageAdvice(stage: IcsTactic, top: AffectedService | undefined): string {
  const service = top ? top.name : 'the affected services';
  if (tacticRank(stage) >= tacticRank('impair-process-control')) {
    return `Tell the operators of ${service} to switch to manual or local control now and to stop remote control until the attack is contained.`;
  }
  if (stage === 'inhibit-response-function') {
    return `Check that backup power, manual controls and on-site staff for ${service} are ready: the attacker is disabling the means of recovery.`;
  }
  return 'Cut the computers involved off the network now, before the attacker reaches the control systems.';
}

function whatToDo(stage: IcsTactic, top: readonly AffectedService[], alerts: readonly Alert[], city: CityModel | undefined): string[] {
  const contacts = city?.city.contacts ?? [];
  const steps = [stageAdvice(stage, top[0])];
  const lead = contactFor(contacts, LEAD_HINTS);
  if (lead) steps.push(`Call ${call(lead)} and open the incident response.`);
  const called = new Set(lead ? [lead.role] : []);
  for (const s of top) {
    const c = contactFor(contacts, ROLE_HINTS[s.kind] ?? []);
    if (c && !called.has(c.role)) {
      called.add(c.role);
      steps.push(`Call ${call(c)} about ${s.name}.`);
    }
  }
  for (const a of alerts) {
    const first = a.explanation.whatToDo[0];
    if (first && !steps.includes(first) && steps.length < 8) steps.push(first);
  }
  steps.push('Write down what you do and when; cityguard keeps this incident’s timeline.');
  return steps;
}
