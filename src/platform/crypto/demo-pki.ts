// Demo TLS material: a private CA and one server certificate (for the embedded MQTT broker and the
// API), made with node:crypto alone. For a demo or a lab — a real city uses its own PKI.
import { generateKeyPairSync } from 'node:crypto';
import { issueCertificate } from './x509-certificate.js';

/** Options for `createDemoPki`. */
export interface DemoPkiOptions {
  /** Host names and IP addresses the server certificate is valid for. */
  serverNames: string[];
  /** Validity in days from `now`. */
  validDays: number;
  /** Organization written into both certificates. */
  organization?: string;
  now?: Date;
}

/** PEM-encoded CA and server certificate with their PKCS #8 private keys. */
export interface DemoPki {
  caCertPem: string;
  caKeyPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

/** Creates a CA (ECDSA P-256) and a server certificate it signs. */
export function createDemoPki(options: DemoPkiOptions): DemoPki {
  if (options.serverNames.length === 0) throw new RangeError('at least one server name is needed');
  const now = options.now ?? new Date();
  // Back-date a little so clocks that lag the issuer still accept the certificate.
  const notBefore = new Date(now.getTime() - 5 * 60_000);
  const notAfter = new Date(now.getTime() + options.validDays * 86_400_000);
  const organization = options.organization ?? 'cityguard demo';
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const server = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caName = { commonName: 'cityguard demo CA', organization };
  const caCertPem = issueCertificate({
    subject: caName,
    issuer: caName,
    publicKey: ca.publicKey,
    issuerKey: ca.privateKey,
    notBefore,
    notAfter,
    isCa: true,
  });
  const serverCertPem = issueCertificate({
    subject: { commonName: options.serverNames[0]!, organization },
    issuer: caName,
    publicKey: server.publicKey,
    issuerKey: ca.privateKey,
    notBefore,
    notAfter,
    isCa: false,
    altNames: options.serverNames,
    usages: ['server', 'client'],
  });
  const pem = (k: typeof ca.privateKey) => k.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { caCertPem, caKeyPem: pem(ca.privateKey), serverCertPem, serverKeyPem: pem(server.privateKey) };
}
