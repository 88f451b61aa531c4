// What every decoded protocol message carries about where and when it was seen, and the context
// through which a protocol decoder hands its results on. Decoders describe; they never judge.

/** Where and when one protocol message was seen; shared by all messages of one packet. */
export interface MessageMeta {
  /** Packet that completed the message (Wireshark's frame number, 1-based). */
  packet: number;
  /** Capture time, ms since the epoch. */
  tsMs: number;
  srcMac: string;
  dstMac: string;
  srcIp: string;
  dstIp: string;
  srcPort: number;
  dstPort: number;
  transport: 'tcp' | 'udp' | 'none';
  /** Flow id within the capture (0 for packets without a flow, such as ARP). */
  flowId: number;
  /** True when the message travels from the connection's initiator (client) to its server. */
  fromClient: boolean;
}

/** A message a decoder could not accept: malformed, cut short or against its specification. */
export interface ProtocolAnomaly {
  protocol: string;
  meta: MessageMeta;
  /** What exactly was wrong, for the operator. */
  reason: string;
}

/** How a protocol decoder reports results for the packet being decoded. */
export interface DecodeContext<M> {
  /** Meta of the current packet, direction as given. */
  meta(fromClient: boolean): MessageMeta;
  /** Hands on one decoded message. */
  message(m: M): void;
  /** Reports one anomaly of `protocol` in the current packet. */
  anomaly(protocol: string, reason: string, fromClient: boolean): void;
}
