import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCapture } from '../../../../test/fixtures/captures/decode-capture.js';
import { dnp3LinkFrame, transportSegments } from '../../../../test/fixtures/captures/dnp3-traffic.js';
import { TrafficBuilder } from '../../../../test/fixtures/captures/traffic-builder.js';
import { encodePcap } from '../capture/capture-writer.js';
import type { Dnp3Message, Dnp3Object } from './events.js';
import { dnp3Crc } from './crc.js';
import { decodeDnp3Application } from './decoder.js';

const T = Date.UTC(2024, 4, 1, 8, 0, 0);
const fixture = (name: string) => new URL(`../../../../test/fixtures/captures/${name}`, import.meta.url).pathname;

function objectsOf(bytes: Uint8Array): Map<string, Dnp3Object> {
  const out = new Map<string, Dnp3Object>();
  for (const m of decodeCapture(bytes).messages) {
    if (m.protocol !== 'dnp3' || m.application?.functionCode !== 129) continue;
    for (const o of m.application.objects) out.set(`g${o.group}v${o.variation}`, o);
  }
  return out;
}

/** Sends user-data fragments from master 1 to outstation 10 over one TCP connection. */
function capture(frames: Uint8Array[]): Uint8Array {
  const b = new TrafficBuilder();
  const c = b.connect({ mac: '02:00:00:00:00:01', ip: '10.0.0.1', port: 40000 }, { mac: '02:00:00:00:00:02', ip: '10.0.0.2', port: 20000 });
  for (const f of frames) c.send(true, f);
  return encodePcap(b.packets);
}

describe('DNP3 link CRC', () => {
  it('matches the CRC-16/DNP check value', () => {
    expect(dnp3Crc(new TextEncoder().encode('123456789'))).toBe(0xea82);
  });
});

describe('DNP3 objects tshark cannot check', () => {
  const objects = objectsOf(readFileSync(fixture('dnp3-beyond-tshark.pcap')));

  it('reads double-bit states from flag bits 7–6 with relative times', () => {
    expect(objects.get('g4v3')!.points.map((p) => [p.value, p.flags])).toEqual([[0, 0x01], [2, 0x81]]);
  });

  it('reads frozen analog inputs with flags and freeze times', () => {
    expect(objects.get('g31v1')!.points.map((p) => [p.index, p.value, p.flags])).toEqual([[0, -70000, 1], [1, -70000, 1]]);
    expect(objects.get('g31v4')!.points.map((p) => [p.value, p.timeMs])).toEqual([[-123, T + 7], [-123, T + 1007]]);
    expect(objects.get('g31v6')!.points.map((p) => p.value)).toEqual([-123, -123]);
  });

  it('reads analog command events with status before the value', () => {
    expect(objects.get('g43v1')!.points.map((p) => [p.value, p.flags])).toEqual([[-70000, 1], [-70000, 1]]);
    expect(objects.get('g43v3')!.points.map((p) => p.timeMs)).toEqual([T + 7, T + 1007]);
  });

  it('reads times, time delays and internal indication bits', () => {
    expect(objects.get('g50v2')!.points.map((p) => p.value)).toEqual([T + 7, T + 1007]);
    expect(objects.get('g51v2')!.points.map((p) => p.value)).toEqual([T + 7, T + 1007]);
    expect(objects.get('g52v1')!.points.map((p) => p.value)).toEqual([456, 456]);
    expect(objects.get('g80v1')!.points.map((p) => p.value)).toEqual([0, 1]);
  });
});

describe('DNP3 malformed traffic', () => {
  const read = [0xc0, 0xc0, 1, 60, 1, 0x06];

  it('reports a corrupted header CRC as an anomaly and decodes the next frame', () => {
    const bad = dnp3LinkFrame(0xc4, 10, 1, read);
    bad[8] = bad[8]! ^ 0xff;
    const d = decodeCapture(capture([bad, dnp3LinkFrame(0xc4, 10, 1, read)]));
    expect(d.anomalies.map((a) => a.reason)).toEqual(['link header CRC does not match']);
    expect(d.counts['dnp3']).toEqual({ messages: 1, errors: 1 });
  });

  it('reports a corrupted user data block CRC', () => {
    const bad = dnp3LinkFrame(0xc4, 10, 1, read);
    bad[11] = bad[11]! ^ 0x01;
    expect(decodeCapture(capture([bad])).anomalies.map((a) => a.reason)).toEqual(['CRC of user data block 1 does not match']);
  });

  it('reassembles a fragment over transport segments and rejects a segment out of sequence', () => {
    const fragment = [0xc0, 129, 0, 0, 30, 1, 0x00, 0, 59, ...Array.from({ length: 300 }, () => 0x01)];
    const good = transportSegments(fragment, 5).map((s) => dnp3LinkFrame(0x44, 1, 10, s));
    const d = decodeCapture(capture(good));
    const m = d.messages[0] as Dnp3Message;
    expect([m.segments, m.application?.objects[0]?.points.length]).toEqual([2, 60]);
    const skipped = transportSegments(fragment, 5).map((s, i) => (i === 1 ? [s[0]! + 1, ...s.slice(1)] : s)).map((s) => dnp3LinkFrame(0x44, 1, 10, s));
    expect(decodeCapture(capture(skipped)).anomalies.map((a) => a.reason)).toEqual(['transport sequence 7 does not follow 5']);
  });

  it('stops object parsing at an unknown object and says why', () => {
    const { application, problem } = decodeDnp3Application(Uint8Array.from([0xc0, 0x81, 0, 0, 30, 1, 0x00, 0, 0, 1, 0, 0, 0, 0, 99, 9, 0x00, 0, 0, 1]));
    expect(application?.objects.map((o) => o.name)).toEqual(['analog_input_32_flags']);
    expect(problem).toBe('g99v9 is not decoded and its size is unknown');
  });

  it('rejects a range whose stop is before its start', () => {
    expect(decodeDnp3Application(Uint8Array.from([0xc0, 0x01, 30, 0, 0x00, 5, 2])).problem).toBe('range of g30v0 stops (2) before it starts (5)');
  });
});
