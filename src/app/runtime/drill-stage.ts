// Drills in the running platform: scorecards kept in the store's state, runs operators start through
// the API, and — when the configuration has a `drills` section with `every` or `at` — the scenario
// library played on a schedule, each run on a fresh world of its own, never the live city.
import type { FastifyInstance } from 'fastify';
import type { RuntimeConfig } from '../../domain/index.js';
import { DrillDesk, DrillHistory, DrillScheduler, parseDrillSchedule, scorecardLine, type DrillDeskOptions } from '../../operations/drills/index.js';
import { loadCityFile } from '../../platform/content/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';
import { drillRoutes } from '../api/routes/drill-routes.js';
import { drillContentPaths, loadDrillContent } from './drill-content.js';

/** What the stage is built from. */
export interface DrillStageOptions {
  config: RuntimeConfig;
  store: Store;
  /** The runtime's clock: schedules follow it (the twin's clock in a demo). */
  clock: Clock;
  log: Logger;
  /** Simulation settings of every run (warm-up, observation, step); the drill runner's defaults when absent. */
  drill?: DrillDeskOptions['drill'];
}

/** The drill desk, its history and the optional schedule. */
export class DrillStage {
  readonly history: DrillHistory;
  readonly desk: DrillDesk;
  private readonly scheduler: DrillScheduler | undefined;

  constructor(private readonly o: DrillStageOptions) {
    const drills = o.config.drills;
    const paths = drillContentPaths(o.config);
    this.history = new DrillHistory(o.store.state, drills?.keepRuns ?? 500);
    this.desk = new DrillDesk({
      history: this.history,
      seed: drills?.seed ?? 2015,
      ...(o.drill ? { drill: o.drill } : {}),
      content: () => {
        const { content, problems } = loadDrillContent(paths);
        if (problems.length > 0) o.log.warn({ problems }, `${problems.length} problems in the drill scenario library; those scenarios are left out`);
        return content;
      },
    });
    if (drills && (drills.every !== undefined || drills.at !== undefined)) {
      const schedule = parseDrillSchedule({ ...(drills.every ? { every: drills.every } : {}), ...(drills.at ? { at: drills.at } : {}) }, this.timeZone());
      this.scheduler = new DrillScheduler({
        clock: o.clock,
        schedule,
        run: () =>
          this.desk.runBatch({
            ...(drills.scenarios ? { scenarios: drills.scenarios } : {}),
            responses: drills.withoutResponse ? ['none', 'auto'] : ['auto'],
            seed: drills.seed,
            trigger: 'schedule',
          }),
        onBatch: (r) => {
          if ('error' in r) o.log.error({ err: r.error }, 'scheduled drills failed');
          else for (const c of r.cards) (c.detected === false || c.regression ? o.log.warn.bind(o.log) : o.log.info.bind(o.log))({ drill: c.id }, scorecardLine(c));
        },
      });
    }
  }

  /** Marks runs a previous process left running as failed, and arms the schedule. */
  async start(): Promise<void> {
    const interrupted = await this.history.failInterrupted(Date.now());
    if (interrupted > 0) this.o.log.warn({ interrupted }, 'drill runs interrupted by the last stop were marked failed');
    this.scheduler?.start();
    const next = this.scheduler?.stats().nextRunTs;
    if (next !== undefined) this.o.log.info({ next: new Date(next).toISOString() }, 'drills scheduled');
  }

  /** Stops the schedule and waits for the run in progress. */
  async stop(): Promise<void> {
    await this.scheduler?.stop();
    await this.desk.whenIdle();
  }

  /** The API routes of drills, for buildApi's `extraRoutes`. */
  routes(): (app: FastifyInstance) => void {
    return drillRoutes({ desk: this.desk, history: this.history });
  }

  private timeZone(): string {
    return loadCityFile(this.o.config.city).city.city.timezone;
  }
}
