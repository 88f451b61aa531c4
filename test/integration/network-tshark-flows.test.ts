// TCP metadata against tshark: every TCP connection of the Lemay captures (tshark's tcp.stream)
// appears as one of our flows with the same endpoints and packet count.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrafficDecoder, readCaptureBytes } from '../../src/engines/protocols/index.js';
import { SHARED_DATA } from '../fixtures/captures/decode-capture.js';
import { tsharkAvailable, tsharkFields } from '../fixtures/captures/tshark.js';

const LEMAY = join(SHARED_DATA, 'lemay-modbus');
const captures = existsSync(LEMAY) ? readdirSync(LEMAY).filter((f) => f.endsWith('.pcap')) : [];
const hasTshark = tsharkAvailable();
if (!hasTshark || captures.length === 0) console.warn('tshark or ../shared/data/lemay-modbus missing: skipping the TCP flow comparison');

function ours(path: string): string[] {
  const out: string[] = [];
  const decoder = new TrafficDecoder({ flowEnded: (f) => void (f.transport === 'tcp' && out.push(connection(`${f.clientIp}:${f.clientPort}`, `${f.serverIp}:${f.serverPort}`, f.packets))) });
  readCaptureBytes(readFileSync(path), (p) => decoder.decode(p));
  decoder.finish();
  return out.sort();
}

function theirs(path: string): string[] {
  const streams = new Map<string, { ends: Set<string>; packets: number }>();
  for (const f of tsharkFields(path, 'tcp', ['tcp.stream', 'ip.src', 'tcp.srcport', 'ip.dst', 'tcp.dstport']).values()) {
    const s = streams.get(f['tcp.stream']![0]!) ?? { ends: new Set<string>(), packets: 0 };
    s.ends.add(`${f['ip.src']![0]}:${f['tcp.srcport']![0]}`);
    s.ends.add(`${f['ip.dst']![0]}:${f['tcp.dstport']![0]}`);
    s.packets++;
    streams.set(f['tcp.stream']![0]!, s);
  }
  return [...streams.values()].map((s) => connection(...([...s.ends] as [string, string]), s.packets)).sort();
}

/** Endpoints in a fixed order, so client and server naming does not matter. */
function connection(a: string, b: string, packets: number): string {
  return `${[a, b].sort().join(' ')} ${packets}`;
}

describe.skipIf(!hasTshark || captures.length === 0)('TCP flows against tshark', () => {
  it.each(captures)('finds every TCP connection of %s with its endpoints and packet count', (name) => {
    const path = join(LEMAY, name);
    const expected = theirs(path);
    expect(ours(path)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(50);
  });
});
