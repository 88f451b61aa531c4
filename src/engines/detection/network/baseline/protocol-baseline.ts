// Protocol baselines (issue 4 §3): while learning, record per protocol who is master of which
// device, which commands go to which station, which points are touched and the range of their
// values; afterwards report every message that departs from that — a new master, a new command,
// a new point, a value out of range. Departures are never learned, so each one keeps being reported.
import type { NetworkFinding } from '../network-finding.js';
import { NETWORK_BASELINE_DEFAULTS, type NetworkBaselineOptions } from './baseline-options.js';
import { COMMAND_WORDS } from './command-words.js';
import type { ControlMessage, ControlPoint } from './control-message.js';

interface Range {
  min: number;
  max: number;
  n: number;
}

const PROTOCOL_NAME = { modbus: 'Modbus', dnp3: 'DNP3', iec104: 'IEC 60870-5-104' } as const;
/** Command classes whose novelty is not reported (confirmations and replies carry no intent). */
const SILENT = new Set(['confirm', 'response', 'monitor']);

/** Learns and checks master/slave roles, commands, points and values. */
export class ProtocolBaseline {
  private readonly masters = new Set<string>();
  private readonly pairs = new Set<string>();
  private readonly commands = new Set<string>();
  private readonly points = new Set<string>();
  private readonly ranges = new Map<string, Range>();

  constructor(private readonly o: NetworkBaselineOptions = NETWORK_BASELINE_DEFAULTS) {}

  /** Records a message of normal traffic. */
  learn(c: ControlMessage): void {
    if (c.fromMaster && !c.exception) {
      this.masters.add(`${c.protocol}|${c.master}`);
      this.pairs.add(`${c.protocol}|${c.master}|${c.slave}`);
      this.commands.add(commandKey(c));
    }
    if (c.exception) return;
    for (const p of c.points) {
      const key = pointKey(c, p);
      this.points.add(key);
      if (p.value === undefined) continue;
      const r = this.ranges.get(key);
      if (!r) this.ranges.set(key, { min: p.value, max: p.value, n: 1 });
      else {
        r.min = Math.min(r.min, p.value);
        r.max = Math.max(r.max, p.value);
        r.n++;
      }
    }
  }

  /** Findings for one message of traffic being watched. */
  check(c: ControlMessage): NetworkFinding[] {
    const out: NetworkFinding[] = [];
    if (c.fromMaster && !SILENT.has(c.commandClass)) {
      const roleFinding = this.checkRole(c);
      if (roleFinding) out.push(roleFinding);
      if (!this.commands.has(commandKey(c))) out.push(this.newCommand(c));
      const fresh = c.exception ? [] : c.points.filter((p) => !this.points.has(pointKey(c, p)));
      if (fresh.length > 0) out.push(this.newPoints(c, fresh));
    }
    if (!c.exception) {
      const bad = this.outOfRange(c);
      if (bad) out.push(bad);
    }
    return out;
  }

  /** A master never seen, or a known master talking to a device it never polled. */
  private checkRole(c: ControlMessage): NetworkFinding | undefined {
    if (this.pairs.has(`${c.protocol}|${c.master}|${c.slave}`)) return undefined;
    const proto = PROTOCOL_NAME[c.protocol];
    const known = this.masters.has(`${c.protocol}|${c.master}`);
    const acting = c.commandClass === 'read' || c.commandClass === 'identify' || c.commandClass === 'diagnostic' ? 'high' : 'critical';
    return {
      kind: 'new-master',
      packet: c.packet,
      tsMs: c.tsMs,
      severity: known ? 'medium' : acting,
      technique: 'T0848',
      title: known
        ? `${proto} master ${c.master} sent ${c.command} to ${c.slave}, a device it never controlled before`
        : `rogue ${proto} master ${c.master} sent ${c.command} to ${c.slave} (station ${c.station})`,
      what: known
        ? `${c.master} is a known ${proto} master but had never sent commands to ${c.slave} before; it just sent ${c.command}.`
        : `${c.master} acted as a ${proto} master for the first time: it sent ${c.command} to ${c.slave}. Only ${[...this.mastersOf(c.protocol)].join(', ') || 'no host'} did that while normal traffic was learned.`,
      why: 'Whoever can send commands to a controller can change what it does; a new master is how remote attacks on the grid began.',
      whatToDo: [`Find out whether ${c.master} is supposed to control ${c.slave}.`, `If not, block ${c.master} from reaching ${c.slave} and check what it changed.`],
      hosts: [c.master, c.slave],
      dedupKey: `new-master|${c.protocol}|${c.master}|${c.slave}`,
      facts: { protocol: c.protocol, master: c.master, device: c.slave, station: c.station, command: c.command, knownMaster: known },
    };
  }

