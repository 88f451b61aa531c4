// Wires detection onto the bus: events in, rules evaluated, each new alert stored once and
// published. The bus group lets several processes share the work in scale-out.
import type { Alert, CityModel, Event } from '../../domain/index.js';
import { RuleEngine, storeAndPublishAlert, type CompiledRule } from '../../engines/detection/index.js';
import { TOPICS, type Bus, type Subscription } from '../../platform/bus/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';

export interface DetectionStageOptions {
  bus: Bus;
  store: Store;
  city: CityModel;
  clock: Clock;
  rules: readonly CompiledRule[];
  log: Logger;
}

/** Rules on the live event stream; alerts persisted (deduplicated) then published. */
export class DetectionStage {
  readonly engine: RuleEngine;
  private subscription?: Subscription;
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly o: DetectionStageOptions) {
    this.engine = new RuleEngine({ rules: o.rules, city: o.city, clock: o.clock, onAlert: (a) => this.raise(a) });
  }

  start(): void {
    this.subscription = this.o.bus.subscribe<Event>(TOPICS.eventReceived, (batch) => {
      this.engine.process(batch);
      return this.pending;
    }, { group: 'detect-rules', maxBatch: 512, capacity: 50_000, overflow: 'block' });
    this.engine.start();
  }

  async stop(): Promise<void> {
    this.engine.stop();
    await this.subscription?.unsubscribe();
    await this.pending;
  }

  /** Stores the alert; publishes it only when it is new (a redelivered event finds its dedupKey). */
  private raise(alert: Alert): void {
    this.pending = this.pending.then(async () => {
      try {
        await storeAndPublishAlert(this.o.store.alerts, this.o.bus, alert);
      } catch (err) {
        this.o.log.error({ err, alertId: alert.id }, 'could not store alert');
      }
    });
  }
}
