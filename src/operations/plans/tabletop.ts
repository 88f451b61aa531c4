// A tabletop exercise: the scenario's steps become injects presented one by one; the team's answer
// to each and the time it took are recorded; answers are compared with what cityguard's playbooks
// did in an automatic drill of the same scenario; an after-action report sums it up.
import type { ActionKind, CityModel, Scenario, ScenarioStep } from '../../domain/index.js';
import type { DrillReport } from '../drills/index.js';
import type { PlanDocument } from './plan-document.js';

/** Words that show an answer covers an action kind. */
const KEYWORDS: Readonly<Record<ActionKind, readonly string[]>> = {
  'isolate-device': ['isolat', 'disconnect', 'unplug', 'off the network', 'quarantin', 'pull the cable'],
  'safe-mode': ['safe mode', 'local', 'manual', 'silence'],
  'fallback-mode': ['manual', 'local', 'fixed time', 'fixed-time', 'island', 'fallback', 'flashing'],
  'block-address': ['block', 'firewall', 'deny', 'blacklist', 'blocklist'],
  'disable-account': ['disable', 'lock', 'suspend', 'deactivat'],
  'rotate-credentials': ['rotate', 'new credential', 'change the password', 'change password', 'new password'],
  notify: ['call', 'notify', 'inform', 'tell', 'phone', 'e-mail', 'email', 'escalat'],
  'open-ticket': ['ticket', 'log it', 'record'],
};

/** One inject and the team's answer. */
export interface InjectRecord {
  stepId: string;
  atS: number;
  name: string;
  prompt: string;
  answer: string | null;
  answeredAfterS: number | null;
  expected: string[];
  covered: ActionKind[];
  missed: ActionKind[];
}

/** The whole exercise. */
export interface TabletopRecord {
  scenario: { id: string; name: string; incident: string };
  team: string;
  startedIso: string;
  injects: InjectRecord[];
}

/** How to run it. */
export interface TabletopOptions {
  scenario: Scenario;
  city: CityModel;
  /** The team's answers, one line per inject. */
  answers: AsyncIterable<string>;
  print: (text: string) => void;
  now?: () => number;
  expected?: DrillReport;
  team?: string;
}

const clockText = (s: number) => `T+${String(Math.floor(s / 60)).padStart(2, '0')}:${String(Math.round(s % 60)).padStart(2, '0')}`;

function prompt(step: ScenarioStep, city: CityModel, index: number, total: number): string {
  const targets = city.select(step.action.on).map((a) => a.name);
  const where = targets.length > 0 ? ` Involves: ${targets.slice(0, 5).join(', ')}${targets.length > 5 ? ` and ${targets.length - 5} more` : ''}.` : '';
  return `Inject ${index + 1}/${total} at ${clockText(step.atS)} — ${step.name}.${step.description ? ` ${step.description.replace(/\s+/g, ' ').trim()}` : ''}${where}\nWhat do you see, and what do you do?`;
}

/** Presents every inject and records the answers; the answer stream may end early. */
export async function runTabletop(o: TabletopOptions): Promise<TabletopRecord> {
  const now = o.now ?? Date.now;
  const steps = [...o.scenario.steps].sort((a, b) => a.atS - b.atS);
  const lines = o.answers[Symbol.asyncIterator]();
  const record: TabletopRecord = {
    scenario: { id: o.scenario.id, name: o.scenario.name, incident: o.scenario.models.incident },
    team: o.team ?? 'response team',
    startedIso: new Date(now()).toISOString(),
    injects: [],
  };
  o.print(`Tabletop exercise: ${o.scenario.name}\nModelled on: ${o.scenario.models.incident}\nAnswer each inject on one line.\n`);
  for (const [i, step] of steps.entries()) {
    const text = prompt(step, o.city, i, steps.length);
    o.print(`\n${text}\n> `);
    const shownMs = now();
    const next = await lines.next();
    const answer = next.done ? null : next.value.trim();
    const windowEnd = steps[i + 1]?.atS ?? Number.POSITIVE_INFINITY;
    const did = (o.expected?.actions ?? []).filter((a) => a.requested_s >= step.atS && a.requested_s < windowEnd);
    const kinds = [...new Set(did.map((a) => a.kind))];
    const lower = (answer ?? '').toLowerCase();
    const covered = kinds.filter((k) => KEYWORDS[k].some((w) => lower.includes(w)));
    record.injects.push({
      stepId: step.id,
      atS: step.atS,
      name: step.name,
      prompt: text,
      answer,
      answeredAfterS: answer === null ? null : Math.round((now() - shownMs) / 100) / 10,
      expected: did.map((a) => `${a.kind} ${a.target}${a.playbook ? ` (${a.playbook})` : ''}`),
      covered,
      missed: kinds.filter((k) => !covered.includes(k)),
    });
  }
  o.print('\nExercise complete.\n');
  return record;
}

