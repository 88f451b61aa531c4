import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generatePrivateKey, generateRawKeyPair, privateKeyFromRaw, publicKeyOfRaw, rawPrivateKey, rawPublicKey } from './raw-keys.js';

const run = promisify(execFile);

describe('raw curve-25519 keys', () => {
  it('generates pairs whose public half matches the private key, for both curves', () => {
    for (const algorithm of ['ed25519', 'x25519'] as const) {
      const a = generateRawKeyPair(algorithm);
      const b = generateRawKeyPair(algorithm);
      expect(a.privateKey.length).toBe(32);
      expect(Buffer.from(a.privateKey).equals(Buffer.from(b.privateKey))).toBe(false);
      expect(publicKeyOfRaw(algorithm, a.privateKey)).toEqual(Buffer.from(a.publicKey));
      const key = privateKeyFromRaw(algorithm, a.privateKey, a.publicKey);
      expect(rawPrivateKey(key)).toEqual(Buffer.from(a.privateKey));
      expect(rawPublicKey(generatePrivateKey(algorithm)).length).toBe(32);
    }
  });

  // Node 20's generateKeyPairSync left a job whose collection, during an export of the same key,
  // deadlocked the process (a CI run hung that way). A tiny young generation makes collections
  // happen inside exports; with that code, about one run in five of 3,000 pairs never finished.
  it('keeps generating and exporting keys while the garbage collector runs constantly', async () => {
    const module = fileURLToPath(new URL('./raw-keys.ts', import.meta.url));
    const script = `import { generateRawKeyPair, generatePrivateKey, rawPublicKey } from ${JSON.stringify(module)};
      for (let i = 0; i < 3000; i++) { generateRawKeyPair(i % 2 ? 'ed25519' : 'x25519'); rawPublicKey(generatePrivateKey('x25519')); }
      console.log('done');`;
    const child = () => run(process.execPath, ['--max-semi-space-size=1', '--import', 'tsx', '--input-type=module', '-e', script], { timeout: 25_000 });
    const results = await Promise.all([child(), child()]);
    expect(results.map((r) => r.stdout.trim())).toEqual(['done', 'done']);
  }, 30_000);
});
