// `cityguard city validate <file>`: checks a city file and prints a summary, or every problem as
// file:line:column so an editor can jump to it. Exit code 1 when there are problems.
import { readFileSync } from 'node:fs';
import { type Command, CommanderError } from 'commander';
import { City, checkCity, CityModel } from '../../../domain/index.js';
import { formatProblem, parseContent } from '../../../platform/content/index.js';

/** Registers `cityguard city …`. */
export function registerCityCommand(program: Command): void {
  const city = program
    .command('city')
    .description('Work with city files (districts, zones, assets, services)');
  city
    .command('validate')
    .description('Check a city file against the schema and its references; print a summary or every problem')
    .argument('<file>', 'city YAML file, e.g. content/cities/sample-city.yaml')
    .action((file: string) => validate(file));
}

function validate(file: string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`${file}: cannot read: ${(err as Error).message}`);
    throw new CommanderError(1, 'cityguard.city.unreadable', `cannot read ${file}`);
  }
  const result = parseContent<City>(text, file, City, checkCity);
  if (!result.ok) {
    for (const p of result.problems) console.log(formatProblem(p));
    console.error(`${file}: ${result.problems.length} problem(s)`);
    throw new CommanderError(1, 'cityguard.city.invalid', `${file} has ${result.problems.length} problem(s)`);
  }
  for (const line of summary(new CityModel(result.value))) console.log(line);
}

/** A few lines a person can check at a glance. */
function summary(model: CityModel): string[] {
  const c = model.city;
  const kinds = new Map<string, number>();
  for (const a of c.assets) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  const byKind = [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
  return [
    `${c.city.name} (${c.city.id}), ${c.city.timezone}, population ${c.city.population.toLocaleString('en')}: valid`,
    `  ${c.districts.length} districts, ${c.zones.length} zones, ${c.conduits.length} conduits, ${c.sites.length} sites`,
    `  ${c.assets.length} assets: ${byKind.join(', ')}`,
    `  ${c.services.length} services, ${c.contacts.length} contacts, ${c.maintenanceWindows.length} maintenance windows`,
  ];
}
