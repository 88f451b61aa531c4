// Decodes link (Ethernet + 802.1Q/802.1ad, Linux cooked, BSD loopback, raw IP), network (IPv4,
// IPv6 with extension headers) and transport (TCP, UDP) headers. Never throws: a header that does
// not fit is named in `problem` and decoding stops at that layer.
import type { CapturedPacket } from '../capture/captured-packet.js';
import { LINKTYPE } from '../capture/captured-packet.js';
import { ipv4Text, ipv6Text, macText } from './address-text.js';
import { DecodedPacket } from './decoded-packet.js';

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const IPV6_EXTENSIONS = new Set([0, 43, 44, 51, 60]);

/** Decodes one captured packet through the transport layer. */
export function decodePacket(captured: CapturedPacket): DecodedPacket {
  const p = new DecodedPacket();
  p.number = captured.number;
  p.tsMs = captured.tsMs;
  p.wireLength = captured.originalLength;
  const b = captured.data;
  switch (captured.linkType) {
    case LINKTYPE.ethernet:
      decodeEthernet(p, b);
      break;
    case LINKTYPE.raw:
    case LINKTYPE.ipv4:
    case LINKTYPE.ipv6:
      decodeIp(p, b, 0);
      break;
    case LINKTYPE.linuxSll:
      if (b.length < 16) p.problem = 'Linux cooked header cut short';
      else decodeEtherType(p, b, (b[14]! << 8) | b[15]!, 16);
      break;
    case LINKTYPE.linuxSll2:
      if (b.length < 20) p.problem = 'Linux cooked v2 header cut short';
      else decodeEtherType(p, b, (b[0]! << 8) | b[1]!, 20);
      break;
    case LINKTYPE.null:
      if (b.length < 4) p.problem = 'loopback header cut short';
      else decodeIp(p, b, 4);
      break;
    default:
      p.problem = `link type ${captured.linkType} not decoded`;
  }
  return p;
}

function decodeEthernet(p: DecodedPacket, b: Uint8Array): void {
  if (b.length < 14) {
    p.problem = 'Ethernet header cut short';
    return;
  }
  p.macDst = macText(b, 0);
  p.macSrc = macText(b, 6);
  let type = (b[12]! << 8) | b[13]!;
  let off = 14;
  while (type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ) {
    if (b.length < off + 4) {
      p.problem = 'VLAN tag cut short';
      return;
    }
    if (p.vlanId < 0) p.vlanId = ((b[off]! << 8) | b[off + 1]!) & 0x0fff;
    type = (b[off + 2]! << 8) | b[off + 3]!;
    off += 4;
  }
  decodeEtherType(p, b, type, off);
}

function decodeEtherType(p: DecodedPacket, b: Uint8Array, type: number, off: number): void {
  p.etherType = type;
  if (type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6) decodeIp(p, b, off);
  else p.payload = b.subarray(off);
}

function decodeIp(p: DecodedPacket, b: Uint8Array, off: number): void {
  if (b.length <= off) {
    p.problem = 'IP header missing';
    return;
  }
  const version = b[off]! >> 4;
  if (version === 4) decodeIpv4(p, b, off);
  else if (version === 6) decodeIpv6(p, b, off);
  else p.problem = `IP version ${version} is neither 4 nor 6`;
}