/** The after-action report of an exercise. */
export function afterActionReport(r: TabletopRecord, cityName: string): PlanDocument {
  const answered = r.injects.filter((i) => i.answer !== null && i.answer !== '');
  const times = answered.map((i) => i.answeredAfterS ?? 0).sort((a, b) => a - b);
  const median = times.length > 0 ? times[Math.floor(times.length / 2)]! : 0;
  const missed = r.injects.flatMap((i) => i.missed.map((k) => ({ inject: i, kind: k })));
  const slow = answered.filter((i) => (i.answeredAfterS ?? 0) > Math.max(120, 2 * median));
  return {
    title: `${cityName} — After-action report: ${r.scenario.name}`,
    subtitle: `Tabletop exercise on ${r.startedIso.slice(0, 10)} by ${r.team}; modelled on ${r.scenario.incident}.`,
    blocks: [
      { kind: 'heading', level: 1, text: '1. Summary' },
      {
        kind: 'list',
        ordered: false,
        items: [
          `${answered.length} of ${r.injects.length} injects answered; median time to answer ${median} s.`,
          `${r.injects.reduce((n, i) => n + i.covered.length, 0)} of ${r.injects.reduce((n, i) => n + i.covered.length + i.missed.length, 0)} containment moves cityguard's playbooks made were also named by the team.`,
        ],
      },
      { kind: 'heading', level: 1, text: '2. Injects, answers and times' },
      {
        kind: 'table',
        headers: ['When', 'Inject', 'Team answer', 'Time', 'cityguard did', 'Covered'],
        rows: r.injects.map((i) => [
          clockText(i.atS),
          i.name,
          i.answer ?? '(no answer)',
          i.answeredAfterS === null ? '—' : `${i.answeredAfterS} s`,
          i.expected.join('\n') || '—',
          i.expected.length === 0 ? '—' : i.missed.length === 0 ? 'yes' : `missed: ${i.missed.join(', ')}`,
        ]),
      },
      { kind: 'heading', level: 1, text: '3. Gaps' },
      {
        kind: 'list',
        ordered: false,
        items: [
          ...missed.map((m) => `${clockText(m.inject.atS)} ${m.inject.name}: the team did not name "${m.kind}", which the playbook did.`),
          ...slow.map((i) => `${clockText(i.atS)} ${i.name}: answered after ${i.answeredAfterS} s, well above the median.`),
          ...r.injects.filter((i) => i.answer === null || i.answer === '').map((i) => `${clockText(i.atS)} ${i.name}: no answer.`),
        ].concat(missed.length + slow.length === 0 ? ['None found.'] : []),
      },
      { kind: 'heading', level: 1, text: '4. Improvement actions' },
      {
        kind: 'checklist',
        items: [
          ...[...new Set(missed.map((m) => m.kind))].map((k) => `Walk the team through the playbook steps that use "${k}" and who approves them — owner: ciso, due: ________`),
          'Update contact details and deputies in the city file; regenerate the plans — owner: incident-lead, due: ________',
          'Schedule the next exercise — owner: incident-lead, date: ________',
        ],
      },
      { kind: 'heading', level: 1, text: '5. Sign-off' },
      { kind: 'paragraph', text: 'Incident lead: ______________   CISO: ______________   Date: __________' },
    ],
  };
}
