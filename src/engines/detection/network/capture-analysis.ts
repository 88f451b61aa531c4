// What `cityguard analyze` reports about a capture: hosts and their roles, connections, message
// and error counts per protocol, candidate assets for the inventory and findings that need no
// learning (damage, malformed messages, control commands seen, scans, sequence breaks, cleartext
// credentials). Fed by TrafficDecoder callbacks; `report` builds the result.
import type { CaptureSummary, DecodedPacket, Flow, ProtocolAnomaly, ProtocolCounts, ProtocolMessage } from '../../protocols/index.js';
import { PROTOCOL_NAMES, TCP_FLAG } from '../../protocols/index.js';
import { toControlMessage } from './baseline/control-message.js';
import { ScanDetector } from './baseline/scan-detector.js';
import { SequenceChecker } from './baseline/sequence-checker.js';
import { AssetCandidates, type AssetCandidate } from './asset-candidates.js';
import { FindingTally, type AnalysisFinding } from './finding-tally.js';

/** One host seen in the capture. */
export interface HostSummary {
  ip: string;
  macs: string[];
  packetsSent: number;
  packetsReceived: number;
  bytesSent: number;
  bytesReceived: number;
  protocols: string[];
  roles: string[];
}

/** One connection (flow). */
export interface ConnectionSummary {
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  transport: string;
  protocol: string;
  packets: number;
  bytes: number;
  firstTs: string;
  lastTs: string;
}

/** The whole analysis, as `analyze --json` prints it. */
export interface CaptureReport {
  capture: { source: string; format: string; packets: number; bytes: number; firstTs?: string; lastTs?: string; durationS: number; stoppedEarly?: string };
  protocols: Record<string, ProtocolCounts>;
  transports: Record<string, number>;
  hosts: HostSummary[];
  connections: ConnectionSummary[];
  connectionsTotal: number;
  assetCandidates: AssetCandidate[];
  findings: AnalysisFinding[];
}

/** Collects a capture's description while it is decoded. */
export class CaptureAnalysis {
  private readonly hosts = new Map<string, HostSummary & { protocolSet: Set<string>; roleSet: Set<string>; macSet: Set<string> }>();
  private readonly connections: ConnectionSummary[] = [];
  private readonly transports: Record<string, number> = {};
  private readonly scans = new ScanDetector();
  private readonly sequences = new SequenceChecker();
  private readonly candidates = new AssetCandidates();
  private readonly tally = new FindingTally();
  private firstTs = Number.NaN;
  private lastTs = Number.NaN;

  /** Records one packet. */
  packet(p: DecodedPacket): void {
    if (this.firstTs !== this.firstTs) this.firstTs = p.tsMs;
    this.lastTs = p.tsMs;
    const t = p.etherType === 0x0806 ? 'arp' : p.transport === 'none' ? 'other' : p.transport;
    this.transports[t] = (this.transports[t] ?? 0) + 1;
    if (!p.ipVersion) return;
    const src = this.host(p.ipSrc);
    src.packetsSent++;
    src.bytesSent += p.wireLength;
    if (p.macSrc) src.macSet.add(p.macSrc);
    const dst = this.host(p.ipDst);
    dst.packetsReceived++;
    dst.bytesReceived += p.wireLength;
    if (p.transport === 'tcp' && (p.tcpFlags & (TCP_FLAG.syn | TCP_FLAG.ack)) === TCP_FLAG.syn) this.tally.add(this.scans.syn(p.ipSrc, p.ipDst, p.dstPort, p.number, p.tsMs));
  }

