// The full network detector for one capture or live feed: decodes every packet (protocols engine),
// learns protocol baselines, hosts and the Kitsune model from the first `learnPackets` packets,
// then gives a verdict per packet and raises each distinct finding once as an Alert.
import type { Alert, NetworkEvent } from '../../../domain/index.js';
import { severityRank } from '../../../domain/index.js';
import {
  TCP_FLAG,
  TrafficDecoder,
  flowToNetworkEvent,
  messageToNetworkEvent,
  type CapturedPacket,
  type DecodedPacket,
  type Flow,
  type PortAssignment,
  type ProtocolMessage,
} from '../../protocols/index.js';
import { NETWORK_BASELINE_DEFAULTS, type NetworkBaselineOptions } from './baseline/baseline-options.js';
import { toControlMessage } from './baseline/control-message.js';
import { HostInventory } from './baseline/host-inventory.js';
import { PollingTiming } from './baseline/polling-timing.js';
import { ProtocolBaseline } from './baseline/protocol-baseline.js';
import { ScanDetector } from './baseline/scan-detector.js';
import { SequenceChecker } from './baseline/sequence-checker.js';
import { NETWORK_ANOMALY_DEFAULTS, NetworkAnomalyDetector, type NetworkAnomalyOptions } from './kitsune/network-anomaly-detector.js';
import { anomalyFinding } from './anomaly-finding.js';
import { findingToAlert } from './network-alert.js';
import type { NetworkFinding } from './network-finding.js';

/** Shared by every verdict without findings (most packets), so none allocates an array. */
const NO_FINDINGS: NetworkFinding[] = [];

/** Settings of the network detector. */
export interface NetworkDetectorOptions {
  /** Packets of normal traffic to learn from before detecting. */
  learnPackets: number;
  baseline?: Partial<NetworkBaselineOptions>;
  anomaly?: Partial<Omit<NetworkAnomalyOptions, 'learnPackets'>>;
  ports?: PortAssignment;
  /** Asset id of an address when the inventory knows it. */
  assetOf?: (ip: string) => string | undefined;
  /** Produce NetworkEvents (one per message and per finished flow); off for benchmarks. */
  events?: { idPrefix: string; receivedTs: number };
}

/** Verdict on one packet. */
export interface PacketVerdict {
  packet: number;
  tsMs: number;
  learning: boolean;
  /** Kitsune score over its calibrated threshold (0 while learning). */
  anomaly: number;
  /** max(anomaly, 1 + severity rank of the worst baseline finding): above 1 means alert. */
  score: number;
  alert: boolean;
  findings: NetworkFinding[];
}

/** Where the detector's output goes. */
export interface NetworkDetectorSink {
  verdict?(v: PacketVerdict): void;
  alert?(a: Alert): void;
  event?(e: NetworkEvent): void;
}

/** Decodes and judges packets in capture order. */
export class NetworkDetector {
  readonly decoder: TrafficDecoder;
  readonly anomaly: NetworkAnomalyDetector;
  private readonly baseline: ProtocolBaseline;
  private readonly timing: PollingTiming;
  private readonly sequences = new SequenceChecker();
  private readonly scans: ScanDetector;
  private readonly hosts: HostInventory;
  private readonly raised = new Set<string>();
  private findings: NetworkFinding[] = [];
  private packets = 0;
  private messageIndex = 0;
  private anomalyScore = 0;
  private anomalyRatio = 0;

  constructor(
    private readonly o: NetworkDetectorOptions,
    private readonly sink: NetworkDetectorSink = {},
  ) {
    const b = { ...NETWORK_BASELINE_DEFAULTS, ...o.baseline };
    this.baseline = new ProtocolBaseline(b);
    this.timing = new PollingTiming(b);
    this.scans = new ScanDetector(b);
    this.hosts = new HostInventory(b, o.assetOf);
    this.anomaly = new NetworkAnomalyDetector({ ...NETWORK_ANOMALY_DEFAULTS, ...o.anomaly, learnPackets: o.learnPackets });
    this.decoder = new TrafficDecoder(
      {
        packet: (p, f) => this.packet(p, f),
        message: (m) => this.message(m),
        flowEnded: (f) => this.flowEnded(f),
      },
      o.ports ? { ports: o.ports } : {},
    );
  }

