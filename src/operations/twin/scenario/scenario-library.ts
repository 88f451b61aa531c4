// The scenario library: every scenario file of a folder loaded (a broken file is reported with all
// its problems and the others still load), and a summary of each — the incident it models and the
// ATT&CK techniques it exercises — for listings, drill schedules and the API.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CityModel, IcsTactic, Scenario, Severity } from '../../../domain/index.js';
import type { ContentProblem } from '../../../platform/content/index.js';
import { parseScenario } from './load-scenario.js';

/** A folder of scenarios as loaded: the valid ones in file-name order, and the problems of the rest. */
export interface ScenarioLibrary {
  scenarios: Array<{ file: string; scenario: Scenario }>;
  /** Every problem of every file that did not load, located by file, line and column. */
  problems: ContentProblem[];
  /** Files that did not load. */
  invalidFiles: string[];
}

/** What a listing shows of one scenario. */
export interface ScenarioSummary {
  id: string;
  name: string;
  file: string;
  incident: string;
  date?: string;
  /** False when the sources have not established that an attack took place (Oldsmar). */
  confirmed: boolean;
  /** ATT&CK for ICS technique ids of the attack steps (looks-normal steps left out), sorted. */
  techniques: string[];
  /** ATT&CK for Enterprise ids of the attack steps, sorted. */
  enterpriseTechniques: string[];
  steps: number;
  /** Offset of the last step, seconds. */
  lastStepS: number;
  startLocalTime?: string;
  /** Rule ids the steps expect to alert, sorted. */
  detectedBy: string[];
  expectedIncident?: { stage: IcsTactic; severity: Severity };
}

/** Loads every `*.yaml`/`*.yml` file of `dir`; with `city`, also checks each can be played on it. */
export function loadScenarioLibrary(dir: string, city?: CityModel): ScenarioLibrary {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const library: ScenarioLibrary = { scenarios: [], problems: [], invalidFiles: [] };
  for (const name of files) {
    const file = join(dir, name);
    const r = parseScenario(readFileSync(file, 'utf8'), file, city);
    if (r.ok) library.scenarios.push({ file, scenario: r.value });
    else {
      library.invalidFiles.push(file);
      library.problems.push(...r.problems);
    }
  }
  // A second file with an id already taken is refused: drills and listings name scenarios by id.
  const seen = new Map<string, string>();
  library.scenarios = library.scenarios.filter(({ file, scenario }) => {
    const first = seen.get(scenario.id);
    if (first === undefined) return seen.set(scenario.id, file) !== undefined;
    library.invalidFiles.push(file);
    library.problems.push({ file, line: 1, column: 1, path: '/id', message: `scenario id "${scenario.id}" is already used by ${first}` });
    return false;
  });
  return library;
}

/** The listing entry of one scenario. */
export function summarizeScenario(scenario: Scenario, file: string): ScenarioSummary {
  const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();
  const m = scenario.models;
  const attack = scenario.steps.filter((s) => s.looksNormal !== true);
  return {
    id: scenario.id,
    name: scenario.name,
    file,
    incident: m.incident,
    ...(m.date !== undefined ? { date: m.date } : {}),
    confirmed: m.confirmed !== false,
    techniques: sorted(attack.flatMap((s) => s.techniques)),
    enterpriseTechniques: sorted(attack.flatMap((s) => s.enterpriseTechniques ?? [])),
    steps: scenario.steps.length,
    lastStepS: Math.max(...scenario.steps.map((s) => s.atS)),
    ...(scenario.startLocalTime !== undefined ? { startLocalTime: scenario.startLocalTime } : {}),
    detectedBy: sorted(scenario.steps.flatMap((s) => s.detectedBy ?? [])),
    ...(scenario.expectedIncident ? { expectedIncident: { ...scenario.expectedIncident } } : {}),
  };
}
