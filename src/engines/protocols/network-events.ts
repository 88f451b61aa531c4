// Decoded traffic as domain NetworkEvents (src/domain/event.ts), so the live platform can ingest
// captures: one event per industrial, MQTT or DNS message and one per finished flow.
import type { NetworkEvent, Scalar } from '../../domain/index.js';
import type { ProtocolMessage } from './app-sessions.js';
import type { Flow } from './flow/flow.js';

/** How events are named and tied to assets. */
export interface NetworkEventOptions {
  /** Prefix of event ids, unique per capture or feed (e.g. the file name and start time). */
  idPrefix: string;
  /** Time the platform received the data, ms since the epoch. */
  receivedTs: number;
  /** Asset id of an address when the inventory knows it. */
  assetOf?: (ip: string) => string | undefined;
}

const MAX_VALUES_IN_ATTRS = 16;

/** The event of one protocol message (ARP messages become events too: action is the ARP operation). */
export function messageToNetworkEvent(m: ProtocolMessage, index: number, o: NetworkEventOptions): NetworkEvent {
  const meta = m.meta;
  const event: NetworkEvent = {
    id: `${o.idPrefix}:${meta.packet}:${index}`,
    ts: meta.tsMs,
    receivedTs: o.receivedTs,
    source: 'pcap',
    type: 'network',
    srcIp: meta.srcIp,
    dstIp: meta.dstIp,
    transport: meta.transport === 'none' ? 'other' : meta.transport,
    protocol: m.protocol,
    action: actionOf(m),
    attrs: attrsOf(m),
  };
  if (meta.srcPort) event.srcPort = meta.srcPort;
  if (meta.dstPort) event.dstPort = meta.dstPort;
  const asset = o.assetOf?.(meta.fromClient ? meta.dstIp : meta.srcIp);
  if (asset) event.assetId = asset;
  return event;
}

/** The event summarising a finished flow: endpoints, application protocol, packets and bytes. */
export function flowToNetworkEvent(f: Flow, o: NetworkEventOptions): NetworkEvent {
  const event: NetworkEvent = {
    id: `${o.idPrefix}:flow:${f.id}`,
    ts: f.firstTsMs,
    receivedTs: o.receivedTs,
    source: 'pcap',
    type: 'network',
    srcIp: f.clientIp,
    dstIp: f.serverIp,
    transport: f.transport === 'none' ? 'other' : f.transport,
    action: 'flow',
    bytes: f.bytesToServer + f.bytesToClient,
    packets: f.packets,
    attrs: {
      durationMs: Math.round(f.lastTsMs - f.firstTsMs),
      packetsToServer: f.packetsToServer,
      packetsToClient: f.packetsToClient,
      bytesToServer: f.bytesToServer,
      bytesToClient: f.bytesToClient,
      handshake: f.synSeen,
      reset: f.rstSeen,
    },
  };
  if (f.clientPort) event.srcPort = f.clientPort;
  if (f.serverPort) event.dstPort = f.serverPort;
  if (f.application) event.protocol = f.application;
  const asset = o.assetOf?.(f.serverIp);
  if (asset) event.assetId = asset;
  return event;
}

function actionOf(m: ProtocolMessage): string {
  switch (m.protocol) {
    case 'modbus':
      return m.exceptionCode !== undefined ? `${m.functionName}_exception` : m.functionName;
    case 'dnp3':
      return m.application?.functionName ?? m.linkFunctionName;
    case 'iec104':
      return m.asdu?.typeName ?? m.uFunction ?? (m.format === 'S' ? 'supervisory' : 'i_frame');
    case 'mqtt':
      return m.packetTypeName;
    case 'dns':
      return m.response ? 'response' : 'query';
    case 'arp':
      return m.operation;
  }
}

function attrsOf(m: ProtocolMessage): Record<string, Scalar> {
  const a: Record<string, Scalar> = { packet: m.meta.packet };
  switch (m.protocol) {
    case 'modbus':
      Object.assign(a, { direction: m.direction, transactionId: m.transactionId, unitId: m.unitId, functionCode: m.functionCode });
      if (m.address !== undefined) a['address'] = m.address;
      if (m.quantity !== undefined) a['quantity'] = m.quantity;
      if (m.values) a['values'] = m.values.slice(0, MAX_VALUES_IN_ATTRS).join(',');
      if (m.exceptionCode !== undefined) a['exceptionCode'] = m.exceptionCode;
      break;
    case 'dnp3':
      Object.assign(a, { source: m.source, destination: m.destination, fromMaster: m.fromMaster });
      if (m.application) {
        Object.assign(a, { functionCode: m.application.functionCode, sequence: m.application.seq });
        a['objects'] = m.application.objects.map((o) => `g${o.group}v${o.variation}`).join(',');
        if (m.application.iinFlags?.length) a['iin'] = m.application.iinFlags.join(',');
      }
      break;
    case 'iec104':
      a['format'] = m.format;
      if (m.sendSeq !== undefined) a['sendSeq'] = m.sendSeq;
      if (m.recvSeq !== undefined) a['recvSeq'] = m.recvSeq;
      if (m.asdu) {
        Object.assign(a, { typeId: m.asdu.typeId, cause: m.asdu.causeName, commonAddress: m.asdu.commonAddress, objects: m.asdu.count });
        const first = m.asdu.objects[0];
        if (first) a['ioa'] = first.ioa;
        if (first?.value !== undefined) a['value'] = first.value;
      }
      break;
    case 'mqtt':
      if (m.topic !== undefined) a['topic'] = m.topic;
      if (m.clientId !== undefined) a['clientId'] = m.clientId;
      if (m.payload) a['payloadBytes'] = m.payload.length;
      break;
    case 'dns':
      a['names'] = m.questions.map((q) => q.name).join(',');
      a['rcode'] = m.rcodeName;
      if (m.answers.length) a['answers'] = m.answers.map((x) => x.data ?? x.type).join(',');
      break;
    case 'arp':
      Object.assign(a, { senderMac: m.senderMac, targetMac: m.targetMac, gratuitous: m.gratuitous });
      break;
  }
  return a;
}
