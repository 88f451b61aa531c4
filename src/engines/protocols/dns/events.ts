// Typed DNS messages.
import type { MessageMeta } from '../message-meta.js';

/** One question of a query. */
export interface DnsQuestion {
  name: string;
  /** Record type name (`A`, `AAAA`, ...) or `TYPE<n>`. */
  type: string;
}

/** One answer record; `data` is text for A, AAAA, CNAME, NS, PTR and MX, else absent. */
export interface DnsAnswer {
  name: string;
  type: string;
  ttl: number;
  data?: string;
}

/** One DNS message (query or response). */
export interface DnsMessage {
  protocol: 'dns';
  meta: MessageMeta;
  id: number;
  /** True for a response (QR bit). */
  response: boolean;
  opcode: number;
  /** Response code number and name (`NOERROR`, `NXDOMAIN`, ...). */
  rcode: number;
  rcodeName: string;
  authoritative: boolean;
  truncated: boolean;
  questions: DnsQuestion[];
  answers: DnsAnswer[];
  /** Authority and additional record counts as the header states them. */
  authorityCount: number;
  additionalCount: number;
}
