// `cityguard drill run <scenario>`: an attack scenario on a fresh twin, faster than real time, with
// the live engines detecting and (with --response auto) responding; prints what it cost the city.
// `drill schedule` runs the library on a schedule (or once) and keeps scorecards in the store;
// `drill report` prints the latest scorecards and their trend.
import { existsSync } from 'node:fs';
import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import type { DrillApprover } from '../../../domain/index.js';
import { loadRules, loadTechniqueTable } from '../../../engines/detection/index.js';
import {
  DrillDesk,
  DrillHistory,
  DrillScheduler,
  parseDrillSchedule,
  runDrill,
  scorecardLine,
  type DrillReport,
  type DrillScorecard,
  type DrillTrend,
} from '../../../operations/drills/index.js';
import { loadPlaybooks } from '../../../operations/response/index.js';
import { loadScenarioFile } from '../../../operations/twin/index.js';
import { loadCityFile } from '../../../platform/content/index.js';
import type { Store } from '../../../platform/store/index.js';
import { contentPath, demoStoreConfig, drillContentPaths, loadDrillContent, loadRuntimeConfig, openStore } from '../../runtime/index.js';
import { intOption, waitForShutdown } from '../command-options.js';

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
  registerDrillSchedule(drill);
  registerDrillReport(drill);
}

function describe(r: DrillReport): string {
  const lines = [
    `drill ${r.scenario} (seed ${r.seed}, response ${r.response})`,
    `  detected: ${r.detected ? `yes, ${r.time_to_detect_s} s after the attack started, by ${r.detections.join(', ')}` : 'NO'}`,
    `  contained: ${r.time_to_contain_s !== null ? `${r.time_to_contain_s} s after the attack started` : 'no'}`,
    `  customer-minutes lost: ${r.customer_minutes_lost.toLocaleString('en')}`,
    ...r.services.slice(0, 6).map((s) => `    ${s.name}: ${s.customer_minutes_lost.toLocaleString('en')}`),
    `  actions: ${r.actions.length} (${r.actions.filter((a) => a.status === 'done').length} done), approvals: ${r.approvals.length}`,
    ...r.actions.map((a) => `    ${a.executed_s !== null ? `T+${a.executed_s}s` : 'not run'} ${a.kind} ${a.target} [${a.status}]${a.interrupts_service ? ` approved by ${a.approvers.join(' and ')}` : ''}`),
    ...r.missed.map((m) => `  missed: ${m.what} — ${m.why}`),
    `  attack steps: ${r.steps.map((s) => `${s.id} ${Object.entries(s.outcomes).map(([k, v]) => `${k}:${v}`).join('/')}`).join(', ')}`,
  ];
  return lines.join('\n');
}

interface StoreOptions {
  config?: string;
  dataDir: string;
}

interface ScheduleOptions extends StoreOptions {
  scenarios?: string;
  every?: string;
  at?: string;
  once?: boolean;
  response: string;
  seed?: number;
  json?: boolean;
  warmupS: number;
  observeS: number;
  stepMs: number;
}

const storeOptions = (c: Command) =>
  c.option('--config <file>', 'deployment configuration: its store, city, rules, playbooks and drills section').option('--data-dir <dir>', 'data directory of an embedded (SQLite) deployment', './.cityguard');

