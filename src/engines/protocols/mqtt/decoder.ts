// MQTT 3.1.1 / 5.0 decoder: one message per control packet; CONNECT sets the protocol level that
// says whether later packets carry MQTT 5 properties.
import type { DecodeContext } from '../message-meta.js';
import { PduFramer } from '../flow/pdu-framer.js';
import { MQTT_FLAGS_0010, MQTT_LEVEL_5, MQTT_PACKET_TYPES, MQTT_WITH_PACKET_ID } from './constants.js';
import type { MqttMessage } from './events.js';
import { MqttReader, mqttHeaderBytes, mqttLength, mqttResync } from './frame.js';

/** Decodes one whole control packet; `level` is the connection's protocol level (4 unless CONNECT said otherwise). */
export function decodeMqttPacket(pkt: Uint8Array, meta: MqttMessage['meta'], level: number): { message: MqttMessage; problem?: string } {
  const type = pkt[0]! >> 4;
  const flags = pkt[0]! & 0x0f;
  const m: MqttMessage = { protocol: 'mqtt', meta, packetType: type, packetTypeName: MQTT_PACKET_TYPES[type] ?? `reserved_${type}` };
  const r = new MqttReader(pkt, mqttHeaderBytes(pkt));
  let problem = flagsProblem(type, flags);
  const v5 = level === MQTT_LEVEL_5;
  if (type === 1) problem = connect(r, m) ?? problem;
  else if (type === 2) {
    m.sessionPresent = ((r.u8() ?? 0) & 1) === 1;
    m.returnCode = r.u8();
    if (m.returnCode === undefined) problem = 'connack cut short';
  } else if (type === 3) problem = publish(r, m, flags, v5) ?? problem;
  else if (MQTT_WITH_PACKET_ID.has(type)) problem = withPacketId(r, m, v5) ?? problem;
  else if (type === 14 && r.off < pkt.length) m.returnCode = r.u8();
  return problem ? { message: m, problem } : { message: m };
}

function flagsProblem(type: number, flags: number): string | undefined {
  if (type === 0) return 'reserved packet type 0';
  if (type === 3) return (flags & 0x06) === 0x06 ? 'publish with QoS 3' : undefined;
  const expected = MQTT_FLAGS_0010.has(type) ? 2 : 0;
  return flags === expected ? undefined : `${MQTT_PACKET_TYPES[type] ?? type} with fixed-header flags ${flags}, expected ${expected}`;
}

function connect(r: MqttReader, m: MqttMessage): string | undefined {
  m.protocolName = r.text();
  m.protocolLevel = r.u8();
  const flags = r.u8();
  m.keepAliveS = r.u16();
  if (m.protocolName === undefined || flags === undefined || m.keepAliveS === undefined) return 'connect header cut short';
  m.cleanSession = (flags & 0x02) !== 0;
  m.passwordPresent = (flags & 0x40) !== 0;
  if (m.protocolLevel === MQTT_LEVEL_5 && !r.skipProperties()) return 'connect properties cut short';
  m.clientId = r.text();
  if (m.clientId === undefined) return 'connect client id cut short';
  if (flags & 0x04) {
    if (m.protocolLevel === MQTT_LEVEL_5 && !r.skipProperties()) return 'connect will properties cut short';
    if (r.text() === undefined || r.text() === undefined) return 'connect will cut short';
  }
  if (flags & 0x80) m.username = r.text();
  if (m.protocolName !== 'MQTT' && m.protocolName !== 'MQIsdp') return `connect protocol name "${m.protocolName}" is not MQTT`;
  return (flags & 0x01) === 0 ? undefined : 'connect reserved flag set';
}

function publish(r: MqttReader, m: MqttMessage, flags: number, v5: boolean): string | undefined {
  m.dup = (flags & 0x08) !== 0;
  m.qos = (flags >> 1) & 0x03;
  m.retain = (flags & 0x01) !== 0;
  m.topic = r.text();
  if (m.topic === undefined) return 'publish topic cut short';
  if (m.qos > 0) {
    m.packetId = r.u16();
    if (m.packetId === undefined) return 'publish packet id cut short';
  }
  if (v5 && !r.skipProperties()) return 'publish properties cut short';
  m.payload = r.b.subarray(Math.min(r.off, r.b.length));
  return undefined;
}

function withPacketId(r: MqttReader, m: MqttMessage, v5: boolean): string | undefined {
  m.packetId = r.u16();
  if (m.packetId === undefined) return `${m.packetTypeName} packet id cut short`;
  const type = m.packetType;
  if (type === 8 || type === 10) {
    if (v5 && !r.skipProperties()) return `${m.packetTypeName} properties cut short`;
    m.filters = [];
    while (r.off < r.b.length) {
      const filter = r.text();
      if (filter === undefined) return `${m.packetTypeName} topic filter cut short`;
      m.filters.push(type === 8 ? { filter, qos: (r.u8() ?? 0) & 0x03 } : { filter });
    }
    return m.filters.length > 0 ? undefined : `${m.packetTypeName} without topic filters`;
  }
  if (type === 9 || type === 11) {
    if (v5 && !r.skipProperties()) return `${m.packetTypeName} properties cut short`;
    m.returnCodes = Array.from(r.b.subarray(r.off));
  }
  return undefined;
}

/** MQTT state of one TCP connection. */
export class MqttSession {
  private level = 4;
  private readonly framers: [PduFramer, PduFramer];

  constructor(private readonly ctx: DecodeContext<MqttMessage>) {
    const make = (fromClient: boolean) =>
      new PduFramer(mqttLength, mqttResync, (pkt) => this.packet(pkt, fromClient), (n, why) => ctx.anomaly('mqtt', `${n} ${why}`, fromClient));
    this.framers = [make(true), make(false)];
  }

  /** Accepts reassembled stream bytes of one direction. */
  data(bytes: Uint8Array, gapBefore: boolean, fromClient: boolean): void {
    this.framers[fromClient ? 0 : 1].push(bytes, gapBefore);
  }

  private packet(pkt: Uint8Array, fromClient: boolean): void {
    const { message, problem } = decodeMqttPacket(pkt, this.ctx.meta(fromClient), this.level);
    if (message.packetType === 1 && message.protocolLevel !== undefined) this.level = message.protocolLevel;
    this.ctx.message(message);
    if (problem) this.ctx.anomaly('mqtt', problem, fromClient);
  }
}
