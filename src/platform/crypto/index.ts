// Cryptographic primitives shared by the ledger and device security: raw curve-25519 keys, Ed25519,
// HPKE (RFC 9180), ChaCha20-Poly1305, HKDF, and demo X.509 certificates — node:crypto only.
export {
  generateRawKeyPair,
  privateKeyFromRaw,
  publicKeyFromRaw,
  publicKeyOfRaw,
  rawPrivateKey,
  rawPublicKey,
  type CurveAlgorithm,
  type RawKeyPair,
} from './raw-keys.js';
export { Ed25519Signer, Ed25519Verifier } from './ed25519.js';
export { hkdfExpand, hkdfExtract } from './hkdf.js';
export { aeadOpen, aeadSeal, aeadSealAfterAad, nonceForSequence, AEAD_KEY_BYTES, AEAD_NONCE_BYTES, AEAD_TAG_BYTES } from './chacha20-poly1305.js';
export { HpkeContext, HpkePublicKey, HpkeRecipientKey, hpkeOpen, hpkeSeal, setupBaseSender, HPKE_ENC_BYTES } from './hpke.js';
export { issueCertificate, type CertificateSpec } from './x509-certificate.js';
export { createDemoPki, type DemoPki, type DemoPkiOptions } from './demo-pki.js';
