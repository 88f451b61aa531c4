// `cityguard rules test <rules> <events.jsonl>`: runs YAML rules over recorded events and shows
// which fired, on which events, with their explanations — and for the others, why not.
import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { Alert, CityModel } from '../../../domain/index.js';
import { durationMs } from '../../../domain/index.js';
import {
  loadRules,
  loadTechniqueTable,
  readEventsJsonl,
  runRecordedEvents,
  type JsonlRead,
  type RecordedRunReport,
  type RuleOutcome,
} from '../../../engines/detection/index.js';
import { loadCityFile } from '../../../platform/content/index.js';

/** The city `--city` falls back to when the sample city is present. */
export const DEFAULT_CITY_FILE = 'content/cities/sample-city.yaml';

interface TestOptions {
  city?: string;
  json?: boolean;
  advance: number;
}

const durationOption = (value: string): number => {
  const ms = durationMs(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`"${value}" is not a duration such as 90s, 10m or 2h`);
  return ms;
};

/** Registers `cityguard rules …`. */
export function registerRulesCommand(program: Command): Command {
  const rules = program.command('rules').description('Work with detection rules (YAML)');
  rules
    .command('test')
    .description('Run rules over recorded events (JSONL, one Event per line) and show which fired and why the others did not')
    .argument('<rules>', 'a rule file or a folder of them, e.g. content/rules')
    .argument('<events>', 'JSONL file of Events; bad lines are reported with their numbers and skipped')
    .option('--city <file>', `city file for asset context, timezone and maintenance windows (default: ${DEFAULT_CITY_FILE} when present)`)
    .option('--advance <duration>', 'let time run on after the last event, so silences and late absences can fire (e.g. 10m)', durationOption, 0)
    .option('--json', 'print one JSON report instead of text')
    .action((rulesPath: string, eventsPath: string, o: TestOptions) => testRules(rulesPath, eventsPath, o));
  return rules;
}

function testRules(rulesPath: string, eventsPath: string, o: TestOptions): void {
  const set = loadRules(rulesPath, loadTechniqueTable());
  const cityFile = o.city ?? (existsSync(DEFAULT_CITY_FILE) ? DEFAULT_CITY_FILE : undefined);
  const city = cityFile ? loadCityFile(cityFile) : undefined;
  const read = readEventsJsonl(eventsPath);
  const report = runRecordedEvents(set.rules, read.events, { city, advanceMs: o.advance });
  if (o.json) {
    console.log(JSON.stringify({ rulesPath, eventsPath, city: cityFile ?? null, events: summary(read, report), rules: report.rules }, null, 2));
    return;
  }
  console.log(renderText({ rulesPath, eventsPath, cityFile, city, read, report, ruleCount: set.rules.length }));
}

function summary(read: JsonlRead, report: RecordedRunReport) {
  return { lines: read.lines, valid: read.events.length, bad: read.bad.length, duplicates: report.duplicateEvents, badLines: read.bad, fromTs: report.fromTs ?? null, toTs: report.toTs ?? null };
}

interface RenderInput {
  rulesPath: string;
  eventsPath: string;
  cityFile: string | undefined;
  city: CityModel | undefined;
  read: JsonlRead;
  report: RecordedRunReport;
  ruleCount: number;
}

/** The human-readable report. */
export function renderText(r: RenderInput): string {
  const fmt = timeFormat(r.city);
  const out: string[] = [];
  const cityText = r.city ? `${r.city.city.city.name} (${r.cityFile})` : 'none — asset conditions cannot hold';
  out.push(`rules:  ${r.ruleCount} from ${r.rulesPath}`, `city:   ${cityText}`);
  out.push(`events: ${r.read.lines} line(s) in ${r.eventsPath}: ${r.read.events.length} valid, ${r.read.bad.length} bad, ${r.report.duplicateEvents} duplicate(s)`);
  for (const b of r.read.bad.slice(0, 20)) out.push(`  line ${b.line}: ${b.message}`);
  if (r.read.bad.length > 20) out.push(`  … and ${r.read.bad.length - 20} more bad lines`);
  const fired = r.report.rules.filter((x) => x.alerts.length > 0);
  const quiet = r.report.rules.filter((x) => x.alerts.length === 0);
  out.push('', `FIRED: ${fired.length} rule(s), ${r.report.alerts.length} alert(s)`);
  for (const rule of fired) out.push(...firedRule(rule, r.report.lines, fmt));
  out.push('', `NOT FIRED: ${quiet.length} rule(s)`);
  for (const rule of quiet) out.push(...quietRule(rule));
  return out.join('\n');
}

function firedRule(rule: RuleOutcome, lines: Record<string, number>, fmt: (ts: number) => string): string[] {
  const extra = [rule.suppressed ? `${rule.suppressed} suppressed` : '', rule.duplicates ? `${rule.duplicates} duplicate(s)` : ''].filter(Boolean).join(', ');
  const out = [`● ${rule.ruleId}  ${rule.severity}  ${rule.technique.id} ${rule.technique.name} (${rule.tactic}) — ${rule.alerts.length} alert(s)${extra ? `, ${extra}` : ''}`];
  for (const a of rule.alerts) out.push(...alertLines(a, lines, fmt));
  return out;
}

function alertLines(a: Alert, lines: Record<string, number>, fmt: (ts: number) => string): string[] {
  const ids = a.evidence.eventIds;
  const shown = ids.slice(0, 6).map((id) => (lines[id] ? `${id} (line ${lines[id]})` : id));
  const more = ids.length > 6 ? ` … +${ids.length - 6}` : '';
  return [
    `    ${fmt(a.ts)} — assets ${a.assetIds.join(', ') || '(none)'} — events ${shown.join(', ')}${more}`,
    `      What: ${a.explanation.what}`,
    `      Why: ${a.explanation.why}`,
    `      What to do:`,
    ...a.explanation.whatToDo.map((s, i) => `        ${i + 1}. ${s}`),
  ];
}

function quietRule(rule: RuleOutcome): string[] {
  const out = [`○ ${rule.ruleId} — ${rule.reason ?? 'no alert'}`];
  const n = rule.nearest;
  if (n) {
    const where = `${n.eventId}${n.line ? ` (line ${n.line})` : ''}${n.assetId ? ` on ${n.assetId}` : ''}`;
    out.push(`    nearest: ${where} failed: ${n.failed.join('; ')}`);
  }
  return out;
}

function timeFormat(city: CityModel | undefined): (ts: number) => string {
  const timeZone = city?.city.city.timezone ?? 'UTC';
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'medium' });
  return (ts) => `${f.format(ts)} ${timeZone}`;
}
