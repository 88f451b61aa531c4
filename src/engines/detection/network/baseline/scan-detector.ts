// Scanning (issue 4 §3): one host touching many hosts or ports (TCP SYNs, ARP requests), or
// probing one device across many stations, commands, or into many exceptions, within a window.
// Counting, not learning: scans are never normal on a control network.
import type { NetworkFinding } from '../network-finding.js';
import type { NetworkTechniqueId } from '../techniques.js';
import { NETWORK_BASELINE_DEFAULTS, type NetworkBaselineOptions } from './baseline-options.js';
import type { ControlMessage } from './control-message.js';

type ScanKind = 'syn' | 'arp' | 'exceptions' | 'stations' | 'commands';

interface Window {
  startMs: number;
  seen: Set<string>;
  count: number;
}

const WORDS: Record<ScanKind, { did: (n: number, target: string) => string; technique: NetworkTechniqueId; why: string }> = {
  syn: { did: (n) => `opened connections to ${n} different hosts or ports`, technique: 'T0846', why: 'Trying many hosts and ports is how attackers find what to attack next.' },
  arp: { did: (n) => `asked the network for ${n} different addresses`, technique: 'T0846', why: 'Sweeping addresses with ARP maps every device on the segment.' },
  exceptions: { did: (n, t) => `received ${n} error replies from ${t}`, technique: 'T0888', why: 'Many rejected requests mean someone is probing what the device supports.' },
  stations: { did: (n, t) => `addressed ${n} different station ids of ${t}`, technique: 'T0846', why: 'Walking through station ids finds devices hidden behind a gateway.' },
  commands: { did: (n, t) => `sent ${n} different commands to ${t}`, technique: 'T0888', why: 'Trying one command after another maps what a controller will accept.' },
};

/** Counts scanning behaviour per source host. */
export class ScanDetector {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly o: NetworkBaselineOptions = NETWORK_BASELINE_DEFAULTS) {}

  /** A TCP SYN from `src` to `dst`:`port`. */
  syn(src: string, dst: string, port: number, packet: number, tsMs: number): NetworkFinding | undefined {
    return this.count('syn', src, '*', `${dst}:${port}`, this.o.scanSynTargets, packet, tsMs);
  }

  /** An ARP request from `src` asking for `target`. */
  arp(src: string, target: string, packet: number, tsMs: number): NetworkFinding | undefined {
    return this.count('arp', src, '*', target, this.o.scanArpTargets, packet, tsMs);
  }

  /** An industrial request or exception reply; may reveal probing of one device. */
  control(c: ControlMessage): NetworkFinding | undefined {
    if (!c.fromMaster && c.exception) return this.count('exceptions', c.master, c.slave, `${c.packet}`, this.o.scanExceptions, c.packet, c.tsMs);
    if (!c.fromMaster) return undefined;
    const stations = this.count('stations', c.master, c.slave, `${c.station}`, this.o.scanStations, c.packet, c.tsMs);
    const commands = this.count('commands', c.master, c.slave, c.command, this.o.scanCommands, c.packet, c.tsMs);
    return stations ?? commands;
  }

  private count(kind: ScanKind, src: string, target: string, item: string, limit: number, packet: number, tsMs: number): NetworkFinding | undefined {
    const key = `${kind}|${src}|${target}`;
    let w = this.windows.get(key);
    if (!w || tsMs - w.startMs > this.o.scanWindowMs) {
      if (this.windows.size > 100_000) this.windows.clear();
      w = { startMs: tsMs, seen: new Set(), count: 0 };
      this.windows.set(key, w);
    }
    w.seen.add(item);
    w.count++;
    const n = kind === 'exceptions' ? w.count : w.seen.size;
    if (n < limit) return undefined;
    const words = WORDS[kind];
    const did = words.did(n, target);
    const seconds = Math.round(this.o.scanWindowMs / 1000);
    return {
      kind: 'scan',
      packet,
      tsMs,
      severity: 'high',
      technique: words.technique,
      title: `${src} ${did} within ${seconds} s`,
      what: `${src} ${did} in less than ${seconds} seconds.`,
      why: words.why,
      whatToDo: [`Find the person or program behind ${src}.`, `If nobody authorised a scan, isolate ${src} and look for how it got onto the network.`],
      hosts: target === '*' ? [src] : [src, target],
      dedupKey: `scan|${kind}|${src}|${target}`,
      facts: { kind, source: src, target, count: n, windowMs: this.o.scanWindowMs },
    };
  }
}
