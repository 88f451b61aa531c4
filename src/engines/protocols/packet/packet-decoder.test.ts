import { describe, expect, it } from 'vitest';
import { TrafficBuilder } from '../../../../test/fixtures/captures/traffic-builder.js';
import { LINKTYPE } from '../capture/captured-packet.js';
import { decodePacket } from './packet-decoder.js';

const a = { mac: '02:00:00:00:00:0a', ip: '192.168.7.1', port: 1234 };
const b = { mac: '02:00:00:00:00:0b', ip: '192.168.7.2', port: 53 };
const captured = (data: Uint8Array, linkType: number = LINKTYPE.ethernet) => ({ number: 1, tsMs: 0, linkType, data, originalLength: data.length, interfaceId: 0 });

describe('packet decoder', () => {
  it('decodes Ethernet, an 802.1Q tag, IPv4 and UDP, and trims Ethernet padding by the IP length', () => {
    const t = new TrafficBuilder();
    t.vlan = 42;
    t.udp(a, b, Uint8Array.from([1, 2, 3]));
    const padded = new Uint8Array(80);
    padded.set(t.packets[0]!.data);
    const p = decodePacket(captured(padded));
    expect(p).toMatchObject({ macSrc: a.mac, macDst: b.mac, vlanId: 42, etherType: 0x0800, ipVersion: 4, ipSrc: a.ip, ipDst: b.ip, transport: 'udp', srcPort: 1234, dstPort: 53, problem: '' });
    expect(Array.from(p.payload)).toEqual([1, 2, 3]);
  });

  it('decodes raw IPv6 with a hop-by-hop header before TCP', () => {
    const ip6 = new Uint8Array(40 + 8 + 20);
    ip6.set([0x60, 0, 0, 0, 0, 28, 0, 64]);
    ip6.set([0x20, 0x01, 0x0d, 0xb8], 8);
    ip6[23] = 1;
    ip6.set([0xfe, 0x80], 24);
    ip6[39] = 2;
    ip6.set([6, 0, 0, 0, 0, 0, 0, 0], 40);
    ip6.set([0x01, 0xf6, 0x09, 0x64, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02], 48);
    const p = decodePacket(captured(ip6, LINKTYPE.raw));
    expect(p).toMatchObject({ ipVersion: 6, ipSrc: '2001:db8::1', ipDst: 'fe80::2', ipProto: 6, srcPort: 502, dstPort: 2404, tcpFlags: 0x02, problem: '' });
  });

  it('names a cut-short header instead of throwing', () => {
    const t = new TrafficBuilder();
    t.udp(a, b, Uint8Array.from([1]));
    expect(decodePacket(captured(t.packets[0]!.data.subarray(0, 20))).problem).toBe('IPv4 header cut short');
    expect(decodePacket(captured(new Uint8Array(3), 147)).problem).toBe('link type 147 not decoded');
  });
});
