// Findings of `analyze`, folded by key with a count and the first and last packet, so a capture
// with ten thousand malformed messages yields one line that says so.
import type { Severity } from '../../../domain/index.js';
import { severityRank } from '../../../domain/index.js';
import type { CaptureStop, MqttMessage, ProtocolAnomaly } from '../../protocols/index.js';
import { COMMAND_WORDS } from './baseline/command-words.js';
import type { ControlMessage } from './baseline/control-message.js';
import type { NetworkFinding } from './network-finding.js';
import type { NetworkTechniqueId } from './techniques.js';

/** One folded finding of an analysis. */
export interface AnalysisFinding {
  kind: string;
  severity: Severity;
  technique?: NetworkTechniqueId;
  title: string;
  count: number;
  firstPacket: number;
  lastPacket: number;
}

/** Command classes listed as findings because an operator should know they happened. */
const NOTEWORTHY = new Set(['write', 'control', 'restart', 'stop', 'file-write', 'file-read', 'parameter', 'reporting-off', 'config', 'identify']);

/** Folds findings by key. */
export class FindingTally {
  private readonly byKey = new Map<string, AnalysisFinding>();

  /** Adds a detector finding. */
  add(f: NetworkFinding | undefined): void {
    if (f) this.fold(f.dedupKey, { kind: f.kind, severity: f.severity, technique: f.technique, title: f.title }, f.packet);
  }

  /** Lists a control command (writes, operates, restarts, file transfers, ...) once per source, device and command. */
  control(c: ControlMessage): void {
    if (!c.fromMaster || !NOTEWORTHY.has(c.commandClass)) return;
    const words = COMMAND_WORDS[c.commandClass];
    const title = `${c.master} sent ${words.noun} (${c.protocol} ${c.command}) to ${c.slave}, station ${c.station}`;
    this.fold(`control|${c.protocol}|${c.master}|${c.slave}|${c.station}|${c.command}`, { kind: 'control-command', severity: 'info', technique: words.technique, title }, c.packet);
  }

  /** Folds malformed messages by protocol and reason. */
  protocolAnomaly(a: ProtocolAnomaly): void {
    const reason = a.reason.replace(/^\d+ /, 'n ');
    const title = `${a.protocol}: ${a.reason}`;
    this.fold(`anomaly|${a.protocol}|${reason}`, { kind: 'protocol-anomaly', severity: 'low', title }, a.meta.packet);
  }

  /** A capture that ended early. */
  captureStop(stop: CaptureStop): void {
    this.fold(`capture|${stop.code}`, { kind: 'capture-damage', severity: 'medium', title: stop.message }, stop.atPacket);
  }

  /** An MQTT CONNECT carrying a password over plain TCP. */
  cleartextCredentials(m: MqttMessage): void {
    const title = `MQTT client ${m.clientId ?? '?'} at ${m.meta.srcIp} sent a user name and password unencrypted to ${m.meta.dstIp}:${m.meta.dstPort}`;
    this.fold(`cleartext|${m.meta.srcIp}|${m.meta.dstIp}`, { kind: 'cleartext-credentials', severity: 'medium', technique: 'T0859', title }, m.meta.packet);
  }

  /** A field device that also sends commands: either a gateway or a compromised device acting as master. */
  dualRole(ip: string, protocol: string): void {
    const title = `${ip} answers ${protocol} as a field device and also sends ${protocol} commands as a master`;
    this.fold(`dual-role|${ip}|${protocol}`, { kind: 'new-master', severity: 'medium', technique: 'T0848', title }, 0);
  }

  /** Findings, most severe first, then by first packet. */
  list(): AnalysisFinding[] {
    return [...this.byKey.values()].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.firstPacket - b.firstPacket);
  }

  private fold(key: string, f: Omit<AnalysisFinding, 'count' | 'firstPacket' | 'lastPacket'>, packet: number): void {
    const seen = this.byKey.get(key);
    if (seen) {
      seen.count++;
      seen.lastPacket = packet;
      if (severityRank(f.severity) > severityRank(seen.severity)) seen.severity = f.severity;
    } else {
      const entry: AnalysisFinding = { kind: f.kind, severity: f.severity, title: f.title, count: 1, firstPacket: packet, lastPacket: packet };
      if (f.technique) entry.technique = f.technique;
      this.byKey.set(key, entry);
    }
  }
}
