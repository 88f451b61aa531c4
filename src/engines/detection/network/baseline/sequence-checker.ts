// Sequence numbers that must advance one by one: IEC 60870-5-104 N(S) of I-frames per connection
// and direction (§5.1, modulo 32,768) and DNP3 application sequence per master–outstation pair
// (IEEE 1815 §4.2.2.4.3, modulo 16). Gaps mean lost or removed messages, repeats mean replays,
// steps backwards mean reordering — each a sign of an adversary in the middle.
import type { Dnp3Message, Iec104Message, ProtocolMessage } from '../../../protocols/index.js';
import type { NetworkFinding } from '../network-finding.js';

/** Checks sequence numbers of IEC-104 and DNP3 messages. */
export class SequenceChecker {
  private readonly iec104 = new Map<string, number>();
  private readonly dnp3Requests = new Map<string, number>();

  /** A finding when the message's sequence number does not follow the previous one. */
  check(m: ProtocolMessage): NetworkFinding | undefined {
    if (m.protocol === 'iec104') return this.checkIec104(m);
    if (m.protocol === 'dnp3') return this.checkDnp3(m);
    return undefined;
  }

  private checkIec104(m: Iec104Message): NetworkFinding | undefined {
    if (m.format !== 'I' || m.sendSeq === undefined) return undefined;
    const key = `${m.meta.flowId}|${m.meta.fromClient}`;
    const last = this.iec104.get(key);
    this.iec104.set(key, m.sendSeq);
    if (last === undefined) return undefined;
    const step = (m.sendSeq - last + 32768) % 32768;
    if (step === 1) return undefined;
    return this.finding(m, 'IEC 60870-5-104 N(S)', last, m.sendSeq, step === 0 ? 'repeat' : step > 16384 ? 'backwards' : 'gap', `${m.meta.flowId}`);
  }

  private checkDnp3(m: Dnp3Message): NetworkFinding | undefined {
    const a = m.application;
    if (!a || !m.fromMaster || a.functionCode === 0) return undefined;
    const key = `${m.source}|${m.destination}|${m.meta.srcIp}|${m.meta.dstIp}`;
    const last = this.dnp3Requests.get(key);
    this.dnp3Requests.set(key, a.seq);
    if (last === undefined) return undefined;
    const step = (a.seq - last + 16) % 16;
    if (step === 1) return undefined;
    return this.finding(m, 'DNP3 application sequence', last, a.seq, step === 0 ? 'repeat' : step > 8 ? 'backwards' : 'gap', key);
  }

  private finding(m: Iec104Message | Dnp3Message, what: string, last: number, now: number, how: 'gap' | 'repeat' | 'backwards', key: string): NetworkFinding {
    const words = { gap: 'skipped ahead', repeat: 'repeated', backwards: 'went backwards' }[how];
    return {
      kind: 'sequence',
      packet: m.meta.packet,
      tsMs: m.meta.tsMs,
      severity: how === 'gap' ? 'low' : 'medium',
      technique: 'T0830',
      title: `${what} ${words} from ${last} to ${now} (${m.meta.srcIp} → ${m.meta.dstIp})`,
      what: `Messages from ${m.meta.srcIp} to ${m.meta.dstIp} carry a ${what} that ${words}: ${last} was followed by ${now}.`,
      why: how === 'gap' ? 'Missing messages may have been dropped by a device in the middle, or lost by the capture.' : 'A repeated or out-of-order message can be a replayed or injected command.',
      whatToDo: ['Compare with the device logs whether these messages were really sent.', 'Check the path between the two hosts for an unknown device.'],
      hosts: [m.meta.srcIp, m.meta.dstIp],
      dedupKey: `sequence|${m.protocol}|${key}|${how}`,
      facts: { protocol: m.protocol, previous: last, current: now, kind: how },
    };
  }
}
