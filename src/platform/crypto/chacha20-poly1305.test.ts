import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aeadOpen, aeadSeal, aeadSealAfterAad, nodeOpen, nodeSeal } from './chacha20-poly1305.js';
import { WASM_AEAD_CAPACITY } from './chacha20-poly1305-wasm.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('ChaCha20-Poly1305', () => {
  it('matches the RFC 8439 §2.8.2 test vector', () => {
    const key = hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
    const nonce = hex('070000004041424344454647');
    const aad = hex('50515253c0c1c2c3c4c5c6c7');
    const plaintext = Buffer.from("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
    const sealed = aeadSeal(key, nonce, aad, plaintext);
    expect(sealed.subarray(0, 16).toString('hex')).toBe('d31a8d34648e60db7b86afbc53ef7ec2');
    expect(sealed.subarray(-16).toString('hex')).toBe('1ae10b594f09e26a7e902ecbd0600691');
    expect(aeadOpen(key, nonce, aad, sealed)).toEqual(plaintext);
  });

  it('agrees with node:crypto on random keys, nonces and lengths, both ways', () => {
    for (let i = 0; i < 300; i++) {
      const key = randomBytes(32);
      const nonce = randomBytes(12);
      const aad = randomBytes(i % 37);
      const plaintext = randomBytes((i * 53) % 1500);
      const sealed = aeadSeal(key, nonce, aad, plaintext);
      expect(sealed.equals(nodeSeal(Buffer.alloc(0), key, nonce, aad, plaintext))).toBe(true);
      expect(nodeOpen(key, nonce, aad, sealed)?.equals(plaintext)).toBe(true);
      expect(aeadOpen(key, nonce, aad, nodeSeal(Buffer.alloc(0), key, nonce, aad, plaintext))?.equals(plaintext)).toBe(true);
      expect(aeadSealAfterAad(key, nonce, aad, plaintext).equals(Buffer.concat([aad, sealed]))).toBe(true);
    }
  });

  it('refuses a changed byte anywhere, in the tag, ciphertext or associated data', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const aad = Buffer.from('device/42/telemetry');
    const sealed = aeadSeal(key, nonce, aad, Buffer.from('{"level":3.2}'));
    for (let at = 0; at < sealed.length; at++) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 0x01;
      expect(aeadOpen(key, nonce, aad, bad)).toBeUndefined();
    }
    expect(aeadOpen(key, nonce, Buffer.from('device/43/telemetry'), sealed)).toBeUndefined();
    expect(aeadOpen(key, nonce, aad, sealed.subarray(0, 10))).toBeUndefined();
  });

  it('falls back to node:crypto beyond the WebAssembly memory, with the same result', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const plaintext = randomBytes(WASM_AEAD_CAPACITY + 1000);
    const sealed = aeadSeal(key, nonce, Buffer.alloc(0), plaintext);
    expect(sealed.equals(nodeSeal(Buffer.alloc(0), key, nonce, Buffer.alloc(0), plaintext))).toBe(true);
    expect(aeadOpen(key, nonce, Buffer.alloc(0), sealed)?.equals(plaintext)).toBe(true);
  });
});
