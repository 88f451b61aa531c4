// Which application protocol a flow speaks, chosen by its server port. Sites that run a protocol
// on another port pass their own assignment (content/config), not a code change.

/** Application protocols the decoders understand. */
export const PROTOCOL_NAMES = ['modbus', 'dnp3', 'iec104', 'mqtt', 'dns'] as const;
export type DecodedProtocol = (typeof PROTOCOL_NAMES)[number];

/** TCP and UDP server ports per protocol. */
export type PortAssignment = Record<DecodedProtocol, { tcp: readonly number[]; udp: readonly number[] }>;

/** IANA-registered ports: Modbus 502, DNP3 20000, IEC 60870-5-104 2404, MQTT 1883, DNS 53 (+ mDNS 5353). */
export const DEFAULT_PORTS: PortAssignment = {
  modbus: { tcp: [502], udp: [] },
  dnp3: { tcp: [20000], udp: [20000] },
  iec104: { tcp: [2404], udp: [] },
  mqtt: { tcp: [1883], udp: [] },
  dns: { tcp: [53], udp: [53, 5353] },
};

/** Port → protocol lookup tables for one assignment. */
export class ProtocolPorts {
  private readonly tcp = new Map<number, DecodedProtocol>();
  private readonly udp = new Map<number, DecodedProtocol>();

  constructor(assignment: PortAssignment = DEFAULT_PORTS) {
    for (const name of PROTOCOL_NAMES) {
      for (const port of assignment[name].tcp) this.tcp.set(port, name);
      for (const port of assignment[name].udp) this.udp.set(port, name);
    }
  }

  /** Protocol served on `port` of `transport`, if any. */
  lookup(port: number, transport: string): DecodedProtocol | undefined {
    if (transport === 'tcp') return this.tcp.get(port);
    if (transport === 'udp') return this.udp.get(port);
    return undefined;
  }
}
