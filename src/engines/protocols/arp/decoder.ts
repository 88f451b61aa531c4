// ARP decoder: who claims which IPv4 address. Describes; spoofing is for detection to judge.
import type { MessageMeta } from '../message-meta.js';
import { ARP_OPERATIONS } from './constants.js';
import type { ArpMessage } from './events.js';
import { parseArpFrame } from './frame.js';

/** Decodes the ARP body of one frame. */
export function decodeArp(body: Uint8Array, meta: MessageMeta): { message?: ArpMessage; problem?: string } {
  const f = parseArpFrame(body);
  if (typeof f === 'string') return { problem: f };
  const operation = ARP_OPERATIONS[f.opcode] ?? `unknown_${f.opcode}`;
  const message: ArpMessage = { protocol: 'arp', meta, operation, ...f, gratuitous: f.senderIp === f.targetIp };
  return ARP_OPERATIONS[f.opcode] ? { message } : { message, problem: `ARP opcode ${f.opcode} is not defined` };
}
