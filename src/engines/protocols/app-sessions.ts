// The application decoders behind the flow table: one session object per flow, chosen by the
// protocol its server port speaks, and the union of the messages they produce.
import type { ArpMessage } from './arp/events.js';
import type { Dnp3Message } from './dnp3/events.js';
import { Dnp3Session } from './dnp3/decoder.js';
import type { DnsMessage } from './dns/events.js';
import { DnsSession } from './dns/decoder.js';
import type { Iec104Message } from './iec104/events.js';
import { Iec104Session } from './iec104/decoder.js';
import type { DecodeContext } from './message-meta.js';
import type { ModbusMessage } from './modbus/events.js';
import { ModbusSession } from './modbus/decoder.js';
import type { MqttMessage } from './mqtt/events.js';
import { MqttSession } from './mqtt/decoder.js';
import type { Transport } from './packet/decoded-packet.js';
import type { DecodedProtocol } from './protocol-ports.js';

/** Every message the decoders produce, told apart by `protocol`. */
export type ProtocolMessage = ModbusMessage | Dnp3Message | Iec104Message | MqttMessage | DnsMessage | ArpMessage;

/** Decoder state of one flow: takes in-order stream bytes (TCP) or one datagram (UDP, gapBefore set). */
export interface AppSession {
  data(bytes: Uint8Array, gapBefore: boolean, fromClient: boolean): void;
}

/** Creates the session for a flow of `protocol`; undefined when the protocol does not run on that transport. */
export function createSession(protocol: DecodedProtocol, transport: Transport, ctx: DecodeContext<ProtocolMessage>): AppSession | null {
  switch (protocol) {
    case 'modbus':
      return transport === 'tcp' ? new ModbusSession(ctx) : null;
    case 'dnp3':
      return new Dnp3Session(ctx);
    case 'iec104':
      return transport === 'tcp' ? new Iec104Session(ctx) : null;
    case 'mqtt':
      return transport === 'tcp' ? new MqttSession(ctx) : null;
    case 'dns':
      return new DnsSession(ctx, transport === 'tcp');
  }
}
