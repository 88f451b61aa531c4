// How every detector's alert enters the platform: stored first, and published on the bus only when
// the store did not already hold its id — a redelivered event or a replayed detector raises nothing twice.
import type { Alert } from '../../domain/index.js';
import { TOPICS, type Bus } from '../../platform/bus/index.js';
import type { AlertStore } from '../../platform/store/index.js';

/** Stores `alert` and publishes it when it is new; true when it was new. */
export async function storeAndPublishAlert(alerts: AlertStore, bus: Bus, alert: Alert): Promise<boolean> {
  if (!(await alerts.insert(alert))) return false;
  await bus.publish(TOPICS.alertRaised, alert, { key: alert.assetIds[0] ?? alert.id, id: alert.id });
  return true;
}
