// Issues X.509 v3 certificates (RFC 5280) with ECDSA P-256 / SHA-256 using node:crypto only:
// node can parse certificates but not make them, so the TBSCertificate is DER-encoded here.
import { createHash, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import * as der from './der-writer.js';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** What to put in one certificate. */
export interface CertificateSpec {
  subject: { commonName: string; organization?: string };
  /** The issuer's name; the subject's own for a self-signed CA. */
  issuer: { commonName: string; organization?: string };
  /** The certified key (public or private; only its public half is used). */
  publicKey: KeyObject;
  /** The issuer's ECDSA P-256 private key that signs the certificate. */
  issuerKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  /** DNS names and IP addresses for subjectAltName (RFC 5280 §4.2.1.6). */
  altNames?: string[];
  /** Extended key usages for a leaf: server, client or both. */
  usages?: Array<'server' | 'client'>;
}

function name(n: { commonName: string; organization?: string }): Buffer {
  const rdns = [];
  if (n.organization) rdns.push(der.set(der.sequence(der.objectIdentifier(OID.organization), der.utf8String(n.organization))));
  rdns.push(der.set(der.sequence(der.objectIdentifier(OID.commonName), der.utf8String(n.commonName))));
  return der.sequence(...rdns);
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return der.sequence(der.objectIdentifier(oid), ...(critical ? [der.boolean(true)] : []), der.octetString(value));
}

/** Key identifier: the first 160 bits of SHA-256 over the key bits (RFC 7093 §2 method 1). */
function keyIdentifier(spki: Buffer): Buffer {
  return createHash('sha256').update(spki).digest().subarray(0, 20);
}

function altName(value: string): Buffer {
  const family = isIP(value);
  if (family === 4) return der.contextTag(7, Buffer.from(value.split('.').map(Number)), false);
  if (family === 6) return der.contextTag(7, ipv6Bytes(value), false);
  return der.contextTag(2, Buffer.from(value, 'ascii'), false);
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail = ''] = address.split('::');
  const parts = (s: string) => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
  const left = parts(head);
  const right = address.includes('::') ? parts(tail) : [];
  const groups = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}

function extensions(spec: CertificateSpec, subjectSpki: Buffer, issuerSpki: Buffer): Buffer {
  const list = [
    extension(OID.basicConstraints, true, spec.isCa ? der.sequence(der.boolean(true), der.unsignedInteger(0)) : der.sequence()),
    // keyUsage bits (RFC 5280 §4.2.1.3): digitalSignature(0), keyCertSign(5), cRLSign(6).
    extension(OID.keyUsage, true, spec.isCa ? der.bitString(Buffer.of(0x86), 1) : der.bitString(Buffer.of(0x80), 7)),
    extension(OID.subjectKeyIdentifier, false, der.octetString(keyIdentifier(subjectSpki))),
    extension(OID.authorityKeyIdentifier, false, der.sequence(der.contextTag(0, keyIdentifier(issuerSpki), false))),
  ];
  if (!spec.isCa) {
    const usages = spec.usages ?? ['server'];
    const oids = usages.map((u) => der.objectIdentifier(u === 'server' ? OID.serverAuth : OID.clientAuth));
    list.push(extension(OID.extKeyUsage, false, der.sequence(...oids)));
  }
  if (spec.altNames && spec.altNames.length > 0) {
    list.push(extension(OID.subjectAltName, false, der.sequence(...spec.altNames.map(altName))));
  }
  return der.contextTag(3, der.sequence(...list), true);
}

function spkiOf(key: KeyObject): Buffer {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
}

/** Issues one certificate and returns it PEM-encoded. */
export function issueCertificate(spec: CertificateSpec): string {
  const subjectSpki = spkiOf(spec.publicKey);
  const issuerSpki = spkiOf(spec.issuerKey);
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const algorithm = der.sequence(der.objectIdentifier(OID.ecdsaWithSha256));
  const tbs = der.sequence(
    der.contextTag(0, der.unsignedInteger(2), true),
    der.unsignedInteger(serial),
    algorithm,
    name(spec.issuer),
    der.sequence(der.time(spec.notBefore), der.time(spec.notAfter)),
    name(spec.subject),
    subjectSpki,
    extensions(spec, subjectSpki, issuerSpki),
  );
  const signature = sign('sha256', tbs, { key: spec.issuerKey, dsaEncoding: 'der' });
  const certificate = der.sequence(tbs, algorithm, der.bitString(signature));
  const body = certificate.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
