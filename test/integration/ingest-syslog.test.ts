// Syslog over real UDP and TCP sockets into SQLite: both RFCs, logins recognised as auth events and
// mapped to assets, bad lines quarantined with their counts while the good ones around them arrive.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthEvent, LogEvent } from '../../src/domain/index.js';
import { startHarness, until, type IngestHarness } from './ingest-support.js';

let h: IngestHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function sendUdp(port: number, lines: (string | Buffer)[]): Promise<void> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    let i = 0;
    const next = (error?: Error | null) => {
      if (error) return reject(error);
      if (i === lines.length) return socket.close(() => resolve());
      socket.send(lines[i++]!, port, '127.0.0.1', next);
    };
    next();
  });
}

function sendTcp(port: number, chunks: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', async () => {
      for (const c of chunks) {
        s.write(c);
        await new Promise((r) => setTimeout(r, 5));
      }
      s.end(() => resolve());
    });
    s.on('error', reject);
  });
}

const octet = (m: string) => `${Buffer.byteLength(m)} ${m}`;

describe('syslog ingest', () => {
  it('takes RFC 5424 and RFC 3164 over UDP, recognises logins and maps hosts to assets', async () => {
    h = await startHarness({ syslog: { udpPort: 0, tcpPort: null }, maxPayloadBytes: 2048 });
    await sendUdp(h.ingest.syslog!.udpPort!, [
      '<38>Mar  1 10:00:00 vpn-gw-1 sshd[99]: Failed password for invalid user admin from 203.0.113.5 port 4242 ssh2',
      'no priority here at all',
      '<134>1 2025-03-01T10:00:01Z vpn-gw-1 vpnd - - [origin ip="10.0.0.1"] VPN login succeeded for engineer from 198.51.100.3',
      Buffer.alloc(5000, 'a'),
      '<165>1 2025-03-01T10:00:02Z scada-hmi-1 hmi 1 - - operator opened breaker br-1',
      '<13>Mar  1 10:00:03 unknown-box app: something odd',
    ]);
    await until(() => seen() >= 6);
    await h.settle();
    const auth = (await h.store.events.query({ type: 'auth' })).items as AuthEvent[];
    expect(auth.map((e) => [e.user, e.outcome, e.method, e.srcIp, e.assetId]).sort()).toEqual([
      ['admin', 'failure', 'ssh', '203.0.113.5', 'vpn-1'],
      ['engineer', 'success', 'vpn', '198.51.100.3', 'vpn-1'],
    ]);
    const logs = (await h.store.events.query({ type: 'log' })).items as LogEvent[];
    expect(logs.find((e) => e.host === 'scada-hmi-1')).toMatchObject({ assetId: 'hmi-1', district: 'north', severity: 5, ts: Date.parse('2025-03-01T10:00:02Z') });
    expect(logs.find((e) => e.host === 'unknown-box')).not.toHaveProperty('assetId');
    expect(await h.store.quarantine.countByReason()).toEqual({ malformed: 1, oversized: 1 });
    expect(h.ingest.counters.snapshot().quarantinedBySource).toEqual({ syslog: 2 });
  });

  it('takes octet-counted and LF-framed messages over TCP, split anywhere, and skips an oversized frame', async () => {
    h = await startHarness({ syslog: { udpPort: null, tcpPort: 0 }, maxPayloadBytes: 1024 });
    const stream =
      octet('<38>1 2025-03-01T10:00:00Z vpn-gw-1 sshd 1 - - Accepted password for ops from 10.0.0.5 port 2 ssh2') +
      octet(`<14>1 - host - - - ${'x'.repeat(3000)}`) +
      '<14>Mar  1 10:00:00 scada-hmi-1 app: line one\n' +
      octet('<14>1 - scada-hmi-1 app - - - line two');
    const chunks = stream.match(/[\s\S]{1,97}/g)!;
    await sendTcp(h.ingest.syslog!.tcpPort!, chunks);
    await until(() => seen() >= 4);
    await h.settle();
    expect((await h.store.events.query({ type: 'auth' })).items).toMatchObject([{ user: 'ops', outcome: 'success', assetId: 'vpn-1' }]);
    expect(((await h.store.events.query({ type: 'log' })).items as LogEvent[]).map((e) => e.message).sort()).toEqual(['line one', 'line two']);
    expect(await h.store.quarantine.countByReason()).toEqual({ oversized: 1 });
    expect((await h.store.quarantine.list({})).items[0]!.sizeBytes).toBeGreaterThan(3000);
  });
});

/** Messages ingest has either accepted or quarantined so far. */
function seen(): number {
  const c = h!.ingest.counters.snapshot();
  const sum = (r: Record<string, number | undefined>) => Object.values(r).reduce<number>((a, b) => a + (b ?? 0), 0);
  return sum(c.accepted) + sum(c.quarantinedBySource);
}
