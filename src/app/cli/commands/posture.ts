// `cityguard posture report`: the city's weaknesses — inventory gaps, vulnerable and end-of-life
// firmware, weak configuration, zone crossings — with risk per device and service and an ordered
// remediation list. Text for people, `--json` for tools (the same PostureReport the API serves).
import { readFileSync } from 'node:fs';
import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import {
  importInventoryCsv,
  loadAdvisoryFeed,
  parseObservations,
  postureReport,
  renderPostureReport,
  type InventoryImport,
  type Observations,
} from '../../../engines/posture/index.js';
import { loadCityFile } from '../../../platform/content/index.js';

/** Feeds the report uses when `--advisories` is not given. */
export const DEFAULT_ADVISORIES = 'content/advisories';
const DEFAULT_CITY = 'content/cities/sample-city.yaml';

interface ReportOptions {
  city?: string;
  advisories: string[];
  assets?: string;
  observations?: string;
  asOf?: string;
  json?: boolean;
  all?: boolean;
}

const dateOption = (value: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new InvalidArgumentError(`"${value}" is not a date YYYY-MM-DD`);
  return value;
};
const collect = (value: string, previous: string[]) => [...previous, value];

/** Registers `cityguard posture …`. */
export function registerPostureCommand(program: Command): Command {
  const posture = program
    .command('posture')
    .description('Security posture: weaknesses, risk and what to fix first');
  posture
    .command('report')
    .description(
      'Find inventory gaps, vulnerable or end-of-life firmware and weak configuration; print risks and the remediation list',
    )
    .option('--city <file>', `city file (default: ${DEFAULT_CITY})`)
    .option(
      '--advisories <path>',
      `advisory feed folder or file, repeatable: our .yaml feeds, KEV or CSAF .json (default: ${DEFAULT_ADVISORIES})`,
      collect,
      [],
    )
    .option(
      '--assets <csv>',
      'more assets from an inventory CSV (header: see src/engines/posture/README.md); bad rows are reported and skipped',
    )
    .option(
      '--observations <json>',
      'devices and flows seen on the network: {"devices": [...], "flows": [...]}',
    )
    .option(
      '--as-of <date>',
      'compare end-of-life dates with this day instead of today (YYYY-MM-DD)',
      dateOption,
    )
    .option('--json', 'print the report as JSON')
    .option('--all', 'show medium and low findings in detail too')
    .action((o: ReportOptions) => report(o));
  return posture;
}

function report(o: ReportOptions): void {
  const cityFile = o.city ?? DEFAULT_CITY;
  const city = loadCityFile(cityFile);
  const feed = loadAdvisoryFeed(o.advisories.length > 0 ? o.advisories : [DEFAULT_ADVISORIES]);
  let inventoryCsv: InventoryImport | undefined;
  if (o.assets) {
    inventoryCsv = importInventoryCsv(readText(o.assets), o.assets, city);
    for (const e of inventoryCsv.errors) console.error(`${o.assets}:${e.line}: ${e.message}`);
    console.error(
      `${o.assets}: ${inventoryCsv.assets.length} of ${inventoryCsv.rows} rows imported, ${inventoryCsv.errors.length} problem(s)`,
    );
  }
  let observations: Observations | undefined;
  if (o.observations) {
    const parsed = parseObservations(readText(o.observations), o.observations);
    for (const p of parsed.problems) console.error(`${o.observations}: ${p.where}: ${p.message}`);
    observations = parsed.observations;
  }
  if (feed.problems.length > 0) {
    console.error(
      `advisories: ${feed.problems.length} entr${feed.problems.length === 1 ? 'y' : 'ies'} of imported files not used (\`cityguard advisories import <file>\` lists them)`,
    );
  }
  const result = postureReport(city, feed, { observations, inventoryCsv, asOf: o.asOf });
  console.log(o.json ? JSON.stringify(result, null, 2) : renderPostureReport(result, { allFindings: o.all }));
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`${file}: cannot read: ${(err as Error).message}`);
    throw new CommanderError(1, 'cityguard.posture.unreadable', `cannot read ${file}`);
  }
}
