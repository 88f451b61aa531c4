// A flow: the packets between two endpoints of one transport, with who started it, counts per
// direction and, for TCP, the two reassembled byte streams.
import type { Transport } from '../packet/decoded-packet.js';
import { TcpStream } from './tcp-stream.js';

/** One conversation between a client and a server endpoint. */
export class Flow {
  /** Application protocol chosen for this flow ('' when none is decoded). */
  application = '';
  firstTsMs: number;
  lastTsMs: number;
  packetsToServer = 0;
  packetsToClient = 0;
  /** Wire bytes per direction. */
  bytesToServer = 0;
  bytesToClient = 0;
  synSeen = false;
  /** Sequence number of the client's SYN (−1 until seen): a SYN repeating it is a retransmission, not a new connection. */
  clientIsn = -1;
  finFromClient = false;
  finFromServer = false;
  rstSeen = false;
  /** Client→server and server→client streams (TCP only). */
  readonly toServer: TcpStream | undefined;
  readonly toClient: TcpStream | undefined;
  /** Ethernet addresses of the two sides ('' until seen). */
  clientMac = '';
  serverMac = '';
  /** Number of the flow's latest packet. */
  lastPacket = 0;
  /** Per-flow state of the application decoder; owned by that decoder. */
  session: unknown = undefined;
  /** Per-flow cache of a feature extractor (detection's network anomaly detector); opaque here. */
  featureCache: unknown = undefined;

  constructor(
    /** Sequential id within one capture, from 1. */
    readonly id: number,
    readonly key: string,
    readonly transport: Transport,
    readonly clientIp: string,
    readonly clientPort: number,
    readonly serverIp: string,
    readonly serverPort: number,
    tsMs: number,
  ) {
    this.firstTsMs = tsMs;
    this.lastTsMs = tsMs;
    if (transport === 'tcp') {
      this.toServer = new TcpStream();
      this.toClient = new TcpStream();
    }
  }

  /** True when a packet from `ip`:`port` travels client → server. */
  fromClient(ip: string, port: number): boolean {
    return port === this.clientPort && ip === this.clientIp;
  }

  /** True once both sides sent FIN or either sent RST. */
  get closed(): boolean {
    return this.rstSeen || (this.finFromClient && this.finFromServer);
  }

  /** Packets in both directions. */
  get packets(): number {
    return this.packetsToServer + this.packetsToClient;
  }
}
