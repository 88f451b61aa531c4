// MQTT, DNS and ARP decoders against tshark: the generated MQTT 3.1.1/5.0 sessions, and every DNS
// and ARP message of the IoT-23 capture when ../shared/data is present.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProtocolMessage } from '../../src/engines/protocols/index.js';
import { SHARED_DATA, decodeCapture } from '../fixtures/captures/decode-capture.js';
import { tsharkAvailable, tsharkFields, type TsharkFrame } from '../fixtures/captures/tshark.js';

const FIXTURES = new URL('../fixtures/captures/', import.meta.url).pathname;
const IOT23 = join(SHARED_DATA, 'iot23-sample', 'CTU-IoT-Malware-Capture-42-1.pcap');
const hasTshark = tsharkAvailable();
if (!hasTshark) console.warn('tshark not installed: skipping MQTT/DNS/ARP decoder-vs-tshark comparisons');
if (!existsSync(IOT23)) console.warn(`${IOT23} absent: skipping the DNS and ARP comparison on IoT-23`);

const DNS_TYPE_NUMBERS: Record<string, number> = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, OPT: 41, HTTPS: 65, ANY: 255 };

/** Our messages of one frame, projected field by field as `project` says. */
function byFrame(messages: ProtocolMessage[], project: (m: ProtocolMessage) => Record<string, (string | number)[]>): Map<number, Record<string, string[]>> {
  const out = new Map<number, Record<string, string[]>>();
  for (const m of messages) {
    const frame = out.get(m.meta.packet) ?? {};
    for (const [k, v] of Object.entries(project(m))) if (v.length) frame[k] = [...(frame[k] ?? []), ...v.map(String)];
    out.set(m.meta.packet, frame);
  }
  return out;
}

function compare(ours: Map<number, Record<string, string[]>>, theirs: Map<number, TsharkFrame>, fields: readonly string[]): number {
  expect([...ours.keys()].sort((a, b) => a - b)).toEqual([...theirs.keys()].sort((a, b) => a - b));
  for (const [frame, t] of theirs) {
    const expected: Record<string, string[]> = {};
    for (const f of fields) if (t[f]) expected[f] = t[f]!;
    expect({ frame, ...ours.get(frame) }).toEqual({ frame, ...expected });
  }
  return theirs.size;
}

describe.skipIf(!hasTshark)('application decoders against tshark', () => {
  it('agrees on every MQTT packet of the generated 3.1.1 and 5.0 sessions', () => {
    const capture = join(FIXTURES, 'mqtt-sessions.pcap');
    const fields = ['mqtt.msgtype', 'mqtt.topic', 'mqtt.clientid', 'mqtt.username', 'mqtt.ver', 'mqtt.qos', 'mqtt.msgid'];
    const ours = byFrame(decodeCapture(capture).messages, (m): Record<string, (string | number)[]> => {
      if (m.protocol !== 'mqtt') return {};
      const topics = m.topic !== undefined ? [m.topic] : (m.filters?.map((f) => f.filter) ?? []);
      return {
        'mqtt.msgtype': [m.packetType],
        'mqtt.topic': topics,
        'mqtt.clientid': m.clientId !== undefined ? [m.clientId] : [],
        'mqtt.username': m.username !== undefined ? [m.username] : [],
        'mqtt.ver': m.protocolLevel !== undefined ? [m.protocolLevel] : [],
        'mqtt.qos': m.packetType === 3 ? [m.qos!] : [],
        'mqtt.msgid': m.packetId !== undefined ? [m.packetId] : [],
      };
    });
    expect(compare(ours, tsharkFields(capture, 'mqtt', fields), fields)).toBe(24);
  });

  it.skipIf(!existsSync(IOT23))('agrees on every DNS and ARP message of the IoT-23 capture', () => {
    const fields = ['dns.id', 'dns.flags.response', 'dns.flags.rcode', 'dns.qry.name', 'dns.qry.type', 'dns.a', 'dns.aaaa', 'arp.opcode', 'arp.src.proto_ipv4', 'arp.dst.proto_ipv4', 'arp.src.hw_mac'];
    const ours = byFrame(decodeCapture(IOT23).messages, (m): Record<string, (string | number)[]> => {
      if (m.protocol === 'arp') return { 'arp.opcode': [m.opcode], 'arp.src.proto_ipv4': [m.senderIp], 'arp.dst.proto_ipv4': [m.targetIp], 'arp.src.hw_mac': [m.senderMac] };
      if (m.protocol !== 'dns') return {};
      return {
        'dns.id': [`0x${m.id.toString(16).padStart(4, '0')}`],
        'dns.flags.response': [m.response ? 1 : 0],
        'dns.flags.rcode': m.response ? [m.rcode] : [],
        'dns.qry.name': m.questions.map((q) => q.name),
        'dns.qry.type': m.questions.map((q) => DNS_TYPE_NUMBERS[q.type] ?? Number(q.type.replace('TYPE', ''))),
        'dns.a': m.answers.filter((a) => a.type === 'A').map((a) => a.data!),
        'dns.aaaa': m.answers.filter((a) => a.type === 'AAAA').map((a) => a.data!),
      };
    });
    expect(compare(ours, tsharkFields(IOT23, 'dns || arp', fields), fields)).toBe(3451 + 1736);
  });
});