async function withStore<T>(o: StoreOptions, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(o.config ? loadRuntimeConfig(o.config) : demoStoreConfig(o.dataDir));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** `cityguard drill schedule`: the library (or chosen scenarios) on isolated twin copies, now or on a schedule, scorecards kept. */
function registerDrillSchedule(drill: Command): void {
  storeOptions(drill.command('schedule'))
    .description('Run the scenario library (or --scenarios) on isolated copies of the twin at set times, keeping a scorecard of each run in the store')
    .option('--scenarios <ids>', 'comma-separated scenario ids (default: drills.scenarios, else the whole library)')
    .option('--every <duration>', 'run this often, e.g. 6h or 1d')
    .option('--at <times>', 'city-local times, cron-like: "02:30", "mon-fri 02:30,14:30" or "30 2 * * 1-5"')
    .option('--once', 'run once now and exit; the exit code is 1 when a scenario was missed or regressed')
    .option('--response <mode>', 'both: without and with response (the scorecard shows the customer-minutes response saves); auto; none', 'both')
    .option('--seed <n>', 'random seed of the twin (default: drills.seed, else 2015)', intOption)
    .option('--json', 'print each scorecard as one JSON line')
    .option('--warmup-s <s>', 'normal city life before each attack, seconds', intOption, 600)
    .option('--observe-s <s>', 'observation after the last step, seconds', intOption, 3600)
    .option('--step-ms <ms>', 'simulation step, milliseconds', intOption, 1000)
    .action(async (o: ScheduleOptions) => {
      if (!['both', 'auto', 'none'].includes(o.response)) throw new InvalidArgumentError(`--response must be both, auto or none, not "${o.response}"`);
      const config = o.config ? loadRuntimeConfig(o.config) : undefined;
      const paths = drillContentPaths(config);
      const every = o.every ?? (o.at ? undefined : config?.drills?.every);
      const at = o.at ?? (o.every ? undefined : config?.drills?.at);
      if (!o.once && every === undefined && at === undefined) throw new InvalidArgumentError('give --every, --at or --once (or a drills section with every or at in --config)');
      await withStore(o, async (store) => {
        const desk = new DrillDesk({
          history: new DrillHistory(store.state, config?.drills?.keepRuns ?? 500),
          seed: o.seed ?? config?.drills?.seed ?? 2015,
          drill: { warmupS: o.warmupS, observeAfterS: o.observeS, stepMs: o.stepMs },
          content: () => {
            const { content, problems } = loadDrillContent(paths);
            for (const p of problems) console.error(p);
            return content;
          },
        });
        const ids = o.scenarios?.split(',').map((x) => x.trim()).filter(Boolean) ?? config?.drills?.scenarios;
        const batch = () =>
          desk.runBatch({ ...(ids ? { scenarios: ids } : {}), responses: o.response === 'both' ? ['none', 'auto'] : [o.response as 'auto' | 'none'], trigger: 'cli' });
        const print = (cards: DrillScorecard[]) => {
          for (const c of cards) console.log(o.json ? JSON.stringify(c) : scorecardLine(c));
        };
        if (o.once) {
          const cards = await batch();
          print(cards);
          const failed = cards.filter((c) => c.status !== 'finished' || c.detected === false || c.regression);
          if (failed.length > 0) throw new CommanderError(1, 'cityguard.drill.failed', `${failed.length} drill(s) missed, regressed or failed`);
          return;
        }
        const schedule = parseDrillSchedule({ ...(every ? { every } : {}), ...(at ? { at } : {}) }, loadCityFile(paths.city).city.city.timezone);
        const scheduler = new DrillScheduler({ clock: WAITING_CLOCK, schedule, run: batch, onBatch: (r) => ('error' in r ? console.error(r.error) : print(r.cards)) });
        scheduler.start();
        console.log(`drills ${schedule.text}; next run ${new Date(scheduler.stats().nextRunTs!).toISOString()} (Ctrl-C to stop)`);
        await waitForShutdown(() => scheduler.stop());
      });
    });
}

/** `cityguard drill report`: latest scorecards per scenario with their trend, or one scenario's runs. */
function registerDrillReport(drill: Command): void {
  storeOptions(drill.command('report'))
    .description('Print the latest drill scorecards and their trend (from drill schedule or a running serve)')
    .option('--scenario <id>', 'one scenario: its runs, newest first, the latest in full')
    .option('--limit <n>', 'runs or trend points shown', intOption, 10)
    .option('--json', 'print one JSON object')
    .action(async (o: StoreOptions & { scenario?: string; limit: number; json?: boolean }) => {
      await withStore(o, async (store) => {
        const history = new DrillHistory(store.state);
        if (o.scenario) {
          const runs = await history.list({ scenario: o.scenario, limit: o.limit });
          if (o.json) console.log(JSON.stringify({ scenario: o.scenario, items: runs }, null, 2));
          else console.log(runs.length === 0 ? `no drill runs of ${o.scenario} yet` : [...describeCard(runs[0]!), 'runs:', ...runs.map((c) => `  ${new Date(c.startedTs).toISOString()}  ${scorecardLine(c)}`)].join('\n'));
          return;
        }
        const trends = await history.trends(o.limit);
        if (o.json) console.log(JSON.stringify({ items: trends }, null, 2));
        else console.log(trends.length === 0 ? 'no drill runs yet: run `cityguard drill schedule --once`' : trends.flatMap(describeTrend).join('\n'));
      });
    });
}

function describeTrend(t: DrillTrend): string[] {
  const marks = t.points.map((p) => (p.regression ? 'R' : p.detected ? '✓' : '✗')).join('');
  const lost = t.points.map((p) => Math.round(p.customer_minutes_lost).toLocaleString('en')).join(' → ');
  return [scorecardLine(t.latest), `  trend (oldest first): ${marks || '—'}  customer-minutes ${lost || '—'}`];
}

function describeCard(c: DrillScorecard): string[] {
  return [
    scorecardLine(c),
    `  run ${c.id}, ${new Date(c.startedTs).toISOString()}, seed ${c.seed}, by ${c.trigger}${c.requestedBy ? ` (${c.requestedBy})` : ''}`,
    `  detections: ${c.detections?.join(', ') || '—'}`,
    `  playbooks: ${c.playbooks?.join(', ') || '—'}; actions ${c.actions ?? 0}, approvals ${c.approvals ?? 0}`,
    ...(c.missed ?? []).map((m) => `  missed: ${m.what} — ${m.why}`),
    ...(c.fingerprint ? [`  configuration: rules ${c.fingerprint.rules}, playbooks ${c.fingerprint.playbooks}, city ${c.fingerprint.city}, scenario ${c.fingerprint.scenario}`] : []),
  ];
}

/** The wall clock with timers that keep the process alive while it waits for the next run (SystemClock's do not). */
const WAITING_CLOCK = {
  now: () => Date.now(),
  after(delayMs: number, fn: () => void) {
    const timer = setTimeout(fn, Math.max(0, delayMs));
    return { cancel: () => clearTimeout(timer) };
  },
  every(periodMs: number, fn: () => void) {
    const timer = setInterval(fn, Math.max(1, periodMs));
    return { cancel: () => clearInterval(timer) };
  },
};
