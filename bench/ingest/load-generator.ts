// The load side of the ingest bench (its own process): opens the MQTT connections listed by the
// platform, then publishes telemetry for every device round-robin, at a target rate or as fast as
// the sockets take it. Each message carries the send time (epoch ms, fractional) as `ts`.
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { AssetKind } from '../../src/domain/index.js';
import { metricsJson } from './bench-city.js';
import { connectPacket, publishPacket } from './mqtt-wire.js';
import type { BenchConnection } from './platform-process.js';

const [portArg, connectionsFile] = process.argv.slice(2) as [string, string];
const port = Number(portArg);
const connections = JSON.parse(readFileSync(connectionsFile, 'utf8')) as BenchConnection[];
const now = () => performance.timeOrigin + performance.now();

interface Device {
  socket: Socket;
  topic: Buffer;
  kind: AssetKind;
  seq: number;
}

const sockets: Socket[] = [];
const devices: Device[] = [];

/** Opens one connection and waits for a successful CONNACK (§3.2). */
function open(c: BenchConnection, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => socket.write(connectPacket(c.clientId, c.username, c.password)));
    socket.setNoDelay(true);
    socket.once('data', (b) => {
      if (b[0] === 0x20 && b[3] === 0) resolve(socket);
      else reject(new Error(`CONNACK refused for ${c.clientId}: ${b.toString('hex')}`));
    });
    socket.once('error', reject);
  });
}

async function openAll(): Promise<void> {
  const wave = 200;
  for (let i = 0; i < connections.length; i += wave) {
    const opened = await Promise.all(connections.slice(i, i + wave).map((c, j) => open(c, `127.0.0.${1 + ((i + j) % 8)}`)));
    opened.forEach((socket, j) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
      for (const d of connections[i + j]!.devices) devices.push({ socket, topic: Buffer.from(d.topic), kind: d.kind as AssetKind, seq: 0 });
    });
  }
}

/** Publishes for `durationMs` at `rate` msgs/s (0: as fast as the sockets drain). */
async function run(rate: number, durationMs: number): Promise<{ sent: number; seconds: number }> {
  const start = now();
  let sent = 0;
  let cursor = 0;
  const pending = new Map<Socket, Buffer[]>();
  const unlimited = rate <= 0;
  while (now() - start < durationMs) {
    const due = unlimited ? 4000 : Math.min(20_000, Math.floor((rate * (now() - start)) / 1000) - sent);
    for (let k = 0; k < due; k++) {
      const d = devices[cursor]!;
      cursor = (cursor + 1) % devices.length;
      if (unlimited && d.socket.writableNeedDrain) continue;
      const ts = now();
      const packet = publishPacket(d.topic, `{"ts":${ts.toFixed(3)},"seq":${d.seq++},"metrics":${metricsJson(d.kind, d.seq)}}`);
      const list = pending.get(d.socket);
      if (list) list.push(packet);
      else pending.set(d.socket, [packet]);
      sent++;
    }
    for (const [socket, list] of pending) socket.write(list.length === 1 ? list[0]! : Buffer.concat(list));
    pending.clear();
    await new Promise((resolve) => (unlimited ? setImmediate(resolve) : setTimeout(resolve, 2)));
  }
  return { sent, seconds: (now() - start) / 1000 };
}

process.on('message', async (msg: { cmd: string; rate?: number; durationMs?: number }) => {
  if (msg.cmd === 'run') process.send!({ type: 'ran', ...(await run(msg.rate ?? 0, msg.durationMs ?? 5000)) });
  if (msg.cmd === 'stop') {
    for (const s of sockets) s.destroy();
    process.exit(0);
  }
});

const t0 = now();
await openAll();
process.send!({ type: 'connected', connections: sockets.length, devices: devices.length, connectMs: now() - t0 });
