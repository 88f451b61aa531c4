// Where a worker's alerts go: the store (which keeps one alert per dedupKey, so a firing replayed
// after a partition moved is recognised there) and the alert topic for correlation. Every alert is
// published, new or repeated, with its id as message id: within the stream's duplicate window a
// repeat is dropped there, and the correlator ignores an alert id it has seen — so an alert stored
// just before a worker died still reaches correlation when its events are replayed.
import type { Alert } from '../../domain/index.js';
import { TOPICS, type Bus } from '../../platform/bus/index.js';
import type { AlertStore } from '../../platform/store/index.js';

/** Counts of what the store made of the alerts. */
export interface AlertSinkCounts {
  stored: number;
  /** Alerts whose dedupKey the store already had (replayed firings). */
  repeated: number;
}

/** Stores and publishes alerts. */
export class AlertSink {
  readonly counts: AlertSinkCounts = { stored: 0, repeated: 0 };

  constructor(
    private readonly alerts: AlertStore,
    private readonly bus: Bus,
  ) {}

  /** Resolves when every alert is stored and published. */
  async raise(alerts: readonly Alert[]): Promise<void> {
    for (const a of alerts) {
      if (await this.alerts.insert(a)) this.counts.stored++;
      else this.counts.repeated++;
    }
    await Promise.all(alerts.map((a) => this.bus.publish(TOPICS.alertRaised, a, { key: a.assetIds[0] ?? a.id, id: a.id })));
  }
}
