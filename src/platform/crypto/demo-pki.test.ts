import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect, createServer } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { createDemoPki } from './demo-pki.js';

const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));

describe('demo PKI', () => {
  const pki = createDemoPki({ serverNames: ['localhost', '127.0.0.1', '::1'], validDays: 7 });

  it('issues a CA that signs the server certificate and names every host', () => {
    const ca = new X509Certificate(pki.caCertPem);
    const server = new X509Certificate(pki.serverCertPem);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('evil.example')).toBeUndefined();
    expect(server.subjectAltName).toContain('IP Address:0:0:0:0:0:0:0:1');
  });

  it('completes a real TLS handshake for localhost with only the CA trusted', async () => {
    const server = createServer({ cert: pki.serverCertPem, key: pki.serverKeyPem }, (socket) => socket.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: pki.caCertPem }, () => {
          socket.setEncoding('utf8');
          let text = '';
          socket.on('data', (d) => (text += d));
          socket.on('end', () => resolve(text));
        });
        socket.on('error', reject);
      });
      expect(reply).toBe('hello');
    } finally {
      server.close();
    }
  });

  it.skipIf(OPENSSL === undefined)('passes `openssl verify` against the CA', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-pki-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), pki.caCertPem);
      writeFileSync(join(dir, 'server.pem'), pki.serverCertPem);
      const out = execFileSync(OPENSSL!, ['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'server.pem')]).toString();
      expect(out).toContain('OK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
