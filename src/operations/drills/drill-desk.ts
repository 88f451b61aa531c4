// Where drills are asked for and run, one at a time: by a schedule, by the command line, or by an
// operator through the API (answered at once with a queued scorecard the caller polls). Each run
// plays its scenario on a fresh world of its own (DrillWorld: ManualClock, in-memory store,
// in-process bus), never the live city; the content — city, rules, playbooks, scenario library — is
// read anew for every batch, so a configuration change shows up in the next run's fingerprint.
import { randomBytes } from 'node:crypto';
import type { CityModel, DrillApprover, Playbook, Scenario } from '../../domain/index.js';
import type { CompiledRule } from '../../engines/detection/index.js';
import { configFingerprint } from './config-fingerprint.js';
import type { DrillHistory } from './drill-history.js';
import { runDrill, type DrillOptions } from './drill-runner.js';
import { finishScorecard, type DrillScorecard, type DrillTrigger } from './drill-scorecard.js';
import { drillQueueFull, drillUnknownScenario } from './errors.js';

/** What drills run with. */
export interface DrillContent {
  city: CityModel;
  rules: readonly CompiledRule[];
  playbooks: readonly Playbook[];
  /** The scenario library. */
  scenarios: readonly Scenario[];
  /** The people who approve in `auto` runs; DEFAULT_DRILL_APPROVERS when empty. */
  approvers?: readonly DrillApprover[];
}

/** One run asked for. */
export interface DrillRequest {
  scenario: string;
  response: 'auto' | 'none';
  seed?: number;
  trigger: DrillTrigger;
  requestedBy?: string;
}

/** How to build the desk. */
export interface DrillDeskOptions {
  history: DrillHistory;
  /** Loads the content; called once per request or batch. */
  content: () => DrillContent | Promise<DrillContent>;
  /** Wall-clock epoch ms for scorecard times (default Date.now). */
  now?: () => number;
  /** Simulation settings shared by every run (warm-up, observation, step). */
  drill?: Pick<DrillOptions, 'warmupS' | 'observeAfterS' | 'stepMs' | 'sampleEveryS' | 'referenceMs'>;
  /** Most runs waiting at once before requests are refused (default 20). */
  maxWaiting?: number;
  /** Default seed (2015). */
  seed?: number;
}

