// Polling period per master, device, station and command: learned as the mean interval between
// requests, then watched for breaks (a poll far later than usual: the device or the link went
// quiet, or someone is blocking it) and bursts (polls far faster than usual, over and over).
import type { NetworkFinding } from '../network-finding.js';
import { NETWORK_BASELINE_DEFAULTS, type NetworkBaselineOptions } from './baseline-options.js';
import type { ControlMessage } from './control-message.js';

interface Period {
  lastMs: number;
  /** Learned mean interval and the intervals it came from. */
  meanMs: number;
  samples: number;
  /** Consecutive intervals below the burst limit. */
  fast: number;
}

/** Learns and checks polling periods. */
export class PollingTiming {
  private readonly periods = new Map<string, Period>();
  private learning = true;

  constructor(private readonly o: NetworkBaselineOptions = NETWORK_BASELINE_DEFAULTS) {}

  /** Stops learning periods; later requests are checked against them. */
  endLearning(): void {
    this.learning = false;
  }

  /** Takes one request; returns a finding when it breaks the learned rhythm. */
  observe(c: ControlMessage): NetworkFinding | undefined {
    if (!c.fromMaster || c.commandClass !== 'read') return undefined;
    const key = `${c.protocol}|${c.master}|${c.slave}|${c.station}|${c.command}`;
    const p = this.periods.get(key);
    if (!p) {
      if (this.learning) this.periods.set(key, { lastMs: c.tsMs, meanMs: 0, samples: 0, fast: 0 });
      return undefined;
    }
    const interval = c.tsMs - p.lastMs;
    p.lastMs = c.tsMs;
    if (this.learning) {
      p.samples++;
      p.meanMs += (interval - p.meanMs) / p.samples;
      return undefined;
    }
    if (p.samples < this.o.pollingMinSamples || p.meanMs <= 0) return undefined;
    if (interval > this.o.pollingGapFactor * p.meanMs) return this.finding(c, 'polling-gap', interval, p);
    p.fast = interval < this.o.pollingBurstFactor * p.meanMs ? p.fast + 1 : 0;
    return p.fast >= this.o.pollingBurstCount ? this.finding(c, 'polling-burst', interval, p) : undefined;
  }

  private finding(c: ControlMessage, kind: 'polling-gap' | 'polling-burst', interval: number, p: Period): NetworkFinding {
    const gap = kind === 'polling-gap';
    const usual = (p.meanMs / 1000).toFixed(2);
    const now = (interval / 1000).toFixed(2);
    return {
      kind,
      packet: c.packet,
      tsMs: c.tsMs,
      severity: 'medium',
      technique: gap ? 'T0815' : 'T0806',
      title: gap
        ? `${c.master} polled ${c.slave} (${c.command}) after ${now} s instead of every ${usual} s`
        : `${c.master} is polling ${c.slave} (${c.command}) every ${now} s instead of every ${usual} s`,
      what: gap
        ? `The control room's regular ${c.command} polls of ${c.slave} stopped for ${now} s; they normally come every ${usual} s.`
        : `${c.master} sent ${p.fast} ${c.command} requests to ${c.slave} in quick succession, far faster than the usual ${usual} s rhythm.`,
      why: gap ? 'While polls stop, operators do not see what the device is doing.' : 'Hammering a device with requests can overload it or hide other traffic.',
      whatToDo: gap ? [`Check the link to ${c.slave} and the polling server ${c.master}.`] : [`Find out what on ${c.master} is sending the extra requests.`],
      hosts: [c.master, c.slave],
      dedupKey: `${kind}|${c.protocol}|${c.master}|${c.slave}|${c.station}|${c.command}`,
      facts: { protocol: c.protocol, master: c.master, device: c.slave, command: c.command, intervalMs: Math.round(interval), usualMs: Math.round(p.meanMs) },
    };
  }
}
