// IEC 60870-5-104 decoder: frames each direction by the APCI length, reads the control field and,
// for I-frames, the ASDU. Sequence numbers are reported as seen; gaps are detection's business.
import type { DecodeContext } from '../message-meta.js';
import { PduFramer } from '../flow/pdu-framer.js';
import { decodeAsdu } from './asdu.js';
import type { Iec104Message } from './events.js';
import { iec104Length, iec104Resync, parseApci } from './frame.js';

/** Decodes one APDU cut by iec104Length. */
export function decodeIec104Apdu(apdu: Uint8Array, meta: Iec104Message['meta']): { message?: Iec104Message; problem?: string } {
  const apci = parseApci(apdu);
  if (typeof apci === 'string') return { problem: apci };
  const message: Iec104Message = { protocol: 'iec104', meta, ...apci };
  if (apci.format !== 'I') return { message };
  const { asdu, problem } = decodeAsdu(apdu.subarray(6));
  if (asdu) message.asdu = asdu;
  return problem ? { message, problem } : { message };
}

/** IEC-104 state of one TCP connection. */
export class Iec104Session {
  private readonly framers: [PduFramer, PduFramer];

  constructor(private readonly ctx: DecodeContext<Iec104Message>) {
    const make = (fromClient: boolean) =>
      new PduFramer(iec104Length, iec104Resync, (apdu) => this.apdu(apdu, fromClient), (n, why) => ctx.anomaly('iec104', `${n} ${why}`, fromClient));
    this.framers = [make(true), make(false)];
  }

  /** Accepts reassembled stream bytes of one direction. */
  data(bytes: Uint8Array, gapBefore: boolean, fromClient: boolean): void {
    this.framers[fromClient ? 0 : 1].push(bytes, gapBefore);
  }

  private apdu(apdu: Uint8Array, fromClient: boolean): void {
    const { message, problem } = decodeIec104Apdu(apdu, this.ctx.meta(fromClient));
    if (message) this.ctx.message(message);
    if (problem) this.ctx.anomaly('iec104', problem, fromClient);
  }
}
