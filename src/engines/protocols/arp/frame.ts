// ARP packet layout (RFC 826): hardware and protocol types and sizes, opcode, then the
// sender and target hardware and protocol addresses.
import { ipv4Text, macText } from '../packet/address-text.js';
import { ARP_HTYPE_ETHERNET, ARP_IPV4_BYTES, ARP_PTYPE_IPV4 } from './constants.js';

/** Fields of an Ethernet/IPv4 ARP packet. */
export interface ArpFrame {
  opcode: number;
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

/** Parses an ARP body; returns a problem sentence when it is not Ethernet/IPv4 ARP. */
export function parseArpFrame(b: Uint8Array): ArpFrame | string {
  if (b.length < 8) return `ARP header cut short (${b.length} bytes)`;
  const htype = (b[0]! << 8) | b[1]!;
  const ptype = (b[2]! << 8) | b[3]!;
  if (htype !== ARP_HTYPE_ETHERNET || ptype !== ARP_PTYPE_IPV4 || b[4] !== 6 || b[5] !== 4) {
    return `ARP for hardware type ${htype} / protocol 0x${ptype.toString(16)} is not Ethernet/IPv4`;
  }
  if (b.length < ARP_IPV4_BYTES) return `ARP packet cut short (${b.length} of 28 bytes)`;
  return {
    opcode: (b[6]! << 8) | b[7]!,
    senderMac: macText(b, 8),
    senderIp: ipv4Text(b, 14),
    targetMac: macText(b, 18),
    targetIp: ipv4Text(b, 24),
  };
}
