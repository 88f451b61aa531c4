// DNP3 decoder: link frames (CRC-checked) → transport reassembly per link address pair →
// application header and objects. Runs over TCP streams and UDP datagrams alike.
import type { DecodeContext } from '../message-meta.js';
import { PduFramer } from '../flow/pdu-framer.js';
import { DNP3_FUNCTIONS, DNP3_HEADERS_ONLY, DNP3_IIN_FLAGS, DNP3_LINK_PRIMARY, DNP3_LINK_SECONDARY } from './constants.js';
import type { Dnp3Application, Dnp3Message } from './events.js';
import { dnp3Length, dnp3Resync, parseDnp3Frame, type Dnp3LinkFrame } from './frame.js';
import { parseObjects } from './objects.js';
import { Dnp3Transport } from './transport.js';

/** Link functions that carry user data. */
const USER_DATA_FUNCTIONS = new Set([3, 4]);

/** Decodes an application fragment (§4.2.2): control, function, IIN for responses, objects. */
export function decodeDnp3Application(fragment: Uint8Array): { application?: Dnp3Application; problem?: string } {
  if (fragment.length < 2) return { problem: 'application fragment shorter than its header' };
  const control = fragment[0]!;
  const functionCode = fragment[1]!;
  const known = DNP3_FUNCTIONS[functionCode];
  const response = functionCode >= 129 && functionCode <= 131;
  const app: Dnp3Application = {
    fir: (control & 0x80) !== 0,
    fin: (control & 0x40) !== 0,
    con: (control & 0x20) !== 0,
    uns: (control & 0x10) !== 0,
    seq: control & 0x0f,
    functionCode,
    functionName: known?.name ?? `unknown_${functionCode}`,
    operation: known?.operation ?? 'other',
    objects: [],
  };
  let off = 2;
  if (response) {
    if (fragment.length < 4) return { application: app, problem: 'response without internal indications' };
    app.iin = (fragment[2]! << 8) | fragment[3]!;
    app.iinFlags = DNP3_IIN_FLAGS.filter(([bit]) => (app.iin! & bit) !== 0).map(([, name]) => name);
    off = 4;
  }
  const { objects, problem } = parseObjects(fragment, off, !DNP3_HEADERS_ONLY.has(functionCode));
  app.objects = objects;
  if (!known) return { application: app, problem: `application function code ${functionCode} is not defined` };
  return problem ? { application: app, problem } : { application: app };
}

/** DNP3 state of one TCP connection or UDP flow. */
export class Dnp3Session {
  private readonly framers: [PduFramer, PduFramer];
  /** Transport reassembly per source→destination link address pair. */
  private readonly transports = new Map<number, Dnp3Transport>();

  constructor(private readonly ctx: DecodeContext<Dnp3Message>) {
    const make = (fromClient: boolean) =>
      new PduFramer(dnp3Length, dnp3Resync, (frame) => this.frame(frame, fromClient), (n, why) => ctx.anomaly('dnp3', `${n} ${why}`, fromClient));
    this.framers = [make(true), make(false)];
  }

  /** Accepts reassembled stream bytes or one datagram of one direction. */
  data(bytes: Uint8Array, gapBefore: boolean, fromClient: boolean): void {
    this.framers[fromClient ? 0 : 1].push(bytes, gapBefore);
  }

  private frame(bytes: Uint8Array, fromClient: boolean): void {
    const parsed = parseDnp3Frame(bytes);
    if (typeof parsed === 'string') {
      this.ctx.anomaly('dnp3', parsed, fromClient);
      return;
    }
    const message = this.linkMessage(parsed, fromClient);
    if (!USER_DATA_FUNCTIONS.has(message.linkFunction) || !message.primary) {
      this.ctx.message(message);
      return;
    }
    const key = parsed.source * 65536 + parsed.destination;
    let transport = this.transports.get(key);
    if (!transport) this.transports.set(key, (transport = new Dnp3Transport()));
    const seg = transport.segment(parsed.userData);
    if (seg.kind === 'problem' || seg.problem) this.ctx.anomaly('dnp3', seg.kind === 'problem' ? seg.problem : seg.problem!, fromClient);
    if (seg.kind !== 'fragment') return;
    message.transportSeq = seg.seq;
    message.segments = seg.segments;
    const { application, problem } = decodeDnp3Application(seg.fragment);
    if (application) message.application = application;
    this.ctx.message(message);
    if (problem) this.ctx.anomaly('dnp3', problem, fromClient);
  }

  private linkMessage(f: Dnp3LinkFrame, fromClient: boolean): Dnp3Message {
    const primary = (f.control & 0x40) !== 0;
    const linkFunction = f.control & 0x0f;
    const names = primary ? DNP3_LINK_PRIMARY : DNP3_LINK_SECONDARY;
    return {
      protocol: 'dnp3',
      meta: this.ctx.meta(fromClient),
      source: f.source,
      destination: f.destination,
      fromMaster: (f.control & 0x80) !== 0,
      primary,
      linkFunction,
      linkFunctionName: names[linkFunction] ?? `unknown_${linkFunction}`,
    };
  }
}
