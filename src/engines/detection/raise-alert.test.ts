import { describe, expect, it } from 'vitest';
import type { Alert } from '../../domain/index.js';
import { InProcessBus, TOPICS } from '../../platform/bus/index.js';
import { SqliteStore } from '../../platform/store/index.js';
import { storeAndPublishAlert } from './raise-alert.js';

const alert: Alert = {
  id: 'alert-1', ts: 1_700_000_000_000, severity: 'high', detector: { kind: 'rule', id: 'r', name: 'R' },
  technique: { id: 'T0855', name: 'Unauthorized Command Message' }, tactic: 'impair-process-control',
  title: 't', explanation: { what: 'w', why: 'y', whatToDo: ['d'] }, assetIds: ['br-1'], evidence: { eventIds: ['e-1'], facts: {} }, dedupKey: 'k-1',
};

describe('storeAndPublishAlert', () => {
  it('stores and publishes a new alert once; the same alert again is neither stored nor published', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    await store.migrate();
    const bus = new InProcessBus();
    const seen: string[] = [];
    bus.subscribe<Alert>(TOPICS.alertRaised, (batch) => void seen.push(...batch.map((a) => a.id)), { group: 'test' });
    expect(await storeAndPublishAlert(store.alerts, bus, alert)).toBe(true);
    expect(await storeAndPublishAlert(store.alerts, bus, alert)).toBe(false);
    await bus.drain();
    expect(seen).toEqual(['alert-1']);
    expect((await store.alerts.list({})).items.map((a) => a.id)).toEqual(['alert-1']);
    await bus.close();
    await store.close();
  });
});
