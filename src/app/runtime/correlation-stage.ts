// Wires correlation onto the bus: each new alert joins or opens an incident, which is stored
// and published. On start, open incidents are reloaded so a restart continues them.
import type { Alert, CityModel } from '../../domain/index.js';
import { Correlator } from '../../engines/detection/index.js';
import { TOPICS, type Bus, type Subscription } from '../../platform/bus/index.js';
import type { Clock, TimerHandle } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';

export interface CorrelationStageOptions {
  bus: Bus;
  store: Store;
  city: CityModel;
  clock: Clock;
  log: Logger;
}

/** Alerts in, incidents out. */
export class CorrelationStage {
  readonly correlator: Correlator;
  private subscription?: Subscription;
  private pruning?: TimerHandle;

  constructor(private readonly o: CorrelationStageOptions) {
    this.correlator = new Correlator({ city: o.city, clock: o.clock });
  }

  async start(): Promise<void> {
    const { items: incidents } = await this.o.store.incidents.list({ limit: 1000 });
    const open = incidents.filter((i) => i.status !== 'closed');
    const alerts = (await Promise.all(open.flatMap((i) => i.alertIds.map((id) => this.o.store.alerts.get(id))))).filter(
      (a): a is Alert => a !== undefined,
    );
    this.correlator.restore(open, alerts);
    this.subscription = this.o.bus.subscribe<Alert>(TOPICS.alertRaised, (batch) => this.handle(batch), {
      group: 'correlate',
      maxBatch: 64,
      capacity: 10_000,
      overflow: 'block',
    });
    // Incidents no alert can join any more stay in the store; the correlator lets go of them.
    this.pruning = this.o.clock.every(10 * 60_000, () => this.correlator.prune());
  }

  async stop(): Promise<void> {
    this.pruning?.cancel();
    await this.subscription?.unsubscribe();
  }

  private async handle(batch: readonly Alert[]): Promise<void> {
    const changed = new Set<string>();
    for (const alert of batch) {
      const incident = this.correlator.add(alert);
      changed.add(incident.id);
      await this.o.store.alerts.setIncident(alert.id, incident.id);
    }
    for (const id of changed) {
      // The correlator's live copy, read now: an operator may have changed status or timeline
      // (through `amend`) while this batch was being stored; an earlier copy would undo that.
      const incident = this.correlator.get(id);
      if (!incident) continue;
      await this.o.store.incidents.upsert(incident);
      await this.o.bus.publish(TOPICS.incidentUpdated, incident, { key: incident.id, id: `${incident.id}@${incident.updatedTs}` });
    }
    this.o.log.debug({ incidents: changed.size }, 'incidents updated');
  }
}