function decodeIpv4(p: DecodedPacket, b: Uint8Array, off: number): void {
  const headerBytes = (b[off]! & 0x0f) * 4;
  if (headerBytes < 20 || b.length < off + headerBytes) {
    p.problem = headerBytes < 20 ? `IPv4 header length ${headerBytes} below 20` : 'IPv4 header cut short';
    return;
  }
  p.ipVersion = 4;
  p.ipSrc = ipv4Text(b, off + 12);
  p.ipDst = ipv4Text(b, off + 16);
  p.ipProto = b[off + 9]!;
  p.ttl = b[off + 8]!;
  const totalLength = (b[off + 2]! << 8) | b[off + 3]!;
  // Ethernet pads short frames to 60 bytes: the IP total length says where the datagram ends.
  const end = totalLength >= headerBytes ? Math.min(b.length, off + totalLength) : b.length;
  const flagsFragment = (b[off + 6]! << 8) | b[off + 7]!;
  const moreFragments = (flagsFragment & 0x2000) !== 0;
  const fragmentOffset = flagsFragment & 0x1fff;
  p.fragment = moreFragments || fragmentOffset !== 0;
  if (fragmentOffset !== 0) {
    p.transport = transportOf(p.ipProto);
    p.payload = b.subarray(off + headerBytes, end);
    return;
  }
  decodeTransport(p, b, off + headerBytes, end);
}

function decodeIpv6(p: DecodedPacket, b: Uint8Array, off: number): void {
  if (b.length < off + 40) {
    p.problem = 'IPv6 header cut short';
    return;
  }
  p.ipVersion = 6;
  p.ipSrc = ipv6Text(b, off + 8);
  p.ipDst = ipv6Text(b, off + 24);
  p.ttl = b[off + 7]!;
  const end = Math.min(b.length, off + 40 + ((b[off + 4]! << 8) | b[off + 5]!));
  let next = b[off + 6]!;
  let cur = off + 40;
  while (IPV6_EXTENSIONS.has(next)) {
    if (cur + 8 > end) {
      p.problem = 'IPv6 extension header cut short';
      return;
    }
    if (next === 44) {
      p.fragment = true;
      if ((((b[cur + 2]! << 8) | b[cur + 3]!) & 0xfff8) !== 0) {
        p.ipProto = b[cur]!;
        p.transport = transportOf(p.ipProto);
        p.payload = b.subarray(cur + 8, end);
        return;
      }
    }
    const length = next === 44 ? 8 : next === 51 ? (b[cur + 1]! + 2) * 4 : (b[cur + 1]! + 1) * 8;
    next = b[cur]!;
    cur += length;
  }
  p.ipProto = next;
  decodeTransport(p, b, cur, end);
}

function decodeTransport(p: DecodedPacket, b: Uint8Array, off: number, end: number): void {
  p.transport = transportOf(p.ipProto);
  if (p.ipProto === 6) {
    const headerBytes = off + 13 <= end ? (b[off + 12]! >> 4) * 4 : 0;
    if (headerBytes < 20 || off + headerBytes > end) {
      p.problem = 'TCP header cut short or invalid';
      return;
    }
    p.srcPort = (b[off]! << 8) | b[off + 1]!;
    p.dstPort = (b[off + 2]! << 8) | b[off + 3]!;
    p.tcpSeq = ((b[off + 4]! << 24) | (b[off + 5]! << 16) | (b[off + 6]! << 8) | b[off + 7]!) >>> 0;
    p.tcpAck = ((b[off + 8]! << 24) | (b[off + 9]! << 16) | (b[off + 10]! << 8) | b[off + 11]!) >>> 0;
    p.tcpFlags = b[off + 13]!;
    p.tcpWindow = (b[off + 14]! << 8) | b[off + 15]!;
    p.payload = b.subarray(off + headerBytes, end);
  } else if (p.ipProto === 17) {
    if (off + 8 > end) {
      p.problem = 'UDP header cut short';
      return;
    }
    p.srcPort = (b[off]! << 8) | b[off + 1]!;
    p.dstPort = (b[off + 2]! << 8) | b[off + 3]!;
    const udpLength = (b[off + 4]! << 8) | b[off + 5]!;
    p.payload = b.subarray(off + 8, udpLength >= 8 ? Math.min(end, off + udpLength) : end);
  } else {
    p.payload = b.subarray(off, end);
  }
}

function transportOf(proto: number): DecodedPacket['transport'] {
  if (proto === 6) return 'tcp';
  if (proto === 17) return 'udp';
  if (proto === 1 || proto === 58) return 'icmp';
  return 'other';
}
