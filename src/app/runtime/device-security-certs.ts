// TLS material for the embedded MQTT broker when the configuration asks for it to be generated
// (the demo): the same demo CA and server certificate `cityguard certs` makes, written at first
// start to the configured paths and reused afterwards. Devices trust the CA certificate.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RuntimeConfig } from '../../domain/index.js';
import { createDemoPki } from '../../platform/crypto/index.js';

/** The broker's TLS settings, with `generate` and `caFile` as in the configuration. */
type BrokerTls = NonNullable<RuntimeConfig['mqtt']['embedded']['tls']>;

/** Writes a demo CA and server certificate when `generate` is set and any file is missing; returns true when it wrote them. */
export function ensureBrokerCertificates(tls: BrokerTls, hostNames: readonly string[]): boolean {
  const caFile = tls.caFile ?? join(dirname(tls.certFile), 'ca.pem');
  if (!tls.generate || [tls.certFile, tls.keyFile, caFile].every((f) => existsSync(f))) return false;
  const names = [...new Set([...hostNames, 'localhost', '127.0.0.1', '::1'])];
  const pki = createDemoPki({ serverNames: names, validDays: 365 });
  for (const f of [tls.certFile, tls.keyFile, caFile]) mkdirSync(dirname(f), { recursive: true, mode: 0o700 });
  writeFileSync(caFile, pki.caCertPem);
  writeFileSync(tls.certFile, pki.serverCertPem);
  writeFileSync(tls.keyFile, pki.serverKeyPem, { mode: 0o600 });
  // The CA key is not kept: nothing more is ever issued from this demo CA (use `cityguard certs` for that).
  return true;
}
