// `cityguard drill run <scenario>`: an attack scenario on a fresh twin, faster than real time, with
// the live engines detecting and (with --response auto) responding; prints what it cost the city.
import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { DrillApprover } from '../../../domain/index.js';
import { loadRules, loadTechniqueTable } from '../../../engines/detection/index.js';
import { runDrill, type DrillReport } from '../../../operations/drills/index.js';
import { loadPlaybooks } from '../../../operations/response/index.js';
import { loadScenarioFile } from '../../../operations/twin/index.js';
import { loadCityFile } from '../../../platform/content/index.js';
import { contentPath } from '../../runtime/index.js';
import { intOption } from '../command-options.js';

interface DrillRunOptions {
  response: string;
  seed: number;
  json?: boolean;
  city: string;
  rules: string;
  playbooks: string;
  warmupS: number;
  observeS: number;
  stepMs: number;
  approver: DrillApprover[];
}

/** Parses `user:delayS[:role]` and collects repeated options. */
function approverOption(value: string, previous: DrillApprover[]): DrillApprover[] {
  const [user, delay, role = 'operator'] = value.split(':');
  const delayS = Number(delay);
  if (!user || !Number.isFinite(delayS) || delayS < 0 || (role !== 'operator' && role !== 'admin'))
    throw new InvalidArgumentError(`"${value}" is not user:delaySeconds[:operator|admin]`);
  return [...previous, { user, delayS, role }];
}

/** A scenario given by id (content/scenarios/<id>.yaml) or by path. */
export function scenarioPath(idOrPath: string): string {
  return existsSync(idOrPath) ? idOrPath : contentPath('scenarios', `${idOrPath}.yaml`);
}

/** Registers `cityguard drill …`. */
export function registerDrillCommand(program: Command): void {
  const drill = program.command('drill').description('Run attack drills on a simulated copy of the city');
  drill
    .command('run <scenario>')
    .description('Play a scenario (id or file) on a fresh twin faster than real time; report detection, containment and customer-minutes lost')
    .option('--response <mode>', 'auto: playbooks respond, drill approvers approve; none: detection only', 'auto')
    .option('--seed <n>', 'random seed of the twin', intOption, 2015)
    .option('--json', 'print one JSON object')
    .option('--city <file>', 'city file', contentPath('cities', 'sample-city.yaml'))
    .option('--rules <path>', 'rule file or folder', contentPath('rules'))
    .option('--playbooks <path>', 'playbook file or folder', contentPath('playbooks'))
    .option('--warmup-s <s>', 'normal city life before the attack, seconds', intOption, 600)
    .option('--observe-s <s>', 'observation after the last step, seconds', intOption, 3600)
    .option('--step-ms <ms>', 'simulation step, milliseconds', intOption, 1000)
    .option('--approver <user:delayS[:role]>', 'a drill approver and how long they take to answer (repeat for more; default two operators at 120 s and 240 s)', approverOption, [])
    .action(async (scenario: string, o: DrillRunOptions) => {
      if (o.response !== 'auto' && o.response !== 'none') throw new Error(`--response must be auto or none, not "${o.response}"`);
      const city = loadCityFile(o.city);
      const rules = loadRules(o.rules, loadTechniqueTable()).rules;
      const playbooks = loadPlaybooks(o.playbooks, { detectors: new Set(rules.map((r) => r.id)) }).playbooks;
      const report = await runDrill({
        city,
        scenario: loadScenarioFile(scenarioPath(scenario), city),
        rules,
        playbooks,
        response: o.response,
        seed: o.seed,
        warmupS: o.warmupS,
        observeAfterS: o.observeS,
        stepMs: o.stepMs,
        approvers: o.approver,
      });
      console.log(o.json ? JSON.stringify(report) : describe(report));
    });
}

function describe(r: DrillReport): string {
  const lines = [
    `drill ${r.scenario} (seed ${r.seed}, response ${r.response})`,
    `  detected: ${r.detected ? `yes, ${r.time_to_detect_s} s after the attack started` : 'no'}`,
    `  contained: ${r.time_to_contain_s !== null ? `${r.time_to_contain_s} s after the attack started` : 'no'}`,
    `  customer-minutes lost: ${r.customer_minutes_lost.toLocaleString('en')}`,
    ...r.services.slice(0, 6).map((s) => `    ${s.name}: ${s.customer_minutes_lost.toLocaleString('en')}`),
    `  actions: ${r.actions.length} (${r.actions.filter((a) => a.status === 'done').length} done), approvals: ${r.approvals.length}`,
    ...r.actions.map((a) => `    ${a.executed_s !== null ? `T+${a.executed_s}s` : 'not run'} ${a.kind} ${a.target} [${a.status}]${a.interrupts_service ? ` approved by ${a.approvers.join(' and ')}` : ''}`),
    `  attack steps: ${r.steps.map((s) => `${s.id} ${Object.entries(s.outcomes).map(([k, v]) => `${k}:${v}`).join('/')}`).join(', ')}`,
  ];
  return lines.join('\n');
}
