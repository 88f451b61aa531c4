// DNS decoder for UDP datagrams and TCP streams (2-byte length prefix, RFC 1035 §4.2.2).
import type { DecodeContext } from '../message-meta.js';
import { PduFramer } from '../flow/pdu-framer.js';
import { DNS_HEADER_BYTES, DNS_RCODES, DNS_TYPES } from './constants.js';
import type { DnsAnswer, DnsMessage, DnsQuestion } from './events.js';
import { DnsReader } from './frame.js';

/** Most questions or answers decoded from one message. */
const MAX_RECORDS = 64;

/** Decodes one DNS message; a problem names the first field that did not fit. */
export function decodeDnsMessage(b: Uint8Array, meta: DnsMessage['meta']): { message?: DnsMessage; problem?: string } {
  if (b.length < DNS_HEADER_BYTES) return { problem: `DNS header cut short (${b.length} of 12 bytes)` };
  const flags = (b[2]! << 8) | b[3]!;
  const qd = (b[4]! << 8) | b[5]!;
  const an = (b[6]! << 8) | b[7]!;
  const rcode = flags & 0x0f;
  const message: DnsMessage = {
    protocol: 'dns',
    meta,
    id: (b[0]! << 8) | b[1]!,
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0x0f,
    rcode,
    rcodeName: DNS_RCODES[rcode] ?? `RCODE${rcode}`,
    authoritative: (flags & 0x0400) !== 0,
    truncated: (flags & 0x0200) !== 0,
    questions: [],
    answers: [],
    authorityCount: (b[8]! << 8) | b[9]!,
    additionalCount: (b[10]! << 8) | b[11]!,
  };
  const r = new DnsReader(b, DNS_HEADER_BYTES);
  for (let i = 0; i < qd; i++) {
    const q = question(r);
    if (!q) return { message, problem: `DNS question ${i + 1} of ${qd} cut short or malformed` };
    if (message.questions.length < MAX_RECORDS) message.questions.push(q);
  }
  for (let i = 0; i < an; i++) {
    const a = answer(r);
    if (!a) return { message, problem: `DNS answer ${i + 1} of ${an} cut short or malformed` };
    if (message.answers.length < MAX_RECORDS) message.answers.push(a);
  }
  return { message };
}

function question(r: DnsReader): DnsQuestion | undefined {
  const name = r.name();
  const type = r.u16();
  const cls = r.u16();
  if (name === undefined || type === undefined || cls === undefined) return undefined;
  return { name, type: DNS_TYPES[type] ?? `TYPE${type}` };
}

function answer(r: DnsReader): DnsAnswer | undefined {
  const name = r.name();
  const type = r.u16();
  r.u16();
  const ttl = r.u32();
  const length = r.u16();
  if (name === undefined || type === undefined || ttl === undefined || length === undefined) return undefined;
  if (r.off + length > r.b.length) return undefined;
  const data = r.rdata(type, length);
  const a: DnsAnswer = { name, type: DNS_TYPES[type] ?? `TYPE${type}`, ttl };
  if (data !== undefined) a.data = data;
  return a;
}

/** DNS on one flow: whole datagrams over UDP, length-prefixed messages over TCP. */
export class DnsSession {
  private readonly framers: [PduFramer, PduFramer] | undefined;

  constructor(
    private readonly ctx: DecodeContext<DnsMessage>,
    tcp: boolean,
  ) {
    if (tcp) {
      const length = (b: Uint8Array, off: number, avail: number) => (avail < 2 ? 0 : avail >= 2 + ((b[off]! << 8) | b[off + 1]!) ? 2 + ((b[off]! << 8) | b[off + 1]!) : 0);
      const resync = (_b: Uint8Array, from: number) => (from === 0 ? 0 : -1);
      const make = (fromClient: boolean) =>
        new PduFramer(length, resync, (pdu) => this.decode(pdu.subarray(2), fromClient), (n, why) => ctx.anomaly('dns', `${n} ${why}`, fromClient));
      this.framers = [make(true), make(false)];
    }
  }

  /** Accepts one datagram, or reassembled TCP bytes. */
  data(bytes: Uint8Array, gapBefore: boolean, fromClient: boolean): void {
    if (this.framers) this.framers[fromClient ? 0 : 1].push(bytes, gapBefore);
    else this.decode(bytes, fromClient);
  }

  private decode(b: Uint8Array, fromClient: boolean): void {
    const { message, problem } = decodeDnsMessage(b, this.ctx.meta(fromClient));
    if (message) this.ctx.message(message);
    if (problem) this.ctx.anomaly('dns', problem, fromClient);
  }
}
