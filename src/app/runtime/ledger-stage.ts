// The ledger in the running platform: opens (or creates) `<dataDir>/ledger`, records what changed
// in the content it runs on, then appends every alert, incident change, action change and approval
// from the bus, and whatever other stages hand it (device enrollment and key changes, logins, API
// calls). Checkpoints are signed on the configured cadence and offered to the witnesses.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Action, Alert, CityModel, Incident, RuntimeConfig } from '../../domain/index.js';
import { Ledger, type LedgerAppend } from '../../engines/ledger/index.js';
import { TOPICS, type Bus, type Subscription } from '../../platform/bus/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';
import { contentChanges, type ContentSources } from './ledger-content-changes.js';
import type { FastifyInstance } from 'fastify';
import { ledgerRoutes } from '../api/routes/ledger-routes.js';
import type { LoginAttemptRecord } from '../api/index.js';
import { ActionRecords, alertRecord, apiCallRecord, IncidentRecords, loginRecord } from './ledger-records.js';
import { LedgerWitnessing } from './ledger-witnesses.js';

/** Something entries can be handed to; appends never throw to the caller. */
export interface LedgerSink {
  /** Appends one entry; resolves once it is durable, or once the failure was logged and counted. */
  record(entry: LedgerAppend): Promise<void>;
}

/** What the stage is built from. */
export interface LedgerStageOptions {
  config: RuntimeConfig;
  city: CityModel;
  bus: Bus;
  store: Store;
  log: Logger;
  /** Where the rules, playbooks and city were loaded from, for the change entries at start. */
  sources: Omit<ContentSources, 'config'>;
}

/** The ledger directory the configuration names. */
export function ledgerDir(config: RuntimeConfig): string {
  return config.ledger.dataDir ?? join(config.dataDir, 'ledger');
}

function defaultOrigin(city: CityModel): string {
  const slug = city.city.city.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'city';
  return `cityguard.local/${slug}/ledger`;
}

/** The running ledger and its witnesses. */
export class LedgerStage implements LedgerSink {
  private readonly subscriptions: Subscription[] = [];
  private readonly incidents = new IncidentRecords();
  private readonly actions = new ActionRecords();
  /** Entries that could not be appended (a disk failure); each was logged. */
  appendFailures = 0;

  private constructor(
    readonly ledger: Ledger,
    readonly witnessing: LedgerWitnessing,
    private readonly o: LedgerStageOptions,
  ) {}

  /** Opens the ledger, records content changes, subscribes to the bus and starts cosigning. */
  static async start(o: LedgerStageOptions): Promise<LedgerStage> {
    const settings = o.config.ledger;
    const dir = ledgerDir(o.config);
    if (!existsSync(join(dir, 'ledger.json'))) {
      const vkey = await Ledger.init(dir, settings.origin ?? defaultOrigin(o.city));
      o.log.warn({ dir, vkey }, 'ledger created: keep this verifier key outside the data directory to check the ledger later');
    }
    const witnessed = settings.witnesses.length > 0 || settings.inProcessWitness !== undefined;
    // With witnesses, the cosigning schedule signs the checkpoints (see LedgerWitnessing).
    const ledger = await Ledger.open({ dataDir: dir, checkpointEveryMs: witnessed ? 0 : settings.checkpointEveryMs });
    let witnessing: LedgerWitnessing;
    try {
      witnessing = await LedgerWitnessing.start(ledger, settings, o.log);
    } catch (err) {
      await ledger.close();
      throw err;
    }
    const stage = new LedgerStage(ledger, witnessing, o);
    try {
      await stage.recordContentChanges();
      stage.subscribe();
    } catch (err) {
      await stage.stop();
      throw err;
    }
    return stage;
  }

  record(entry: LedgerAppend): Promise<void> {
    return this.ledger.append(entry).then(
      () => undefined,
      (err: unknown) => this.failed(err, 1),
    );
  }

  /** For buildApi's `onLogin`: every login attempt by user account is appended. */
  readonly onLogin = (attempt: LoginAttemptRecord): void => void this.record(loginRecord(attempt));

  /** The ledger's API routes, for buildApi's `extraRoutes`; they also append API calls that change something. */
  routes(): (app: FastifyInstance) => void {
    return ledgerRoutes({
      ledger: this.ledger,
      witnessKeys: () => this.witnessing.keys(),
      witnesses: () => this.witnessing.status(),
      minWitnesses: this.o.config.ledger.minWitnesses,
      onApiCall: (call) => void this.record(apiCallRecord(call)),
    });
  }

  /** Stops listening, stops the witnesses, signs a last checkpoint and closes the ledger. */
  async stop(): Promise<void> {
    for (const s of this.subscriptions.splice(0)) await s.unsubscribe();
    await this.witnessing.stop();
    await this.ledger.close();
  }

  private async recordContentChanges(): Promise<void> {
    const { entries, commit } = await contentChanges({ ...this.o.sources, config: this.o.config }, this.o.store.state);
    if (entries.length === 0) return;
    await this.ledger.appendMany(entries);
    await commit();
  }

  private subscribe(): void {
    const { bus } = this.o;
    const options = { group: 'ledger', maxBatch: 512, capacity: 100_000, overflow: 'block' as const };
    this.subscriptions.push(
      bus.subscribe<Alert>(TOPICS.alertRaised, (batch) => this.appendAll(batch.map(alertRecord)), options),
      bus.subscribe<Incident>(TOPICS.incidentUpdated, (batch) => this.appendAll(batch.flatMap((i) => this.incidents.record(i) ?? [])), options),
      bus.subscribe<Action>(TOPICS.actionChanged, (batch) => this.appendAll(batch.flatMap((a) => this.actions.record(a))), options),
    );
  }

  private async appendAll(entries: LedgerAppend[]): Promise<void> {
    if (entries.length === 0) return;
    await this.ledger.appendMany(entries).catch((err: unknown) => this.failed(err, entries.length));
  }

  private failed(err: unknown, count: number): void {
    this.appendFailures += count;
    this.o.log.error({ err, count }, 'could not append to the ledger');
  }
}
