// What drills run with, read from files each time a batch starts: the city, the rules, the playbooks,
// the scenario library and the drill approvers — from the deployment configuration where it names
// them, else the shipped content. Scenario files that do not load are left out and reported.
import type { DrillApprover, RuntimeConfig } from '../../domain/index.js';
import { loadRules, loadTechniqueTable } from '../../engines/detection/index.js';
import type { DrillContent } from '../../operations/drills/index.js';
import { loadPlaybooks } from '../../operations/response/index.js';
import { loadScenarioLibrary } from '../../operations/twin/index.js';
import { formatProblem, loadCityFile } from '../../platform/content/index.js';
import { contentPath } from './paths.js';

/** Files drills are read from. */
export interface DrillContentPaths {
  city: string;
  rules: string;
  playbooks: string;
  scenarios: string;
  approvers?: readonly DrillApprover[];
}

/** The paths a deployment's drills use (`drills.scenariosDir`, `rules`, `response.playbooks`), or the shipped content. */
export function drillContentPaths(config?: RuntimeConfig): DrillContentPaths {
  const approvers = config?.drills?.approvers ?? config?.response?.drillApprovers;
  return {
    city: config?.city ?? contentPath('cities', 'sample-city.yaml'),
    rules: config?.rules ?? contentPath('rules'),
    playbooks: config?.response?.playbooks ?? contentPath('playbooks'),
    scenarios: config?.drills?.scenariosDir ?? contentPath('scenarios'),
    ...(approvers && approvers.length > 0 ? { approvers } : {}),
  };
}

/** Loads the content; `problems` lists scenario files left out (file:line:column: message). */
export function loadDrillContent(paths: DrillContentPaths): { content: DrillContent; problems: string[] } {
  const city = loadCityFile(paths.city);
  const rules = loadRules(paths.rules, loadTechniqueTable()).rules;
  const playbooks = loadPlaybooks(paths.playbooks, { detectors: new Set(rules.map((r) => r.id)) }).playbooks;
  const library = loadScenarioLibrary(paths.scenarios, city);
  return {
    content: { city, rules, playbooks, scenarios: library.scenarios.map((s) => s.scenario), ...(paths.approvers ? { approvers: paths.approvers } : {}) },
    problems: library.problems.map(formatProblem),
  };
}
