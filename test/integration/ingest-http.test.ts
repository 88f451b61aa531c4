// HTTP batch ingest (transport-free) into SQLite: good items accepted around bad ones, each bad item
// reported with its index and reason and quarantined.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type IngestHarness } from './ingest-support.js';

let h: IngestHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('HTTP batch ingest', () => {
  it('accepts the valid events of a batch and reports each invalid one with its index and reason', async () => {
    h = await startHarness({});
    const result = await h.ingest.httpBatch(
      [
        { type: 'auth', ts: 1000, user: 'op', outcome: 'failure', method: 'vpn', srcIp: '203.0.113.1', attrs: {}, assetId: 'vpn-1' },
        'not an object',
        { type: 'telemetry', assetId: 'ghost', metrics: {} },
        { type: 'telemetry', assetId: 'tank-1', metrics: { level_m: 'high' } },
        { type: 'log', severity: 9, message: 'x', attrs: {} },
        { type: 'telemetry', assetId: 'tank-1', metrics: { level_m: 3.5 }, id: 'client-chosen', source: 'pcap' },
        { type: 'network', srcIp: '10.0.0.9', dstIp: '10.1.0.11', transport: 'tcp', dstPort: 502, protocol: 'modbus', attrs: {} },
      ],
      'http:127.0.0.1',
    );
    expect(result.accepted).toBe(3);
    expect(result.rejected).toBe(4);
    expect(result.problems.map((p) => [p.index, p.reason])).toEqual([
      [1, 'malformed'],
      [2, 'unknown-device'],
      [3, 'schema'],
      [4, 'schema'],
    ]);
    await h.settle();
    const events = (await h.store.events.query({})).items;
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.source === 'http' && e.id !== 'client-chosen')).toBe(true);
    expect(events.find((e) => e.type === 'telemetry')).toMatchObject({ assetId: 'tank-1', district: 'south' });
    expect(await h.store.quarantine.countByReason()).toEqual({ malformed: 1, 'unknown-device': 1, schema: 2 });
  });

  it('refuses a body that is not an array, and a batch above the item limit, whole', async () => {
    h = await startHarness({ httpMaxItems: 2 });
    expect(await h.ingest.httpBatch({ type: 'log' }, 'http:x')).toMatchObject({ accepted: 0, rejected: 1, problems: [{ index: -1, reason: 'malformed' }] });
    const three = Array.from({ length: 3 }, () => ({ type: 'log', severity: 6, message: 'm', attrs: {} }));
    expect(await h.ingest.httpBatch(three, 'http:x')).toMatchObject({ accepted: 0, rejected: 1, problems: [{ index: -1, reason: 'oversized' }] });
    await h.settle();
    expect(await h.store.events.count()).toBe(0);
    expect(await h.store.quarantine.countByReason()).toEqual({ malformed: 1, oversized: 1 });
  });
});
