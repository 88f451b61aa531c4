// The MQTT broker inside the process (aedes, MQTT 3.1.1): each device logs in with its own
// credential and client id = asset id; the topic ACL (topic-acl.ts) is enforced on every publish and
// subscribe. Device messages go straight from aedes into the ingest pipeline (no loopback client),
// and the broker waits for the pipeline before reading more from that client (backpressure).
// An unauthorised publish is quarantined and the client disconnected, as MQTT-3.3.5-2 allows.
import { Aedes, type AuthenticateError, type Client, type PublishPacket, type Subscription } from 'aedes';
import { createServer } from 'aedes-server-factory';
import { readFileSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { CommandTransport } from './device-commander.js';
import type { DeviceRegistry, Principal } from './device-registry.js';
import type { EventIdGenerator } from './event-ids.js';
import { ingestListenFailed, ingestTlsFiles } from './errors.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { maySubscribe, publishRefusal } from './topic-acl.js';

/** Where and how the embedded broker listens. */
export interface EmbeddedMqttBrokerOptions {
  registry: DeviceRegistry;
  pipeline: IngestPipeline;
  clock: Clock;
  ids: EventIdGenerator;
  /** Default 127.0.0.1. */
  host?: string;
  /** Plain MQTT port; default 18830, 0 for any free port. */
  port?: number;
  /** MQTT over TLS (8883-style) on its own port. */
  tls?: { port: number; certFile: string; keyFile: string; caFile?: string };
  log?: Logger;
}

/** Default port of the embedded broker (not 1883, which a real broker on the machine may use). */
export const DEFAULT_MQTT_PORT = 18830;

const BAD_CREDENTIALS = 4;
const IDENTIFIER_REJECTED = 2;

function authError(message: string, returnCode: number): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/** An aedes broker wired to the registry, the ACL and the ingest pipeline. */
export class EmbeddedMqttBroker implements CommandTransport {
  private readonly principals = new WeakMap<Client, Principal>();
  private readonly usernames = new WeakMap<Client, string>();
  private readonly clientsByUser = new Map<string, Set<Client>>();
  private readonly servers: Server[] = [];
  /** Subscriptions refused by the ACL. */
  refusedSubscriptions = 0;

  private constructor(
    readonly aedes: Aedes,
    private readonly options: EmbeddedMqttBrokerOptions,
  ) {}

  /** Starts the broker and its listeners. */
  static async start(options: EmbeddedMqttBrokerOptions): Promise<EmbeddedMqttBroker> {
    const aedes = await Aedes.createBroker({ id: 'cityguard', heartbeatInterval: 60_000 });
    const broker = new EmbeddedMqttBroker(aedes, options);
    broker.wire();
    try {
      const host = options.host ?? '127.0.0.1';
      await broker.listen(createServer(aedes), host, options.port ?? DEFAULT_MQTT_PORT);
      if (options.tls) {
        const t = options.tls;
        let tls;
        try {
          tls = { cert: readFileSync(t.certFile), key: readFileSync(t.keyFile), ...(t.caFile ? { ca: readFileSync(t.caFile) } : {}) };
        } catch (error) {
          throw ingestTlsFiles([t.certFile, t.keyFile, ...(t.caFile ? [t.caFile] : [])], error);
        }
        await broker.listen(createServer(aedes, { tls }), host, t.port);
      }
    } catch (error) {
      await broker.close();
      throw error;
    }
    return broker;
  }

  /** Port of the plain listener (useful when started on port 0). */
  get port(): number {
    return (this.servers[0]?.address() as AddressInfo | null)?.port ?? 0;
  }

  /** Port of the TLS listener, when there is one. */
  get tlsPort(): number | undefined {
    return this.servers[1] ? (this.servers[1].address() as AddressInfo).port : undefined;
  }

  /** Clients connected now. */
  get connectedClients(): number {
    return this.aedes.connectedClients;
  }

  /** Publishes from the platform itself (commands); QoS 1 so a subscribed device gets it once it can. */
  publish(topic: string, payload: Buffer): Promise<void> {
    const packet: PublishPacket = { cmd: 'publish', topic, payload, qos: 1, retain: false, dup: false };
    return new Promise((resolve, reject) => this.aedes.publish(packet, (err) => (err ? reject(err) : resolve())));
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
  }

  private listen(server: Server, host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', (error) => reject(ingestListenFailed('MQTT broker', `${host}:${port}`, error)));
      server.listen(port, host, () => {
        this.servers.push(server);
        resolve();
      });
    });
  }

  private wire(): void {
    const { registry, pipeline, log } = this.options;
    this.aedes.authenticate = (client, username, password, done) => {
      const principal = registry.verify(username, password);
      if (!principal) {
        this.loginRefused(client, username, 'bad username or password');
        return done(authError('bad username or password', BAD_CREDENTIALS), false);
      }
      if (principal.kind !== 'platform' && client.id !== username) {
        // Another client id could take over a different device's session (MQTT-3.1.4-2).
        this.loginRefused(client, username, `client id "${client.id}" is not the username`);
        return done(authError('client id must be the username (the asset id)', IDENTIFIER_REJECTED), false);
      }
      this.principals.set(client, principal);
      const user = username!;
      this.usernames.set(client, user);
      const clients = this.clientsByUser.get(user) ?? new Set<Client>();
      clients.add(client);
      this.clientsByUser.set(user, clients);
      done(null, true);
    };
    this.aedes.authorizePublish = (client, packet, done) => {
      if (!client) return done(null);
      const principal = this.principals.get(client);
      if (!principal) return done(new Error('not authenticated'));
      const refusal = publishRefusal(principal, packet.topic);
      if (refusal) {
        pipeline.reject({ source: 'mqtt', ...refusal, origin: `${packet.topic} from client ${client.id}`, payload: packet.payload as Buffer });
        return done(new Error(refusal.detail));
      }
      if (principal.kind === 'platform' && packet.topic.endsWith('/cmd')) return done(null);
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      const wait = pipeline.acceptDeviceMessage(packet.topic, payload, `client ${client.id}`);
      if (wait) void wait.then(() => done(null));
      else done(null);
    };
    this.aedes.authorizeSubscribe = (client, sub: Subscription, done) => {
      const principal = this.principals.get(client);
      if (principal && maySubscribe(principal, sub.topic)) return done(null, sub);
      this.refusedSubscriptions++;
      log?.warn({ client: client.id, topic: sub.topic }, 'subscription refused by the ACL');
      done(null, null);
    };
    this.aedes.on('clientDisconnect', (client) => {
      const user = this.usernames.get(client);
      const clients = user ? this.clientsByUser.get(user) : undefined;
      if (clients?.delete(client) && clients.size === 0) this.clientsByUser.delete(user!);
    });
    this.aedes.on('clientError', (client, error) => log?.debug({ client: client.id, err: error }, 'MQTT client error'));
    registry.onRevoked((username) => {
      for (const client of this.clientsByUser.get(username) ?? []) client.close();
    });
  }

  /** Counts a refused login and reports it as an authentication event (brute force shows up in detection). */
  private loginRefused(client: Client, username: string | undefined, why: string): void {
    const { pipeline, registry, clock, ids } = this.options;
    pipeline.counters.authFailures++;
    const now = clock.now();
    const asset = username ? registry.asset(username) : undefined;
    const srcIp = (client.conn as { remoteAddress?: string }).remoteAddress;
    void pipeline.acceptEvent({
      id: ids.next(),
      ts: now,
      receivedTs: now,
      source: 'mqtt',
      type: 'auth',
      user: username ?? '',
      outcome: 'failure',
      method: 'mqtt',
      ...(srcIp ? { srcIp } : {}),
      ...(asset ? { assetId: asset.id, district: asset.district } : {}),
      attrs: { clientId: client.id, reason: why },
    });
  }
}
