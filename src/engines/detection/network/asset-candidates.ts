// Asset candidates for the city inventory, inferred from what hosts do on the wire: Modbus servers,
// DNP3 outstations and IEC-104 controlled stations are field devices, their masters are SCADA
// servers, MQTT brokers and DNS servers are servers. Modbus device identification adds make and firmware.
import type { AssetKind } from '../../../domain/index.js';
import type { ProtocolMessage } from '../../protocols/index.js';

/** A host that looks like an asset the inventory should hold. */
export interface AssetCandidate {
  ip: string;
  macs: string[];
  /** Suggested id for the inventory (lower case, dashes). */
  suggestedId: string;
  kind: AssetKind;
  protocols: string[];
  /** Unit ids, DNP3 addresses or IEC-104 common addresses the device answered as. */
  stations: number[];
  vendor?: string;
  model?: string;
  firmware?: string;
  evidence: string[];
}

interface Draft {
  kind: AssetKind;
  protocols: Set<string>;
  stations: Set<number>;
  evidence: Set<string>;
  vendor?: string;
  model?: string;
  firmware?: string;
}

/** Gathers candidates from messages. */
export class AssetCandidates {
  private readonly drafts = new Map<string, Draft>();

  /** Learns from one message. */
  message(m: ProtocolMessage): void {
    const { srcIp, dstIp, fromClient } = m.meta;
    const server = fromClient ? dstIp : srcIp;
    const client = fromClient ? srcIp : dstIp;
    switch (m.protocol) {
      case 'modbus': {
        const d = this.draft(server, 'plc', 'modbus', `answers Modbus/TCP on port ${fromClient ? m.meta.dstPort : m.meta.srcPort}`);
        d.stations.add(m.unitId);
        this.draft(client, 'scada-server', 'modbus', 'polls Modbus devices');
        if (m.deviceObjects) {
          d.vendor = m.deviceObjects.find((o) => o.id === 0)?.value ?? d.vendor;
          d.model = m.deviceObjects.find((o) => o.id === 1)?.value ?? d.model;
          d.firmware = m.deviceObjects.find((o) => o.id === 2)?.value ?? d.firmware;
        }
        return;
      }
      case 'dnp3': {
        if (!m.application) return;
        const outstation = m.fromMaster ? m.meta.dstIp : m.meta.srcIp;
        this.draft(outstation, 'rtu', 'dnp3', 'is a DNP3 outstation').stations.add(m.fromMaster ? m.destination : m.source);
        this.draft(m.fromMaster ? m.meta.srcIp : m.meta.dstIp, 'scada-server', 'dnp3', 'is a DNP3 master');
        return;
      }
      case 'iec104':
        if (m.asdu) this.draft(server, 'rtu', 'iec104', 'is an IEC 60870-5-104 controlled station').stations.add(m.asdu.commonAddress);
        else this.draft(server, 'rtu', 'iec104', 'accepts IEC 60870-5-104 connections');
        this.draft(client, 'scada-server', 'iec104', 'is an IEC 60870-5-104 controlling station');
        return;
      case 'mqtt':
        this.draft(server, 'server', 'mqtt', 'is an MQTT broker');
        return;
      case 'dns':
        if (m.response) this.draft(m.meta.srcIp, 'server', 'dns', 'answers DNS queries');
        return;
      default:
        return;
    }
  }

  /** Candidates with the MAC addresses seen for them. */
  list(hosts: ReadonlyMap<string, { macSet: Set<string> }>): AssetCandidate[] {
    return [...this.drafts.entries()].map(([ip, d]) => {
      const c: AssetCandidate = {
        ip,
        macs: [...(hosts.get(ip)?.macSet ?? [])],
        suggestedId: `${d.kind}-${ip.replace(/[.:]/g, '-')}`.toLowerCase(),
        kind: d.kind,
        protocols: [...d.protocols].sort(),
        stations: [...d.stations].sort((a, b) => a - b),
        evidence: [...d.evidence],
      };
      if (d.vendor) c.vendor = d.vendor;
      if (d.model) c.model = d.model;
      if (d.firmware) c.firmware = d.firmware;
      return c;
    });
  }

  /** Field-device roles outrank server roles: a host that is both keeps the field-device kind. */
  private draft(ip: string, kind: AssetKind, protocol: string, evidence: string): Draft {
    let d = this.drafts.get(ip);
    if (!d) {
      d = { kind, protocols: new Set(), stations: new Set(), evidence: new Set() };
      this.drafts.set(ip, d);
    }
    if ((kind === 'plc' || kind === 'rtu') && d.kind !== 'plc' && d.kind !== 'rtu') d.kind = kind;
    d.protocols.add(protocol);
    d.evidence.add(evidence);
    return d;
  }
}