/** Runs drills one after another and keeps their scorecards. */
export class DrillDesk {
  private readonly live = new Map<string, DrillScorecard>();
  private chain: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly o: DrillDeskOptions) {}

  /** Queues one run and answers at once with its scorecard (status queued); poll `get` for the result. */
  async request(r: DrillRequest): Promise<DrillScorecard> {
    if (this.waiting >= (this.o.maxWaiting ?? 20)) throw drillQueueFull(this.waiting);
    const content = await this.o.content();
    const card = this.newCard(r, scenarioOf(content, r.scenario));
    await this.o.history.save(card);
    this.live.set(card.id, card);
    this.enqueue(() => this.execute(card, content));
    return card;
  }

  /** Runs one drill and resolves with its finished (or failed) scorecard. */
  async run(r: DrillRequest): Promise<DrillScorecard> {
    const queued = await this.request(r);
    await this.whenIdle();
    return (await this.get(queued.id))!;
  }

  /**
   * Runs scenarios (default: the whole library) in each response mode, in order. With both modes the
   * no-response run comes first and the `auto` scorecard carries its customer-minutes as the baseline.
   */
  async runBatch(b: { scenarios?: readonly string[]; responses: ReadonlyArray<'auto' | 'none'>; seed?: number; trigger: DrillTrigger }): Promise<DrillScorecard[]> {
    const content = await this.o.content();
    const ids = b.scenarios && b.scenarios.length > 0 ? [...b.scenarios] : content.scenarios.map((s) => s.id);
    const scenarios = ids.map((id) => scenarioOf(content, id));
    const modes = (['none', 'auto'] as const).filter((m) => b.responses.includes(m));
    const out: DrillScorecard[] = [];
    for (const scenario of scenarios) {
      for (const response of modes) {
        const card = this.newCard({ scenario: scenario.id, response, trigger: b.trigger, ...(b.seed !== undefined ? { seed: b.seed } : {}) }, scenario);
        await this.o.history.save(card);
        this.live.set(card.id, card);
        const done = new Promise<DrillScorecard>((resolve) => this.enqueue(async () => resolve(await this.execute(card, content))));
        out.push(await done);
      }
    }
    return out;
  }

  /** A run as it stands now: live while queued or running, else as stored. */
  async get(id: string): Promise<DrillScorecard | undefined> {
    return this.live.get(id) ?? (await this.o.history.get(id));
  }

  /** Runs newest first, live state over stored. */
  async list(filter: { scenario?: string; limit?: number } = {}): Promise<DrillScorecard[]> {
    return (await this.o.history.list(filter)).map((c) => this.live.get(c.id) ?? c);
  }

  /** Resolves once nothing is queued or running. */
  async whenIdle(): Promise<void> {
    while (this.waiting > 0) await this.chain;
  }

  private newCard(r: DrillRequest, scenario: Scenario): DrillScorecard {
    const startedTs = (this.o.now ?? Date.now)();
    return {
      id: `drill-${startedTs.toString(36)}-${randomBytes(3).toString('hex')}`,
      scenario: scenario.id,
      scenarioName: scenario.name,
      response: r.response,
      seed: r.seed ?? this.o.seed ?? 2015,
      trigger: r.trigger,
      ...(r.requestedBy ? { requestedBy: r.requestedBy } : {}),
      status: 'queued',
      startedTs,
      settings: this.settings(),
    };
  }

  /** The simulation settings as one string: runs compare only under equal settings. */
  private settings(): string {
    const d = this.o.drill ?? {};
    return `warmup ${d.warmupS ?? 600} s, observe ${d.observeAfterS ?? 3600} s, step ${d.stepMs ?? 1000} ms, sample ${d.sampleEveryS ?? 10} s`;
  }

  private enqueue(job: () => Promise<unknown>): void {
    this.waiting++;
    this.chain = this.chain.then(job).finally(() => this.waiting--);
  }

  private async execute(queued: DrillScorecard, content: DrillContent): Promise<DrillScorecard> {
    const now = this.o.now ?? Date.now;
    const scenario = scenarioOf(content, queued.scenario);
    const fingerprint = configFingerprint({ city: content.city, rules: content.rules, playbooks: content.playbooks, scenario });
    let card: DrillScorecard = { ...queued, status: 'running', startedTs: now(), fingerprint };
    this.live.set(card.id, card);
    await this.o.history.save(card);
    try {
      const report = await runDrill({
        ...this.o.drill,
        city: content.city,
        scenario,
        rules: content.rules,
        playbooks: content.playbooks,
        response: card.response,
        seed: card.seed,
        ...(content.approvers ? { approvers: content.approvers } : {}),
        onProgress: (p) => this.live.set(card.id, (card = { ...card, assets: p.assets, simulated_s: p.simulated_s })),
      });
      card = finishScorecard(card, report, now());
      if (card.response === 'auto') card = { ...card, ...(await this.baselineOf(card)) };
      const regression = await this.o.history.regressionOf(card);
      if (regression) card = { ...card, regression };
    } catch (err) {
      card = { ...card, status: 'failed', finishedTs: now(), error: err instanceof Error ? err.message : String(err) };
    }
    await this.o.history.save(card);
    this.live.delete(card.id);
    return card;
  }

  /** The latest finished no-response run with the same scenario, seed, rules and city (playbooks do not act without response). */
  private async baselineOf(card: DrillScorecard): Promise<Pick<DrillScorecard, 'customer_minutes_lost_without_response' | 'baseline_run'>> {
    const fp = card.fingerprint!;
    const same = (await this.o.history.list({ scenario: card.scenario, response: 'none' })).find(
      (c) =>
        c.status === 'finished' &&
        c.seed === card.seed &&
        c.settings === card.settings &&
        c.fingerprint?.rules === fp.rules &&
        c.fingerprint.city === fp.city &&
        c.fingerprint.scenario === fp.scenario,
    );
    return same ? { customer_minutes_lost_without_response: same.customer_minutes_lost ?? null, baseline_run: same.id } : { customer_minutes_lost_without_response: null };
  }
}

function scenarioOf(content: DrillContent, id: string): Scenario {
  const found = content.scenarios.find((s) => s.id === id);
  if (!found) throw drillUnknownScenario(id, content.scenarios.map((s) => s.id));
  return found;
}
