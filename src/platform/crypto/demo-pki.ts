// Demo TLS material: a private CA and one server certificate (for the embedded MQTT broker and the
// API), made with node:crypto alone. For a demo or a lab — a real city uses its own PKI.
import { createECDH, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
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
  const ca = p256KeyPair();
  const server = p256KeyPair();
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
  const pem = (k: KeyObject) => k.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { caCertPem, caKeyPem: pem(ca.privateKey), serverCertPem, serverKeyPem: pem(server.privateKey) };
}

/**
 * A fresh P-256 key pair through ECDH and a JWK import rather than generateKeyPairSync, whose
 * leftover key-generation job can deadlock Node 20 when it is collected during an export or
 * signature with the same key (see raw-keys.ts).
 */
function p256KeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  const ecdh = createECDH('prime256v1');
  const point = ecdh.generateKeys();
  // The scalar may come back shorter than 32 bytes; JWK wants it at full length (RFC 7518 §6.2.2.1).
  const scalar = ecdh.getPrivateKey();
  const d = Buffer.concat([Buffer.alloc(32 - scalar.length), scalar]);
  const jwk = { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') };
  const privateKey = createPrivateKey({ key: { ...jwk, d: d.toString('base64url') }, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
