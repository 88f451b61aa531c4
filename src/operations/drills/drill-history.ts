// Drill scorecards kept in the store's state (SQLite or PostgreSQL alike), newest first: the trend of
// each scenario, the regression marker when a scenario that was detected is missed after the
// configuration fingerprint changed, and a bounded history (the oldest runs are dropped).
import type { StateStore } from '../../platform/store/index.js';
import { fingerprintChanges } from './config-fingerprint.js';
import type { DrillRegression, DrillScorecard } from './drill-scorecard.js';

const NAMESPACE = 'drills.runs';

/** One point of a scenario's trend. */
export interface DrillTrendPoint {
  id: string;
  startedTs: number;
  detected: boolean;
  time_to_detect_s: number | null;
  time_to_contain_s: number | null;
  customer_minutes_lost: number;
  fingerprint: string;
  regression: boolean;
}

/** The latest run of a scenario in one response mode, with its trend. */
export interface DrillTrend {
  scenario: string;
  response: 'auto' | 'none';
  latest: DrillScorecard;
  /** Finished runs, oldest first. */
  points: DrillTrendPoint[];
}

/** Scorecards in the store. */
export class DrillHistory {
  constructor(
    private readonly state: StateStore,
    /** Runs kept; older ones are dropped when a new one is saved. */
    private readonly keep = 500,
  ) {}

  /** Stores (or replaces) a scorecard and drops the oldest beyond `keep`. */
  async save(card: DrillScorecard): Promise<void> {
    await this.state.put(NAMESPACE, card.id, card);
    const all = await this.all();
    for (const old of all.slice(this.keep)) await this.state.delete(NAMESPACE, old.id);
  }

  async get(id: string): Promise<DrillScorecard | undefined> {
    return this.state.get<DrillScorecard>(NAMESPACE, id);
  }

  /** Runs newest first, optionally of one scenario and response mode. */
  async list(filter: { scenario?: string; response?: 'auto' | 'none'; limit?: number } = {}): Promise<DrillScorecard[]> {
    const runs = (await this.all()).filter((c) => (filter.scenario === undefined || c.scenario === filter.scenario) && (filter.response === undefined || c.response === filter.response));
    return runs.slice(0, filter.limit ?? runs.length);
  }

  /**
   * The regression a finished run shows: missed now, detected by the latest earlier run of the same
   * scenario and mode that detected it, which ran with a different configuration fingerprint.
   */
  async regressionOf(card: DrillScorecard): Promise<DrillRegression | undefined> {
    if (card.status !== 'finished' || card.detected !== false || !card.fingerprint) return undefined;
    const earlier = (await this.list({ scenario: card.scenario, response: card.response })).filter((c) => c.id !== card.id && c.startedTs <= card.startedTs && c.status === 'finished');
    const lastGood = earlier.find((c) => c.detected === true);
    if (!lastGood?.fingerprint || lastGood.fingerprint.combined === card.fingerprint.combined) return undefined;
    const changed = fingerprintChanges(lastGood.fingerprint, card.fingerprint);
    return { since: lastGood.id, changed, text: `detected by run ${lastGood.id}, missed since the ${changed.join(', ')} changed` };
  }

  /** Per scenario and response mode: the latest run and the trend of the last `points` finished runs. */
  async trends(points = 10): Promise<DrillTrend[]> {
    const groups = new Map<string, DrillScorecard[]>();
    for (const c of await this.all()) {
      const key = `${c.scenario}\u0000${c.response}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    return [...groups.values()]
      .map((runs) => ({
        scenario: runs[0]!.scenario,
        response: runs[0]!.response,
        latest: runs[0]!,
        points: runs.filter((c) => c.status === 'finished').slice(0, points).reverse().map(point),
      }))
      .sort((a, b) => (a.scenario === b.scenario ? (a.response < b.response ? -1 : 1) : a.scenario < b.scenario ? -1 : 1));
  }

  /** Marks runs a stopped process left `running` as failed; returns how many. */
  async failInterrupted(nowTs: number): Promise<number> {
    const stale = (await this.all()).filter((c) => c.status === 'running');
    for (const c of stale) await this.state.put(NAMESPACE, c.id, { ...c, status: 'failed', finishedTs: nowTs, error: 'interrupted: the process running it stopped' });
    return stale.length;
  }

  private async all(): Promise<DrillScorecard[]> {
    return (await this.state.list<DrillScorecard>(NAMESPACE)).map((e) => e.value).sort((a, b) => b.startedTs - a.startedTs || (a.id < b.id ? 1 : -1));
  }
}

function point(c: DrillScorecard): DrillTrendPoint {
  return {
    id: c.id,
    startedTs: c.startedTs,
    detected: c.detected === true,
    time_to_detect_s: c.time_to_detect_s ?? null,
    time_to_contain_s: c.time_to_contain_s ?? null,
    customer_minutes_lost: c.customer_minutes_lost ?? 0,
    fingerprint: c.fingerprint?.combined ?? '',
    regression: c.regression !== undefined,
  };
}
