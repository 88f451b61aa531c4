// Puts Modbus, DNP3 and IEC-104 messages into one shape the baselines learn from: who is master,
// which device and station, which command and what kind of command, which points with which values.
import type { Dnp3Message, Iec104Message, ModbusMessage, ProtocolMessage } from '../../../protocols/index.js';

/** What a command does, in the terms an operator cares about. */
export type CommandClass =
  | 'read' | 'write' | 'control' | 'restart' | 'stop' | 'file-read' | 'file-write' | 'diagnostic' | 'identify'
  | 'parameter' | 'config' | 'reporting-off' | 'time' | 'freeze' | 'other' | 'response' | 'monitor' | 'confirm';

/** The points of one data table a message touches: registers, coils, DNP3 points or IEC-104 objects. */
export interface ControlBlock {
  /** Data table: `coil`, `holding`, `g30`, `M_ME`, ... */
  table: string;
  /** Addresses run from `start` for `count` points, unless `addresses` lists them. */
  start: number;
  count: number;
  addresses?: readonly number[];
  /** One value per point, when the message carries values. */
  values?: readonly number[];
}

/** Address of point `i` of a block. */
export function addressAt(b: ControlBlock, i: number): number {
  return b.addresses ? b.addresses[i]! : b.start + i;
}

/** An industrial message as baselines see it. */
export interface ControlMessage {
  protocol: 'modbus' | 'dnp3' | 'iec104';
  packet: number;
  tsMs: number;
  master: string;
  slave: string;
  fromMaster: boolean;
  /** Unit id, DNP3 outstation address or IEC-104 common address. */
  station: number;
  command: string;
  commandClass: CommandClass;
  exception: boolean;
  blocks: ControlBlock[];
}

/** Most points taken from one message (a read of 2,000 coils does not need 2,000 baseline entries). */
const MAX_POINTS = 256;
const MODBUS_TABLE: Record<number, string> = { 1: 'coil', 5: 'coil', 15: 'coil', 2: 'discrete', 3: 'holding', 6: 'holding', 16: 'holding', 22: 'holding', 23: 'holding', 4: 'input' };
const MODBUS_CLASS: Record<number, CommandClass> = {
  1: 'read', 2: 'read', 3: 'read', 4: 'read', 24: 'read', 5: 'write', 6: 'write', 15: 'write', 16: 'write', 22: 'write', 23: 'write',
  7: 'diagnostic', 11: 'diagnostic', 12: 'diagnostic', 17: 'identify', 43: 'identify', 20: 'file-read', 21: 'file-write',
};

/** The baseline view of a decoded message, or undefined for messages baselines ignore (link frames, DNS, ...). */
export function toControlMessage(m: ProtocolMessage): ControlMessage | undefined {
  if (m.protocol === 'modbus') return fromModbus(m);
  if (m.protocol === 'dnp3') return m.application ? fromDnp3(m) : undefined;
  if (m.protocol === 'iec104') return m.asdu ? fromIec104(m) : undefined;
  return undefined;
}

/** The message with its roles filled in; written out field by field (this runs for every message). */
function control(m: ModbusMessage | Dnp3Message | Iec104Message, fromMaster: boolean, station: number, command: string, commandClass: CommandClass, exception: boolean, blocks: ControlBlock[]): ControlMessage {
  const meta = m.meta;
  return {
    protocol: m.protocol,
    packet: meta.packet,
    tsMs: meta.tsMs,
    master: fromMaster ? meta.srcIp : meta.dstIp,
    slave: fromMaster ? meta.dstIp : meta.srcIp,
    fromMaster,
    station,
    command,
    commandClass,
    exception,
    blocks,
  };
}

function fromModbus(m: ModbusMessage): ControlMessage {
  const request = m.direction === 'request';
  let cls: CommandClass = MODBUS_CLASS[m.functionCode] ?? 'other';
  if (m.functionCode === 8) cls = m.subFunction === 1 ? 'restart' : m.subFunction === 4 ? 'stop' : 'diagnostic';
  if (!request) cls = 'response';
  const table = MODBUS_TABLE[m.functionCode];
  const blocks: ControlBlock[] = [];
  if (table && m.address !== undefined) {
    const count = Math.min(MAX_POINTS, m.values?.length ?? m.quantity ?? 1);
    blocks.push(m.values ? { table, start: m.address, count, values: m.values } : { table, start: m.address, count });
  }
  return control(m, request, m.unitId, m.functionName, cls, m.exceptionCode !== undefined, blocks);
}

const DNP3_CLASS: Record<string, CommandClass> = {
  read: 'read', write: 'write', control: 'control', freeze: 'freeze', restart: 'restart', file: 'file-write',
  time: 'time', auth: 'other', confirm: 'confirm', response: 'response', config: 'config', application: 'stop',
};

function fromDnp3(m: Dnp3Message): ControlMessage {
  const a = m.application!;
  let cls: CommandClass = DNP3_CLASS[a.operation] ?? 'other';
  if (a.functionCode === 21) cls = 'reporting-off';
  if (a.functionCode === 16 || a.functionCode === 17) cls = 'config';
  const blocks: ControlBlock[] = [];
  for (const o of a.objects) {
    const table = `g${o.group}`;
    if (o.points.length > 0) {
      const pts = o.points.length > MAX_POINTS ? o.points.slice(0, MAX_POINTS) : o.points;
      const values = pts.map((p) => (p.crob ? p.crob.code : p.value));
      const block: ControlBlock = { table, start: 0, count: pts.length, addresses: pts.map((p) => p.index) };
      if (values.every((v) => v !== undefined)) block.values = values as number[];
      blocks.push(block);
    } else if (o.start !== undefined) blocks.push({ table, start: o.start, count: Math.min(MAX_POINTS, o.count) });
  }
  const station = m.fromMaster ? m.destination : m.source;
  const exception = a.iinFlags?.some((f) => f === 'no_func_code_support' || f === 'object_unknown' || f === 'parameter_error') ?? false;
  return control(m, m.fromMaster, station, a.functionName, cls, exception, blocks);
}

const IEC104_CLASS: Record<string, CommandClass> = { monitor: 'monitor', command: 'control', setpoint: 'write', parameter: 'parameter', file: 'file-write' };
const IEC104_SYSTEM: Record<number, CommandClass> = { 100: 'read', 101: 'read', 102: 'read', 103: 'time', 104: 'diagnostic', 105: 'restart', 106: 'time', 107: 'diagnostic', 70: 'monitor' };

function fromIec104(m: Iec104Message): ControlMessage {
  const a = m.asdu!;
  const fromMaster = m.meta.fromClient;
  let cls: CommandClass = a.operation === 'system' ? (IEC104_SYSTEM[a.typeId] ?? 'other') : (IEC104_CLASS[a.operation] ?? 'other');
  if (a.operation === 'file' && !fromMaster) cls = 'file-read';
  if (!fromMaster && cls !== 'monitor' && cls !== 'file-read') cls = 'response';
  const objects = a.objects.length > MAX_POINTS ? a.objects.slice(0, MAX_POINTS) : a.objects;
  const block: ControlBlock = { table: a.typeName.slice(0, 4), start: 0, count: objects.length, addresses: objects.map((o) => o.ioa) };
  if (objects.every((o) => o.value !== undefined)) block.values = objects.map((o) => o.value!);
  return control(m, fromMaster, a.commonAddress, a.typeName, cls, a.negative, [block]);
}