  /** True while the first `learnPackets` packets are being learned. */
  get learning(): boolean {
    return this.packets <= this.o.learnPackets;
  }

  /** Processes one captured packet and returns its verdict. */
  push(captured: CapturedPacket): PacketVerdict {
    this.packets++;
    this.findings = NO_FINDINGS;
    this.messageIndex = 0;
    this.decoder.decode(captured);
    if (this.packets === this.o.learnPackets) this.timing.endLearning();
    let worst = 0;
    for (const f of this.findings) if (f.kind !== 'network-anomaly') worst = Math.max(worst, 1 + severityRank(f.severity));
    const v: PacketVerdict = {
      packet: captured.number,
      tsMs: captured.tsMs,
      learning: this.learning,
      anomaly: this.anomalyRatio,
      score: Math.max(this.anomalyRatio, worst),
      alert: this.anomalyRatio > 1 || worst > 1,
      findings: this.findings,
    };
    this.sink.verdict?.(v);
    return v;
  }

  /** Ends the capture: flows are closed and their data delivered. */
  finish(): void {
    this.decoder.finish();
  }

  private packet(p: DecodedPacket, flow: Flow | undefined): void {
    const learning = this.learning;
    const src = p.ipVersion ? p.ipSrc : '';
    const r = this.anomaly.process(p, flow, flow ? flow.fromClient(p.ipSrc, p.srcPort) : true);
    this.anomalyScore = r.score;
    this.anomalyRatio = r.phase === 'detecting' ? r.score / this.anomaly.threshold! : 0;
    if (learning) {
      this.hosts.learn(src);
      return;
    }
    this.add(this.hosts.check(src, p.macSrc, p.number, p.tsMs));
    if (p.transport === 'tcp' && (p.tcpFlags & (TCP_FLAG.syn | TCP_FLAG.ack)) === TCP_FLAG.syn) this.add(this.scans.syn(p.ipSrc, p.ipDst, p.dstPort, p.number, p.tsMs));
    if (r.alert) this.add(anomalyFinding(p, this.anomalyScore, this.anomaly.threshold!, this.anomaly.explainLast()));
  }

  private message(m: ProtocolMessage): void {
    if (this.o.events) this.sink.event?.(messageToNetworkEvent(m, this.messageIndex++, { ...this.o.events, assetOf: this.o.assetOf }));
    const learning = this.learning;
    if (m.protocol === 'arp') {
      if (learning) this.hosts.learn(m.senderIp);
      else if (m.opcode === 1) this.add(this.scans.arp(m.senderIp, m.targetIp, m.meta.packet, m.meta.tsMs));
      return;
    }
    const c = toControlMessage(m);
    if (learning) {
      if (c) {
        this.baseline.learn(c);
        this.timing.observe(c);
      }
      this.sequences.check(m);
      return;
    }
    this.add(this.sequences.check(m));
    if (!c) return;
    for (const f of this.baseline.check(c)) this.add(f);
    this.add(this.timing.observe(c));
    this.add(this.scans.control(c));
  }

  private flowEnded(f: Flow): void {
    if (this.o.events) this.sink.event?.(flowToNetworkEvent(f, { ...this.o.events, assetOf: this.o.assetOf }));
  }

  private add(f: NetworkFinding | undefined): void {
    if (!f) return;
    if (this.findings === NO_FINDINGS) this.findings = [];
    this.findings.push(f);
    if (this.raised.has(f.dedupKey)) return;
    this.raised.add(f.dedupKey);
    this.sink.alert?.(findingToAlert(f, this.o.assetOf));
  }
}
