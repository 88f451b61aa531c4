// Typed ARP messages.
import type { MessageMeta } from '../message-meta.js';

/** One ARP packet (Ethernet/IPv4). */
export interface ArpMessage {
  protocol: 'arp';
  /** `srcIp`/`dstIp` hold the sender and target protocol addresses. */
  meta: MessageMeta;
  /** 1 request, 2 reply, 3–4 RARP. */
  opcode: number;
  /** `request`, `reply`, `rarp_request`, `rarp_reply` or `unknown_<n>`. */
  operation: string;
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
  /** Sender and target IP are the same: an announcement (gratuitous ARP). */
  gratuitous: boolean;
}
