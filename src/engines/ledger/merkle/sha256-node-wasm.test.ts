import { createHash } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { SLOT_A, SLOT_B, SLOT_C, wasmNodeHasher } from './sha256-node-wasm.js';

const { node, memory } = wasmNodeHasher;
const reference = (left: Uint8Array, right: Uint8Array) => createHash('sha256').update(Buffer.of(0x01)).update(left).update(right).digest();
const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('the generated WebAssembly node hash', () => {
  test.prop([hash32, hash32], { numRuns: 2000 })('equals SHA-256(0x01 ‖ left ‖ right) from node:crypto', (left, right) => {
    memory.set(left, SLOT_A);
    memory.set(right, SLOT_B);
    node(SLOT_A, SLOT_B, SLOT_C);
    expect(memory.subarray(SLOT_C, SLOT_C + 32).equals(reference(left, right))).toBe(true);
  });

  it('may write its result over either input, as proof checking does', () => {
    const left = Buffer.alloc(32, 0xab);
    const right = Buffer.alloc(32, 0x5c);
    memory.set(left, SLOT_A);
    memory.set(right, SLOT_B);
    node(SLOT_A, SLOT_B, SLOT_A);
    expect(memory.subarray(SLOT_A, SLOT_A + 32).equals(reference(left, right))).toBe(true);
    memory.set(left, SLOT_A);
    node(SLOT_B, SLOT_A, SLOT_A);
    expect(memory.subarray(SLOT_A, SLOT_A + 32).equals(reference(right, left))).toBe(true);
  });

  it('hashes all-zero children like node:crypto', () => {
    memory.fill(0, SLOT_A, SLOT_A + 64);
    node(SLOT_A, SLOT_B, SLOT_C);
    expect(memory.subarray(SLOT_C, SLOT_C + 32).toString('hex')).toBe(reference(Buffer.alloc(32), Buffer.alloc(32)).toString('hex'));
  });
});
