// The decoding pipeline for one capture or live feed: packet layers → flow table → TCP
// reassembly → application decoders. Results go to a TrafficSink; per-protocol message and
// error counts are kept for summaries. Describes traffic only; judging it is detection's job.
import type { CapturedPacket } from './capture/captured-packet.js';
import type { Flow } from './flow/flow.js';
import { DEFAULT_FLOW_TABLE_OPTIONS, FlowTable } from './flow/flow-table.js';
import type { StreamSink } from './flow/tcp-stream.js';
import type { MessageMeta, ProtocolAnomaly, DecodeContext } from './message-meta.js';
import type { DecodedPacket } from './packet/decoded-packet.js';
import { decodePacket } from './packet/packet-decoder.js';
import { ProtocolPorts, type PortAssignment } from './protocol-ports.js';
import { createSession, type AppSession, type ProtocolMessage } from './app-sessions.js';
import { decodeArp } from './arp/decoder.js';

/** Receives everything the decoder produces, in capture order. */
export interface TrafficSink {
  packet?(p: DecodedPacket, flow: Flow | undefined): void;
  message?(m: ProtocolMessage): void;
  anomaly?(a: ProtocolAnomaly): void;
  flowEnded?(flow: Flow): void;
}

/** Application messages decoded and errors found, per protocol. */
export interface ProtocolCounts {
  messages: number;
  errors: number;
}

/** Options of a TrafficDecoder. */
export interface TrafficDecoderOptions {
  ports?: PortAssignment;
}

/** Decodes packets one at a time, keeping flows and protocol sessions between them. */
export class TrafficDecoder implements DecodeContext<ProtocolMessage> {
  /** Counts per protocol name (`modbus`, `dnp3`, `iec104`, `mqtt`, `dns`, `arp`, `packet`). */
  readonly counts: Record<string, ProtocolCounts> = {};
  private readonly flows: FlowTable;
  private readonly ports: ProtocolPorts;
  private flow: Flow | undefined;
  private metaPacket = 0;
  private metaTsMs = 0;
  private metaToServer: MessageMeta | undefined;
  private metaToClient: MessageMeta | undefined;
  private readonly toServerSink: StreamSink = (data, gap) => (this.flow!.session as AppSession).data(data, gap, true);
  private readonly toClientSink: StreamSink = (data, gap) => (this.flow!.session as AppSession).data(data, gap, false);

  constructor(
    private readonly sink: TrafficSink = {},
    options: TrafficDecoderOptions = {},
  ) {
    this.ports = new ProtocolPorts(options.ports);
    const ports = this.ports;
    this.flows = new FlowTable((flow) => this.flowEnded(flow), {
      ...DEFAULT_FLOW_TABLE_OPTIONS,
      isServicePort: (port, transport) => ports.lookup(port, transport) !== undefined,
    });
  }

  /** Decodes one captured packet and everything it completes. */
  decode(captured: CapturedPacket): DecodedPacket {
    const p = decodePacket(captured);
    this.metaToServer = this.metaToClient = undefined;
    this.metaPacket = p.number;
    this.metaTsMs = p.tsMs;
    if (p.problem) this.count('packet', p.problem, this.packetMeta(p));
    if (p.etherType === 0x0806) {
      this.sink.packet?.(p, undefined);
      this.arp(p);
      return p;
    }
    const flow = this.flows.track(p);
    this.sink.packet?.(p, flow);
    if (flow && !p.fragment && p.payload.length > 0) this.application(flow, p);
    return p;
  }

  /** Ends every open flow, delivering data still held for reassembly. Call at the end of a capture. */
  finish(): void {
    this.flows.endAll();
  }

  /** Open flows. */
  get openFlows(): number {
    return this.flows.size;
  }

  meta(fromClient: boolean): MessageMeta {
    const cached = fromClient ? this.metaToServer : this.metaToClient;
    if (cached) return cached;
    const f = this.flow!;
    const m: MessageMeta = {
      packet: this.metaPacket,
      tsMs: this.metaTsMs,
      srcMac: fromClient ? f.clientMac : f.serverMac,
      dstMac: fromClient ? f.serverMac : f.clientMac,
      srcIp: fromClient ? f.clientIp : f.serverIp,
      dstIp: fromClient ? f.serverIp : f.clientIp,
      srcPort: fromClient ? f.clientPort : f.serverPort,
      dstPort: fromClient ? f.serverPort : f.clientPort,
      transport: f.transport === 'udp' ? 'udp' : 'tcp',
      flowId: f.id,
      fromClient,
    };
    if (fromClient) this.metaToServer = m;
    else this.metaToClient = m;
    return m;
  }

  message(m: ProtocolMessage): void {
    this.countsOf(m.protocol).messages++;
    this.sink.message?.(m);
  }

  anomaly(protocol: string, reason: string, fromClient: boolean): void {
    this.count(protocol, reason, this.meta(fromClient));
  }

  private count(protocol: string, reason: string, meta: MessageMeta): void {
    this.countsOf(protocol).errors++;
    this.sink.anomaly?.({ protocol, meta, reason });
  }

  private countsOf(protocol: string): ProtocolCounts {
    let c = this.counts[protocol];
    if (!c) c = this.counts[protocol] = { messages: 0, errors: 0 };
    return c;
  }

  private arp(p: DecodedPacket): void {
    const meta = this.packetMeta(p);
    const { message, problem } = decodeArp(p.payload, meta);
    if (message) {
      meta.srcIp = message.senderIp;
      meta.dstIp = message.targetIp;
      this.message(message);
    }
    if (problem) this.count('arp', problem, meta);
  }

  private application(flow: Flow, p: DecodedPacket): void {
    if (flow.session === undefined) {
      const name = this.ports.lookup(flow.serverPort, flow.transport);
      flow.application = name ?? '';
      flow.session = name ? createSession(name, flow.transport, this) : null;
    }
    if (!flow.session) return;
    this.flow = flow;
    const fromClient = flow.fromClient(p.ipSrc, p.srcPort);
    if (flow.transport === 'tcp') {
      if (fromClient) flow.toServer!.segment(p.tcpSeq, p.payload, this.toServerSink);
      else flow.toClient!.segment(p.tcpSeq, p.payload, this.toClientSink);
    } else {
      (flow.session as AppSession).data(p.payload, true, fromClient);
    }
  }

  private flowEnded(flow: Flow): void {
    if (flow.session && flow.transport === 'tcp') {
      const saved = [this.flow, this.metaPacket, this.metaTsMs, this.metaToServer, this.metaToClient] as const;
      this.flow = flow;
      this.metaPacket = flow.lastPacket;
      this.metaTsMs = flow.lastTsMs;
      this.metaToServer = this.metaToClient = undefined;
      flow.toServer!.flush(this.toServerSink);
      flow.toClient!.flush(this.toClientSink);
      [this.flow, this.metaPacket, this.metaTsMs, this.metaToServer, this.metaToClient] = saved;
    }
    this.sink.flowEnded?.(flow);
  }

  private packetMeta(p: DecodedPacket): MessageMeta {
    return {
      packet: p.number,
      tsMs: p.tsMs,
      srcMac: p.macSrc,
      dstMac: p.macDst,
      srcIp: p.ipSrc,
      dstIp: p.ipDst,
      srcPort: p.srcPort,
      dstPort: p.dstPort,
      transport: p.transport === 'tcp' || p.transport === 'udp' ? p.transport : 'none',
      flowId: 0,
      fromClient: true,
    };
  }
}
