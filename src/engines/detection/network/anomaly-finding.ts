// Words for a packet the Kitsune model scored above its threshold: which traffic statistics
// departed most, between which hosts, and whether the host pair or connection was new. The text is
// built only when read: on an attacked network most packets may alert, and few are ever printed.
import type { Severity } from '../../../domain/index.js';
import type { FeaturePacket } from './kitsune/feature-extractor.js';
import type { AnomalyExplanation } from './kitsune/network-anomaly-detector.js';
import type { NetworkFinding } from './network-finding.js';
import type { NetworkTechniqueId } from './techniques.js';

/** The finding for an anomalous packet. */
export function anomalyFinding(p: FeaturePacket & { number: number }, score: number, threshold: number, e: AnomalyExplanation): NetworkFinding {
  return new AnomalyFinding(p, score, threshold, e);
}

class AnomalyFinding implements NetworkFinding {
  readonly kind = 'network-anomaly' as const;
  readonly packet: number;
  readonly tsMs: number;
  readonly severity: Severity;
  readonly technique: NetworkTechniqueId;
  readonly hosts: string[];
  readonly dedupKey: string;
  readonly why = 'Traffic unlike normal operation is how file transfers, exploits and remote control by an attacker show on the network.';
  private readonly ports: string;
  private readonly novelty: string;

  constructor(
    p: FeaturePacket & { number: number },
    private readonly score: number,
    private readonly threshold: number,
    private readonly e: AnomalyExplanation,
  ) {
    const arp = p.etherType === 0x0806 && p.payload.length >= 28;
    const src = p.ipSrc || (arp ? ipv4At(p.payload, 14) : p.macSrc);
    const dst = p.ipDst || (arp ? ipv4At(p.payload, 24) : p.macDst);
    this.packet = p.number;
    this.tsMs = p.tsMs;
    this.severity = score / threshold > 10 ? 'high' : 'medium';
    this.novelty = e.novelty.channel ? 'first traffic between these hosts' : e.novelty.socket ? 'a new connection' : '';
    this.technique = p.transport === 'tcp' && this.novelty ? 'T0866' : 'T0869';
    this.ports = p.transport === 'tcp' || p.transport === 'udp' ? ` (${p.transport} ${p.srcPort} → ${p.dstPort})` : arp ? ' (ARP)' : '';
    this.hosts = [src, dst];
    this.dedupKey = `network-anomaly|${src}|${dst}|${e.group}`;
  }

  get title(): string {
    const [src, dst] = this.hosts;
    return `unusual traffic ${src} → ${dst}${this.ports}: ${this.e.what}${this.novelty ? `, ${this.novelty}` : ''} (score ${(this.score / this.threshold).toFixed(1)}× threshold)`;
  }

  get what(): string {
    const [src, dst] = this.hosts;
    return `Packets from ${src} to ${dst}${this.ports} do not look like the traffic learned as normal: the ${this.e.what} differ most${this.novelty ? `, and this is ${this.novelty}` : ''}.`;
  }

  get whatToDo(): string[] {
    const src = this.hosts[0];
    return [`Look at what ${src} was doing at this time and which program sent this traffic.`, `If nobody expected it, isolate ${src} and examine it.`];
  }

  get facts(): NetworkFinding['facts'] {
    return { score: this.score, threshold: this.threshold, group: this.e.group, newChannel: this.e.novelty.channel, newSocket: this.e.novelty.socket };
  }
}

function ipv4At(b: Uint8Array, off: number): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}
