// Syslog listeners: UDP (one message per datagram, RFC 5426) and TCP (RFC 6587 framing), feeding the
// ingest pipeline through the syslog normalizer. A TCP connection is paused while the bus is full.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Logger } from '../../platform/log/index.js';
import { ingestListenFailed } from './errors.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { SyslogFrameDecoder } from './syslog-framing.js';
import type { SyslogNormalizer } from './syslog-normalizer.js';

/** Where the syslog receiver listens. */
export interface SyslogReceiverOptions {
  pipeline: IngestPipeline;
  normalizer: SyslogNormalizer;
  /** Default 127.0.0.1. */
  host?: string;
  /** UDP port; 0 for any free port, null to not listen on UDP. */
  udpPort: number | null;
  /** TCP port; 0 for any free port, null to not listen on TCP. */
  tcpPort: number | null;
  /** Largest message, in bytes; default 64 KiB. */
  maxMessageBytes?: number;
  log?: Logger;
}

/** UDP and TCP syslog listeners. */
export class SyslogReceiver {
  private udp: UdpSocket | undefined;
  private tcp: Server | undefined;
  private readonly connections = new Set<Socket>();

  private constructor(private readonly options: SyslogReceiverOptions) {}

  /** Opens the configured listeners. */
  static async start(options: SyslogReceiverOptions): Promise<SyslogReceiver> {
    const receiver = new SyslogReceiver(options);
    const host = options.host ?? '127.0.0.1';
    try {
      if (options.udpPort !== null) await receiver.listenUdp(host, options.udpPort);
      if (options.tcpPort !== null) await receiver.listenTcp(host, options.tcpPort);
    } catch (error) {
      await receiver.close();
      throw error;
    }
    return receiver;
  }

  get udpPort(): number | undefined {
    return this.udp ? this.udp.address().port : undefined;
  }

  get tcpPort(): number | undefined {
    return this.tcp ? (this.tcp.address() as AddressInfo).port : undefined;
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.destroy();
    await Promise.all([
      this.udp ? new Promise<void>((resolve) => this.udp!.close(() => resolve())) : undefined,
      this.tcp ? new Promise<void>((resolve) => this.tcp!.close(() => resolve())) : undefined,
    ]);
    this.udp = undefined;
    this.tcp = undefined;
  }

  private get maxBytes(): number {
    return this.options.maxMessageBytes ?? 64 * 1024;
  }

  /** Normalizes one message and hands it on; a promise when the bus has no room yet. */
  private accept(message: string, peer: string, transport: 'udp' | 'tcp'): Promise<void> | undefined {
    const { pipeline, normalizer } = this.options;
    const result = normalizer.normalize(message.replace(/[\r\n]+$/, ''), peer);
    if (result.ok) return pipeline.acceptEvent(result.event);
    pipeline.reject({ source: 'syslog', reason: result.reason, detail: result.detail, origin: `${transport} ${peer}`, payload: message });
    return undefined;
  }

  private listenUdp(host: string, port: number): Promise<void> {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.on('message', (msg, rinfo) => {
      if (msg.length > this.maxBytes) {
        this.options.pipeline.reject({
          source: 'syslog', reason: 'oversized', detail: `${msg.length} bytes; the limit is ${this.maxBytes}`, origin: `udp ${rinfo.address}`, payload: msg,
        });
        return;
      }
      void this.accept(msg.toString('utf8'), rinfo.address, 'udp');
    });
    return new Promise((resolve, reject) => {
      socket.once('error', (error) => reject(ingestListenFailed('syslog UDP receiver', `${host}:${port}`, error)));
      socket.bind(port, host, () => {
        socket.on('error', (error) => this.options.log?.warn({ err: error }, 'syslog UDP socket error'));
        this.udp = socket;
        resolve();
      });
    });
  }

  private listenTcp(host: string, port: number): Promise<void> {
    const server = createServer((conn) => this.serve(conn));
    return new Promise((resolve, reject) => {
      server.once('error', (error) => reject(ingestListenFailed('syslog TCP receiver', `${host}:${port}`, error)));
      server.listen(port, host, () => {
        this.tcp = server;
        resolve();
      });
    });
  }

  private serve(conn: Socket): void {
    this.connections.add(conn);
    const peer = conn.remoteAddress ?? 'unknown';
    const decoder = new SyslogFrameDecoder(this.maxBytes);
    conn.on('data', (chunk) => {
      const waits: Promise<void>[] = [];
      for (const frame of decoder.push(chunk)) {
        if (frame.ok) {
          const wait = this.accept(frame.message, peer, 'tcp');
          if (wait) waits.push(wait);
        } else {
          this.options.pipeline.reject({
            source: 'syslog', reason: 'oversized', detail: `${frame.sizeBytes} bytes; the limit is ${this.maxBytes}`, origin: `tcp ${peer}`, payload: frame.excerpt, sizeBytes: frame.sizeBytes,
          });
        }
      }
      if (waits.length > 0) {
        conn.pause();
        void Promise.all(waits).then(() => conn.resume());
      }
    });
    conn.on('error', (error) => this.options.log?.debug({ err: error, peer }, 'syslog TCP connection error'));
    conn.on('close', () => this.connections.delete(conn));
  }
}
