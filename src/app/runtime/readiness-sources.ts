// Loads the scenario library and writes the city's plans at start, for the readiness routes.
import { join } from 'node:path';
import type { CityModel, Playbook } from '../../domain/index.js';
import { generatePlan } from '../../operations/plans/index.js';
import { loadScenarioLibrary, summarizeScenario } from '../../operations/twin/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { ReadinessSources } from '../api/routes/readiness-routes.js';
import { contentPath } from './paths.js';

const DOCUMENTS = [
  { id: 'incident-response-protocol', title: 'Incident response protocol' },
  { id: 'disaster-recovery-plan', title: 'Disaster recovery plan' },
];

/** Scenarios that load against this city, and freshly generated plans in `<dataDir>/plans`. */
export async function readinessSources(
  city: CityModel,
  playbooks: readonly Playbook[],
  dataDir: string,
  nowMs: number,
  log: Logger,
): Promise<ReadinessSources> {
  const library = loadScenarioLibrary(contentPath('scenarios'), city);
  for (const p of library.problems) log.warn({ problem: p }, 'scenario file not loaded');
  const dir = join(dataDir, 'plans');
  await generatePlan(city, playbooks, dir, nowMs);
  return {
    scenarios: library.scenarios.map(({ scenario, file }) => {
      const s = summarizeScenario(scenario, file);
      return { id: s.id, name: s.name, description: scenario.description, techniques: s.techniques };
    }),
    plans: { dir, generatedTs: nowMs, documents: DOCUMENTS },
  };
}
