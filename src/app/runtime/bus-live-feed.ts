// The API's live stream fed from the bus: every alert raised, incident changed and response
// action changed, fanned out to whoever is listening. Slow listeners cannot stall detection: the group drops and counts.
import type { StreamMessage } from '../../contracts/index.js';
import type { Action, Alert, Incident } from '../../domain/index.js';
import { TOPICS, type Bus, type Subscription } from '../../platform/bus/index.js';
import type { LiveFeed } from '../api/index.js';

/** A LiveFeed that listens on the bus's alert and incident topics. */
export class BusLiveFeed implements LiveFeed {
  private readonly listeners = new Set<(m: StreamMessage) => void>();
  private readonly subscriptions: Subscription[];

  constructor(bus: Bus, group: string) {
    const options = { group, capacity: 10_000, overflow: 'drop' as const };
    this.subscriptions = [
      bus.subscribe<Alert>(TOPICS.alertRaised, (batch) => batch.forEach((alert) => this.emit({ type: 'alert', alert })), options),
      bus.subscribe<Incident>(TOPICS.incidentUpdated, (batch) => batch.forEach((incident) => this.emit({ type: 'incident', incident })), options),
      bus.subscribe<Action>(TOPICS.actionChanged, (batch) => batch.forEach((action) => this.emit({ type: 'action', action })), options),
    ];
  }

  subscribe(listener: (message: StreamMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops listening on the bus. */
  async close(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.unsubscribe()));
    this.listeners.clear();
  }

  private emit(message: StreamMessage): void {
    for (const l of this.listeners) {
      try {
        l(message);
      } catch {
        this.listeners.delete(l); // a broken connection's writer: forget it
      }
    }
  }
}
