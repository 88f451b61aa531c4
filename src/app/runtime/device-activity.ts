// Remembers when each device was last heard from, for "devices streaming" and silence checks.
import type { Event } from '../../domain/index.js';
import { TOPICS, type Bus, type Subscription } from '../../platform/bus/index.js';

/** Last event time per asset id, fed from the bus. */
export class DeviceActivity {
  private readonly lastSeen = new Map<string, number>();
  private readonly subscription: Subscription;

  /** `group` must be unique to this process: every API process needs every event. */
  constructor(bus: Bus, group: string) {
    this.subscription = bus.subscribe<Event>(
      TOPICS.eventReceived,
      (batch) => {
        for (const e of batch) if (e.assetId) this.lastSeen.set(e.assetId, Math.max(e.ts, this.lastSeen.get(e.assetId) ?? 0));
      },
      { group, maxBatch: 1024, capacity: 50_000, overflow: 'drop' },
    );
  }

  /** Number of devices with an event at or after `sinceMs`. */
  heardSince(sinceMs: number): number {
    let n = 0;
    for (const ts of this.lastSeen.values()) if (ts >= sinceMs) n++;
    return n;
  }

  close(): Promise<void> {
    return this.subscription.unsubscribe();
  }
}
