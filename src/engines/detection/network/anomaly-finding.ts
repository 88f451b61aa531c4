// Words for a packet the Kitsune model scored above its threshold: which traffic statistics
// departed most, between which hosts, and whether the host pair or connection was new.
import type { FeaturePacket } from './kitsune/feature-extractor.js';
import type { AnomalyExplanation } from './kitsune/network-anomaly-detector.js';
import type { NetworkFinding } from './network-finding.js';

/** The finding for an anomalous packet. */
export function anomalyFinding(p: FeaturePacket & { number: number }, score: number, threshold: number, e: AnomalyExplanation): NetworkFinding {
  const arp = p.etherType === 0x0806 && p.payload.length >= 28;
  const src = p.ipSrc || (arp ? ipv4At(p.payload, 14) : p.macSrc);
  const dst = p.ipDst || (arp ? ipv4At(p.payload, 24) : p.macDst);
  const ports = p.transport === 'tcp' || p.transport === 'udp' ? ` (${p.transport} ${p.srcPort} → ${p.dstPort})` : arp ? ' (ARP)' : '';
  const novelty = e.novelty.channel ? 'first traffic between these hosts' : e.novelty.socket ? 'a new connection' : '';
  const ratio = score / threshold;
  return {
    kind: 'network-anomaly',
    packet: p.number,
    tsMs: p.tsMs,
    severity: ratio > 10 ? 'high' : 'medium',
    technique: p.transport === 'tcp' && novelty ? 'T0866' : 'T0869',
    title: `unusual traffic ${src} → ${dst}${ports}: ${e.what}${novelty ? `, ${novelty}` : ''} (score ${ratio.toFixed(1)}× threshold)`,
    what: `Packets from ${src} to ${dst}${ports} do not look like the traffic learned as normal: the ${e.what} differ most${novelty ? `, and this is ${novelty}` : ''}.`,
    why: 'Traffic unlike normal operation is how file transfers, exploits and remote control by an attacker show on the network.',
    whatToDo: [`Look at what ${src} was doing at this time and which program sent this traffic.`, `If nobody expected it, isolate ${src} and examine it.`],
    hosts: [src, dst],
    dedupKey: `network-anomaly|${src}|${dst}|${e.group}`,
    facts: { score, threshold, group: e.group, newChannel: e.novelty.channel, newSocket: e.novelty.socket },
  };
}

function ipv4At(b: Uint8Array, off: number): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}