  private mastersOf(protocol: string): Set<string> {
    const out = new Set<string>();
    for (const k of this.masters) if (k.startsWith(`${protocol}|`)) out.add(k.slice(protocol.length + 1));
    return out;
  }

  private newCommand(c: ControlMessage): NetworkFinding {
    const words = COMMAND_WORDS[c.commandClass];
    const proto = PROTOCOL_NAME[c.protocol];
    return {
      kind: 'new-command',
      packet: c.packet,
      tsMs: c.tsMs,
      severity: words.severity,
      technique: words.technique,
      title: `new ${proto} command ${c.command} from ${c.master} to ${c.slave} (station ${c.station})`,
      what: `${c.master} sent ${words.noun} (${c.command}) to ${c.slave}, station ${c.station}; that command was never used on this link while normal traffic was learned.`,
      why: words.why,
      whatToDo: [`Ask the operators of ${c.slave} whether ${c.command} was planned.`, 'If not, treat it as unauthorised and review what the device did afterwards.'],
      hosts: [c.master, c.slave],
      dedupKey: `new-command|${commandKey(c)}`,
      facts: { protocol: c.protocol, master: c.master, device: c.slave, station: c.station, command: c.command, class: c.commandClass },
    };
  }

  private newPoints(c: ControlMessage, fresh: ControlPoint[]): NetworkFinding {
    const first = fresh[0]!;
    const words = COMMAND_WORDS[c.commandClass];
    const writing = c.commandClass === 'write' || c.commandClass === 'control' || c.commandClass === 'parameter';
    return {
      kind: 'new-address',
      packet: c.packet,
      tsMs: c.tsMs,
      severity: writing ? 'high' : 'low',
      technique: writing ? words.technique : 'T0861',
      title: `${c.command} from ${c.master} touches ${fresh.length} ${first.table} point(s) of ${c.slave} never used before (first ${first.address})`,
      what: `${c.master} used ${fresh.length} ${first.table} point(s) of ${c.slave}, station ${c.station}, starting at ${first.address}, that normal traffic never touched.`,
      why: writing ? words.why : 'Probing points one after another is how attackers map a controller before changing it.',
      whatToDo: [`Check whether ${c.slave} was reconfigured or whether ${c.master} is exploring it.`],
      hosts: [c.master, c.slave],
      dedupKey: `new-address|${c.protocol}|${c.master}|${c.slave}|${c.station}|${first.table}|${writing ? 'write' : 'read'}`,
      facts: { protocol: c.protocol, device: c.slave, station: c.station, table: first.table, firstAddress: first.address, points: fresh.length },
    };
  }

  private outOfRange(c: ControlMessage): NetworkFinding | undefined {
    for (const p of c.points) {
      if (p.value === undefined) continue;
      const r = this.ranges.get(pointKey(c, p));
      if (!r || r.n < this.o.minValueSamples) continue;
      const margin = Math.max((r.max - r.min) * this.o.valueTolerance, Math.abs(r.max) * 1e-9);
      if (p.value >= r.min - margin && p.value <= r.max + margin) continue;
      const written = c.fromMaster;
      return {
        kind: 'value-out-of-range',
        packet: c.packet,
        tsMs: c.tsMs,
        severity: written ? 'high' : 'medium',
        technique: written ? 'T0836' : 'T0832',
        title: `${written ? 'written' : 'reported'} value ${p.value} of ${c.slave} ${p.table} ${p.address} outside its learned range ${r.min}…${r.max}`,
        what: `${written ? `${c.master} wrote` : `${c.slave} reported`} ${p.value} for ${p.table} ${p.address} (station ${c.station}); during normal operation it stayed between ${r.min} and ${r.max}.`,
        why: written ? 'A set-point or output outside its usual range can push the process somewhere unsafe.' : 'A reading far outside its range is either a real process upset or a falsified report.',
        whatToDo: [`Check the physical value at ${c.slave} ${p.table} ${p.address}.`, 'If the process is fine, the report may be spoofed: verify the device from another channel.'],
        hosts: written ? [c.master, c.slave] : [c.slave, c.master],
        dedupKey: `value|${c.protocol}|${c.slave}|${c.station}|${p.table}|${p.address}`,
        facts: { protocol: c.protocol, device: c.slave, station: c.station, table: p.table, address: p.address, value: p.value, learnedMin: r.min, learnedMax: r.max },
      };
    }
    return undefined;
  }
}

function commandKey(c: ControlMessage): string {
  return `${c.protocol}|${c.master}|${c.slave}|${c.station}|${c.command}`;
}

function pointKey(c: ControlMessage, p: ControlPoint): string {
  return `${c.protocol}|${c.slave}|${c.station}|${p.table}|${p.address}`;
}
