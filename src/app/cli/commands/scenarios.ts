// `cityguard scenarios list [--json]`: the attack scenario library — each scenario's id, name, the
// real incident it models and the ATT&CK techniques it exercises. Files that do not load are
// reported with every problem (file:line:column) and a count; the others are still listed.
import { existsSync, statSync } from 'node:fs';
import { type Command, CommanderError } from 'commander';
import {
  loadScenarioLibrary,
  summarizeScenario,
  type ScenarioLibrary,
  type ScenarioSummary,
} from '../../../operations/twin/index.js';
import { formatProblem, loadCityFile } from '../../../platform/content/index.js';

/** Where the shipped scenarios live. */
export const DEFAULT_SCENARIO_DIR = 'content/scenarios';
const DEFAULT_CITY_FILE = 'content/cities/sample-city.yaml';

interface ListOptions {
  dir: string;
  city?: string;
  json?: boolean;
}

/** Registers `cityguard scenarios …`. */
export function registerScenariosCommand(program: Command): Command {
  const scenarios = program.command('scenarios').description('The attack scenario library the city twin plays');
  scenarios
    .command('list')
    .description('List the scenarios with the incident each models and its ATT&CK technique ids; report files that do not load')
    .option('--dir <folder>', 'scenario folder', DEFAULT_SCENARIO_DIR)
    .option('--city <file>', `also check each scenario can be played on this city (default: ${DEFAULT_CITY_FILE} when present)`)
    .option('--json', 'print one JSON object instead of text')
    .action((o: ListOptions) => list(o));
  return scenarios;
}

function list(o: ListOptions): void {
  if (!existsSync(o.dir) || !statSync(o.dir).isDirectory()) {
    console.error(`${o.dir}: not a folder of scenario files`);
    throw new CommanderError(1, 'cityguard.scenarios.no-folder', `${o.dir} is not a folder`);
  }
  const cityFile = o.city ?? (existsSync(DEFAULT_CITY_FILE) ? DEFAULT_CITY_FILE : undefined);
  const city = cityFile ? loadCityFile(cityFile) : undefined;
  const library = loadScenarioLibrary(o.dir, city);
  const summaries = library.scenarios.map(({ file, scenario }) => summarizeScenario(scenario, file));
  if (o.json) console.log(JSON.stringify(jsonReport(o.dir, cityFile, summaries, library), null, 2));
  else for (const line of textReport(cityFile, summaries, library)) console.log(line);
  if (library.invalidFiles.length > 0) process.exitCode = 1;
}

function jsonReport(dir: string, cityFile: string | undefined, summaries: ScenarioSummary[], library: ScenarioLibrary) {
  return {
    dir,
    city: cityFile ?? null,
    count: summaries.length,
    scenarios: summaries,
    invalid: library.invalidFiles.length,
    invalidFiles: library.invalidFiles,
    problems: library.problems,
  };
}

function textReport(cityFile: string | undefined, summaries: ScenarioSummary[], library: ScenarioLibrary): string[] {
  const out: string[] = [];
  for (const s of summaries) {
    const when = [s.date, s.confirmed ? undefined : 'unconfirmed intrusion'].filter(Boolean).join(', ');
    out.push(`${s.id} — ${s.name}`);
    out.push(`  models:     ${s.incident}${when ? ` (${when})` : ''}`);
    out.push(`  techniques: ${s.techniques.join(' ')}${s.enterpriseTechniques.length ? `  (Enterprise: ${s.enterpriseTechniques.join(' ')})` : ''}`);
    out.push(`  ${s.steps} steps over ${Math.round(s.lastStepS / 60)} min${s.startLocalTime ? `, from ${s.startLocalTime} city time` : ''}${s.detectedBy.length ? `; expected detections: ${s.detectedBy.length} rules` : ''}`);
  }
  for (const p of library.problems) out.push(formatProblem(p));
  const checked = cityFile ? `, checked against ${cityFile}` : '';
  out.push(`${summaries.length} scenario(s)${checked}; ${library.invalidFiles.length} file(s) did not load`);
  return out;
}
