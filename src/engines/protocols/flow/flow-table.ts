// The flow table: finds or creates the Flow of each packet, decides which side is the client,
// and ends flows that closed or went idle so memory stays bounded on endless live captures.
import type { DecodedPacket } from '../packet/decoded-packet.js';
import { TCP_FLAG } from '../packet/decoded-packet.js';
import { Flow } from './flow.js';

/** Idle times after which a flow is ended, and the most flows kept at once. */
export interface FlowTableOptions {
  tcpIdleMs: number;
  tcpClosedMs: number;
  udpIdleMs: number;
  maxFlows: number;
  /** True when `port` is a known service port (its side is the server when no SYN says otherwise). */
  isServicePort: (port: number, transport: string) => boolean;
}

/** Defaults: TCP idle 5 min, closed TCP 2 s, UDP and others 1 min, 200,000 flows. */
export const DEFAULT_FLOW_TABLE_OPTIONS: FlowTableOptions = {
  tcpIdleMs: 300_000,
  tcpClosedMs: 2_000,
  udpIdleMs: 60_000,
  maxFlows: 200_000,
  isServicePort: () => false,
};

const SWEEP_EVERY_MS = 1_000;

/** Tracks flows; `onEnd` receives each flow once, when it ends or at `endAll`. */
export class FlowTable {
  private readonly flows = new Map<string, Flow>();
  private nextId = 1;
  private lastSweepMs = 0;

  constructor(
    private readonly onEnd: (flow: Flow) => void,
    private readonly options: FlowTableOptions = DEFAULT_FLOW_TABLE_OPTIONS,
  ) {}

  /** Flows currently open. */
  get size(): number {
    return this.flows.size;
  }

  /** Returns the packet's flow (creating it), updated with the packet; undefined without IP. */
  track(p: DecodedPacket): Flow | undefined {
    if (p.ipVersion === 0) return undefined;
    if (p.tsMs - this.lastSweepMs >= SWEEP_EVERY_MS) this.sweep(p.tsMs);
    const forward = p.ipSrc < p.ipDst || (p.ipSrc === p.ipDst && p.srcPort <= p.dstPort);
    const key = forward
      ? `${p.ipProto} ${p.ipSrc} ${p.srcPort} ${p.ipDst} ${p.dstPort}`
      : `${p.ipProto} ${p.ipDst} ${p.dstPort} ${p.ipSrc} ${p.srcPort}`;
    let flow = this.flows.get(key);
    const syn = p.transport === 'tcp' && (p.tcpFlags & (TCP_FLAG.syn | TCP_FLAG.ack)) === TCP_FLAG.syn;
    if (flow && syn && flow.closed && !(p.tcpSeq === flow.clientIsn && flow.fromClient(p.ipSrc, p.srcPort))) {
      this.end(flow);
      flow = undefined;
    }
    if (!flow) flow = this.create(key, p);
    const toServer = flow.fromClient(p.ipSrc, p.srcPort);
    flow.lastTsMs = p.tsMs;
    flow.lastPacket = p.number;
    if (toServer) {
      flow.clientMac = p.macSrc;
      flow.serverMac = p.macDst;
      flow.packetsToServer++;
      flow.bytesToServer += p.wireLength;
    } else {
      flow.clientMac = p.macDst;
      flow.serverMac = p.macSrc;
      flow.packetsToClient++;
      flow.bytesToClient += p.wireLength;
    }
    if (p.transport === 'tcp') this.trackTcpFlags(flow, p, toServer);
    return flow;
  }

  /** Ends every flow (end of capture). */
  endAll(): void {
    for (const flow of [...this.flows.values()]) this.end(flow);
  }

  private trackTcpFlags(flow: Flow, p: DecodedPacket, toServer: boolean): void {
    const f = p.tcpFlags;
    if (f & TCP_FLAG.syn) {
      flow.synSeen = true;
      if (toServer && !(f & TCP_FLAG.ack)) flow.clientIsn = p.tcpSeq;
      (toServer ? flow.toServer : flow.toClient)!.syn(p.tcpSeq);
    }
    if (f & TCP_FLAG.rst) flow.rstSeen = true;
    if (f & TCP_FLAG.fin) {
      if (toServer) flow.finFromClient = true;
      else flow.finFromServer = true;
    }
  }

  private create(key: string, p: DecodedPacket): Flow {
    if (this.flows.size >= this.options.maxFlows) {
      const oldest = this.flows.values().next().value;
      if (oldest) this.end(oldest);
    }
    const srcIsClient = this.sourceIsClient(p);
    const flow = srcIsClient
      ? new Flow(this.nextId++, key, p.transport, p.ipSrc, p.srcPort, p.ipDst, p.dstPort, p.tsMs)
      : new Flow(this.nextId++, key, p.transport, p.ipDst, p.dstPort, p.ipSrc, p.srcPort, p.tsMs);
    this.flows.set(key, flow);
    return flow;
  }

  /** SYN decides; otherwise the known service port, then the lower port, is the server's. */
  private sourceIsClient(p: DecodedPacket): boolean {
    if (p.transport === 'tcp' && p.tcpFlags & TCP_FLAG.syn) return (p.tcpFlags & TCP_FLAG.ack) === 0;
    const service = this.options.isServicePort;
    const dstKnown = service(p.dstPort, p.transport);
    if (dstKnown !== service(p.srcPort, p.transport)) return dstKnown;
    return p.srcPort >= p.dstPort;
  }

  private sweep(nowMs: number): void {
    this.lastSweepMs = nowMs;
    const o = this.options;
    for (const flow of this.flows.values()) {
      const idle = nowMs - flow.lastTsMs;
      const limit = flow.transport === 'tcp' ? (flow.closed ? o.tcpClosedMs : o.tcpIdleMs) : o.udpIdleMs;
      if (idle > limit) this.end(flow);
    }
  }

  private end(flow: Flow): void {
    this.flows.delete(flow.key);
    this.onEnd(flow);
  }
}
