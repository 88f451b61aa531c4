// Typed MQTT control packets.
import type { MessageMeta } from '../message-meta.js';

/** One MQTT control packet. Passwords are never kept: only whether one was sent. */
export interface MqttMessage {
  protocol: 'mqtt';
  meta: MessageMeta;
  /** Control packet type number and name (`connect`, `publish`, ...). */
  packetType: number;
  packetTypeName: string;
  /** Packet identifier (QoS > 0 publish, acks, subscribe, unsubscribe). */
  packetId?: number;
  /** CONNECT: protocol name and level (4 = 3.1.1, 5 = 5.0), client id, user name, whether a password was sent, keep-alive seconds, clean session. */
  protocolName?: string;
  protocolLevel?: number;
  clientId?: string;
  username?: string;
  passwordPresent?: boolean;
  keepAliveS?: number;
  cleanSession?: boolean;
  /** CONNACK / SUBACK / DISCONNECT: return or reason code(s). */
  returnCode?: number;
  returnCodes?: number[];
  sessionPresent?: boolean;
  /** PUBLISH: topic, QoS, retain and duplicate flags, payload. */
  topic?: string;
  qos?: number;
  retain?: boolean;
  dup?: boolean;
  payload?: Uint8Array;
  /** SUBSCRIBE / UNSUBSCRIBE: topic filters (with requested QoS for SUBSCRIBE). */
  filters?: { filter: string; qos?: number }[];
}
