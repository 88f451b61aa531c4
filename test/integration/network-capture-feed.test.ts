// The live platform's capture feed: a file or a watched folder of rotating captures goes through
// one detector; events and alerts reach an asynchronous sink, each awaited before reading on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { NetworkEvent as NetworkEventSchema, type Alert, type NetworkEvent } from '../../src/domain/index.js';
import { CaptureFeed } from '../../src/engines/detection/network/index.js';
import { encodePcap, readCaptureBytes, type CapturedPacket } from '../../src/engines/protocols/index.js';
import { buildScadaTraffic, SCADA, SCADA_NORMAL_PACKETS } from '../fixtures/captures/scada-traffic.js';

const scada = buildScadaTraffic();
const packets: CapturedPacket[] = [];
readCaptureBytes(scada.bytes, (p) => packets.push(p));

function sink() {
  const got = { events: [] as NetworkEvent[], alerts: [] as Alert[], ended: [] as string[] };
  return {
    got,
    sink: {
      event: async (e: NetworkEvent) => {
        got.events.push(e);
        await new Promise((r) => setImmediate(r));
      },
      alert: (a: Alert) => void got.alerts.push(a),
      captureEnded: (name: string) => void got.ended.push(name),
    },
  };
}

describe('capture feed', () => {
  it('feeds a file and delivers schema-valid events and the rogue-master alert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-feed-'));
    const file = join(dir, 'scada.pcap');
    writeFileSync(file, scada.bytes);
    const { got, sink: s } = sink();
    const feed = new CaptureFeed(s, { learnPackets: SCADA_NORMAL_PACKETS, now: () => 1_700_000_000_000 });
    const result = await feed.feed(file, 'scada.pcap');
    expect(result).toMatchObject({ summary: { packets: packets.length }, events: got.events.length, alerts: got.alerts.length });
    expect(got.alerts.find((a) => a.technique.id === 'T0848')?.title).toContain(SCADA.rogue.ip);
    expect(got.events.every((e) => e.id.startsWith('scada.pcap@1700000000000:') && Value.Check(NetworkEventSchema, e))).toBe(true);
    expect(new Set(got.events.map((e) => e.id)).size).toBe(got.events.length);
    expect(got.ended).toEqual(['scada.pcap']);
  });

  it('watches a folder and feeds rotated captures once each, in name order, with one detector', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-watch-'));
    const half = SCADA_NORMAL_PACKETS;
    writeFileSync(join(dir, 'part-001.pcap'), encodePcap(packets.slice(0, half)));
    writeFileSync(join(dir, 'part-002.pcap'), encodePcap(packets.slice(half)));
    writeFileSync(join(dir, 'notes.txt'), 'not a capture');
    const { got, sink: s } = sink();
    const feed = new CaptureFeed(s, { learnPackets: SCADA_NORMAL_PACKETS });
    const watch = feed.watch(dir, 50);
    for (let i = 0; i < 200 && got.ended.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    await watch.stop();
    expect(got.ended).toEqual(['part-001.pcap', 'part-002.pcap']);
    expect(got.alerts.some((a) => a.technique.id === 'T0848')).toBe(true);
  });
});