  /** Records one decoded message. */
  message(m: ProtocolMessage): void {
    if (m.protocol === 'arp') {
      if (m.opcode === 1) this.tally.add(this.scans.arp(m.senderIp, m.targetIp, m.meta.packet, m.meta.tsMs));
      return;
    }
    this.host(m.meta.srcIp).protocolSet.add(m.protocol);
    this.host(m.meta.dstIp).protocolSet.add(m.protocol);
    this.candidates.message(m);
    this.tally.add(this.sequences.check(m));
    if (m.protocol === 'mqtt' && m.packetType === 1 && m.passwordPresent) this.tally.cleartextCredentials(m);
    const c = toControlMessage(m);
    if (!c) return;
    this.host(c.master).roleSet.add(`${c.protocol} master`);
    this.host(c.slave).roleSet.add(`${c.protocol} ${c.protocol === 'dnp3' ? 'outstation' : c.protocol === 'iec104' ? 'controlled station' : 'server'}`);
    this.tally.control(c);
    this.tally.add(this.scans.control(c));
  }

  /** Records a malformed message. */
  anomaly(a: ProtocolAnomaly): void {
    this.tally.protocolAnomaly(a);
  }

  /** Records a finished connection. */
  flowEnded(f: Flow): void {
    this.connections.push({
      client: f.clientIp,
      clientPort: f.clientPort,
      server: f.serverIp,
      serverPort: f.serverPort,
      transport: f.transport,
      protocol: f.application,
      packets: f.packets,
      bytes: f.bytesToClient + f.bytesToServer,
      firstTs: new Date(f.firstTsMs).toISOString(),
      lastTs: new Date(f.lastTsMs).toISOString(),
    });
  }

  /** The report; `connectionLimit` keeps the busiest connections (industrial ones always stay). */
  report(source: string, summary: CaptureSummary, counts: Record<string, ProtocolCounts>, connectionLimit = 50): CaptureReport {
    if (summary.stop) this.tally.captureStop(summary.stop);
    for (const h of this.hosts.values()) {
      for (const role of h.roleSet) {
        const protocol = role.split(' ')[0]!;
        if (role.endsWith('master') && [...h.roleSet].some((r) => r.startsWith(protocol) && !r.endsWith('master'))) this.tally.dualRole(h.ip, protocol);
      }
    }
    const protocols: Record<string, ProtocolCounts> = {};
    for (const name of [...PROTOCOL_NAMES, 'arp']) protocols[name] = counts[name] ?? { messages: 0, errors: 0 };
    for (const [name, c] of Object.entries(counts)) protocols[name] ??= c;
    const industrial = (c: ConnectionSummary) => c.protocol === 'modbus' || c.protocol === 'dnp3' || c.protocol === 'iec104';
    const busiest = [...this.connections].sort((a, b) => b.bytes - a.bytes);
    const kept = [...busiest.filter(industrial), ...busiest.filter((c) => !industrial(c))].slice(0, Math.max(connectionLimit, busiest.filter(industrial).length));
    const capture: CaptureReport['capture'] = { source, format: summary.format, packets: summary.packets, bytes: summary.bytes, durationS: 0 };
    if (this.firstTs === this.firstTs) {
      capture.firstTs = new Date(this.firstTs).toISOString();
      capture.lastTs = new Date(this.lastTs).toISOString();
      capture.durationS = Math.round(this.lastTs - this.firstTs) / 1000;
    }
    if (summary.stop) capture.stoppedEarly = summary.stop.message;
    return {
      capture,
      protocols,
      transports: this.transports,
      hosts: [...this.hosts.values()]
        .map(({ protocolSet, roleSet, macSet, ...h }) => ({ ...h, macs: [...macSet], protocols: [...protocolSet].sort(), roles: [...roleSet].sort() }))
        .sort((a, b) => b.packetsSent + b.packetsReceived - (a.packetsSent + a.packetsReceived)),
      connections: kept,
      connectionsTotal: this.connections.length,
      assetCandidates: this.candidates.list(this.hosts),
      findings: this.tally.list(),
    };
  }

  private host(ip: string): HostSummary & { protocolSet: Set<string>; roleSet: Set<string>; macSet: Set<string> } {
    let h = this.hosts.get(ip);
    if (!h) {
      h = { ip, macs: [], packetsSent: 0, packetsReceived: 0, bytesSent: 0, bytesReceived: 0, protocols: [], roles: [], protocolSet: new Set(), roleSet: new Set(), macSet: new Set() };
      this.hosts.set(ip, h);
    }
    return h;
  }
}
