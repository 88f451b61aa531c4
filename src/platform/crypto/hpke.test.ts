import { CipherSuite, HkdfSha256 } from '@hpke/core';
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { describe, expect, it } from 'vitest';
import { generateRawKeyPair } from './raw-keys.js';
import { HpkeRecipientKey, hpkeOpen, hpkeSeal, setupBaseSender } from './hpke.js';

const hex = (s: string) => Buffer.from(s, 'hex');

// RFC 9180 Appendix A.2.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305, mode_base.
const A21 = {
  info: hex('4f6465206f6e2061204772656369616e2055726e'),
  skEm: hex('f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600'),
  pkEm: hex('1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a'),
  skRm: hex('8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb'),
  pkRm: hex('4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a'),
  key: 'ad2744de8e17f4ebba575b3f5f5a8fa1f69c2a07f6e7500bc60ca6e3e3ec1c91',
  baseNonce: '5c4d98150661b848853b547f',
  exporterSecret: 'a3b010d4994890e2c6968a36f64470d3c824c8f5029942feb11e7a74b2921922',
  pt: hex('4265617574792069732074727574682c20747275746820626561757479'),
  encryptions: [
    [0, '436f756e742d30', '1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28'],
    [1, '436f756e742d31', '6b53c051e4199c518de79594e1c4ab18b96f081549d45ce015be002090bb119e85285337cc95ba5f59992dc98c'],
    [2, '436f756e742d32', '71146bd6795ccc9c49ce25dda112a48f202ad220559502cef1f34271e0cb4b02b4f10ecac6f48c32f878fae86b'],
  ] as const,
  exports: [
    ['', '4bbd6243b8bb54cec311fac9df81841b6fd61f56538a775e7c80a9f40160606e'],
    ['00', '8c1df14732580e5501b00f82b10a1647b40713191b7c1240ac80e2b68808ba69'],
    ['54657374436f6e74657874', '5acb09211139c43b3090489a9da433e8a30ee7188ba8b0a9a1ccf0c229283e53'],
  ] as const,
};

function hpkeCoreSuite(): CipherSuite {
  return new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Chacha20Poly1305() });
}

describe('HPKE base mode (RFC 9180 A.2.1)', () => {
  it('derives the key schedule the RFC pins from the fixed ephemeral key', () => {
    const { enc, context } = setupBaseSender(A21.pkRm, A21.info, { privateKey: A21.skEm, publicKey: A21.pkEm });
    expect(enc.toString('hex')).toBe(A21.pkEm.toString('hex'));
    expect(context.key.toString('hex')).toBe(A21.key);
    expect(context.baseNonce.toString('hex')).toBe(A21.baseNonce);
    expect(context.exporterSecret.toString('hex')).toBe(A21.exporterSecret);
  });

  it('produces the RFC ciphertexts for sequence numbers 0, 1 and 2, and the receiver opens them in order', () => {
    const { context } = setupBaseSender(A21.pkRm, A21.info, { privateKey: A21.skEm, publicKey: A21.pkEm });
    const receiver = new HpkeRecipientKey(A21.skRm).setupReceiver(A21.pkEm, A21.info);
    for (const [, aad, ct] of A21.encryptions) {
      expect(context.seal(hex(aad), A21.pt).toString('hex')).toBe(ct);
      expect(receiver.open(hex(aad), hex(ct))?.equals(A21.pt)).toBe(true);
    }
  });

  it('exports the RFC secrets', () => {
    const receiver = new HpkeRecipientKey(A21.skRm).setupReceiver(A21.pkEm, A21.info);
    for (const [ctx, value] of A21.exports) expect(receiver.export(hex(ctx), 32).toString('hex')).toBe(value);
  });

  it('rejects a ciphertext with one flipped bit and one opened with the wrong key', () => {
    const recipient = generateRawKeyPair('x25519');
    const { enc, ciphertext } = hpkeSeal(recipient.publicKey, A21.info, Buffer.from('aad'), A21.pt);
    const flipped = Buffer.from(ciphertext);
    flipped[3]! ^= 0x01;
    expect(hpkeOpen(new HpkeRecipientKey(recipient.privateKey), enc, A21.info, Buffer.from('aad'), flipped)).toBeUndefined();
    const stranger = new HpkeRecipientKey(generateRawKeyPair('x25519').privateKey);
    expect(hpkeOpen(stranger, enc, A21.info, Buffer.from('aad'), ciphertext)).toBeUndefined();
    expect(hpkeOpen(new HpkeRecipientKey(recipient.privateKey), enc, A21.info, Buffer.from('aad'), ciphertext)?.equals(A21.pt)).toBe(true);
  });

  it('rejects a low-order encapsulated key instead of deriving a key from the all-zero secret', () => {
    const recipient = new HpkeRecipientKey(generateRawKeyPair('x25519').privateKey);
    expect(hpkeOpen(recipient, Buffer.alloc(32), A21.info, Buffer.alloc(0), Buffer.alloc(32))).toBeUndefined();
  });
});

describe('HPKE interoperates with @hpke/core', () => {
  it('opens what @hpke/core seals and @hpke/core opens what we seal', async () => {
    const suite = hpkeCoreSuite();
    const recipient = generateRawKeyPair('x25519');
    const publicKey = await suite.kem.deserializePublicKey(recipient.publicKey);
    const sender = await suite.createSenderContext({ recipientPublicKey: publicKey, info: A21.info });
    const theirs = await sender.seal(A21.pt, Buffer.from('aad'));
    const ours = new HpkeRecipientKey(recipient.privateKey).setupReceiver(new Uint8Array(sender.enc), A21.info);
    expect(ours.open(Buffer.from('aad'), new Uint8Array(theirs))?.equals(A21.pt)).toBe(true);

    const sealed = hpkeSeal(recipient.publicKey, A21.info, Buffer.from('aad'), A21.pt);
    const privateKey = await suite.kem.deserializePrivateKey(recipient.privateKey);
    const theirReceiver = await suite.createRecipientContext({ recipientKey: privateKey, enc: sealed.enc, info: A21.info });
    expect(Buffer.from(await theirReceiver.open(sealed.ciphertext, Buffer.from('aad'))).equals(A21.pt)).toBe(true);
  });
});
