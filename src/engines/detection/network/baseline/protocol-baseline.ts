// Protocol baselines (issue 4 §3): while learning, record per protocol who is master of which
// device, which commands go to which station, which points are touched and the range of their
// values; afterwards report every message that departs from that — a new master, a new command,
// a new point, a value out of range. Departures are never learned, so each one keeps being reported.
import type { NetworkFinding } from '../network-finding.js';
import { NETWORK_BASELINE_DEFAULTS, type NetworkBaselineOptions } from './baseline-options.js';
import { COMMAND_WORDS } from './command-words.js';
import { addressAt, type ControlBlock, type ControlMessage } from './control-message.js';

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
  /** Addresses used, per protocol, device, station and table. */
  private readonly points = new Map<string, Set<number>>();
  /** Learned value range per address, per protocol, device, station and table. */
  private readonly ranges = new Map<string, Map<number, Range>>();

  constructor(private readonly o: NetworkBaselineOptions = NETWORK_BASELINE_DEFAULTS) {}

  /** Records a message of normal traffic. */
  learn(c: ControlMessage): void {
    if (c.fromMaster && !c.exception) {
      this.masters.add(`${c.protocol}|${c.master}`);
      this.pairs.add(`${c.protocol}|${c.master}|${c.slave}`);
      this.commands.add(commandKey(c));
    }
    if (c.exception) return;
    for (const b of c.blocks) {
      const key = tableKey(c, b);
      let used = this.points.get(key);
      if (!used) this.points.set(key, (used = new Set()));
      let ranges = this.ranges.get(key);
      if (!ranges) this.ranges.set(key, (ranges = new Map()));
      for (let i = 0; i < b.count; i++) {
        const address = addressAt(b, i);
        used.add(address);
        if (b.values) widen(ranges, address, b.values[i]!);
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
      const fresh = c.exception ? undefined : this.freshPoints(c);
      if (fresh) out.push(this.newPoints(c, fresh.table, fresh.first, fresh.count));
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

  /** The first table with addresses never used while learning: its first such address and how many. */
  private freshPoints(c: ControlMessage): { table: string; first: number; count: number } | undefined {
    for (const b of c.blocks) {
      const used = this.points.get(tableKey(c, b));
      let first = -1;
      let count = 0;
      for (let i = 0; i < b.count; i++) {
        const address = addressAt(b, i);
        if (used?.has(address)) continue;
        if (count++ === 0) first = address;
      }
      if (count > 0) return { table: b.table, first, count };
    }
    return undefined;
  }

  private newPoints(c: ControlMessage, table: string, first: number, count: number): NetworkFinding {
    const words = COMMAND_WORDS[c.commandClass];
    const writing = c.commandClass === 'write' || c.commandClass === 'control' || c.commandClass === 'parameter';
    return {
      kind: 'new-address',
      packet: c.packet,
      tsMs: c.tsMs,
      severity: writing ? 'high' : 'low',
      technique: writing ? words.technique : 'T0861',
      title: `${c.command} from ${c.master} touches ${count} ${table} point(s) of ${c.slave} never used before (first ${first})`,
      what: `${c.master} used ${count} ${table} point(s) of ${c.slave}, station ${c.station}, starting at ${first}, that normal traffic never touched.`,
      why: writing ? words.why : 'Probing points one after another is how attackers map a controller before changing it.',
      whatToDo: [`Check whether ${c.slave} was reconfigured or whether ${c.master} is exploring it.`],
      hosts: [c.master, c.slave],
      dedupKey: `new-address|${c.protocol}|${c.master}|${c.slave}|${c.station}|${table}|${writing ? 'write' : 'read'}`,
      facts: { protocol: c.protocol, device: c.slave, station: c.station, table, firstAddress: first, points: count },
    };
  }

  private outOfRange(c: ControlMessage): NetworkFinding | undefined {
    for (const b of c.blocks) {
      if (!b.values) continue;
      const ranges = this.ranges.get(tableKey(c, b));
      if (!ranges) continue;
      for (let i = 0; i < b.count; i++) {
        const r = ranges.get(addressAt(b, i));
        const value = b.values[i]!;
        if (!r || r.n < this.o.minValueSamples) continue;
        const margin = Math.max((r.max - r.min) * this.o.valueTolerance, Math.abs(r.max) * 1e-9);
        if (value < r.min - margin || value > r.max + margin) return this.rangeFinding(c, b, addressAt(b, i), value, r);
      }
    }
    return undefined;
  }

  private rangeFinding(c: ControlMessage, b: ControlBlock, address: number, value: number, r: Range): NetworkFinding {
    const written = c.fromMaster;
    return {
      kind: 'value-out-of-range',
      packet: c.packet,
      tsMs: c.tsMs,
      severity: written ? 'high' : 'medium',
      technique: written ? 'T0836' : 'T0832',
      title: `${written ? 'written' : 'reported'} value ${value} of ${c.slave} ${b.table} ${address} outside its learned range ${r.min}…${r.max}`,
      what: `${written ? `${c.master} wrote` : `${c.slave} reported`} ${value} for ${b.table} ${address} (station ${c.station}); during normal operation it stayed between ${r.min} and ${r.max}.`,
      why: written ? 'A set-point or output outside its usual range can push the process somewhere unsafe.' : 'A reading far outside its range is either a real process upset or a falsified report.',
      whatToDo: [`Check the physical value at ${c.slave} ${b.table} ${address}.`, 'If the process is fine, the report may be spoofed: verify the device from another channel.'],
      hosts: written ? [c.master, c.slave] : [c.slave, c.master],
      dedupKey: `value|${c.protocol}|${c.slave}|${c.station}|${b.table}|${address}`,
      facts: { protocol: c.protocol, device: c.slave, station: c.station, table: b.table, address, value, learnedMin: r.min, learnedMax: r.max },
    };
  }
}

function commandKey(c: ControlMessage): string {
  return `${c.protocol}|${c.master}|${c.slave}|${c.station}|${c.command}`;
}

function tableKey(c: ControlMessage, b: ControlBlock): string {
  return `${c.protocol}|${c.slave}|${c.station}|${b.table}`;
}

function widen(ranges: Map<number, Range>, address: number, value: number): void {
  const r = ranges.get(address);
  if (!r) ranges.set(address, { min: value, max: value, n: 1 });
  else {
    if (value < r.min) r.min = value;
    if (value > r.max) r.max = value;
    r.n++;
  }
}
