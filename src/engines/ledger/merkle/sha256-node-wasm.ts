// RFC 9162 node hashes, SHA-256(0x01 ‖ left ‖ right), in WebAssembly generated at load time.
// A node hash is the whole cost of tree appends and proof checks, and through node:crypto it is
// mostly the price of crossing into C++ (~0.9 µs for 100 ns of hashing). Here the two SHA-256
// blocks (FIPS 180-4 §6.2) are unrolled with the message schedule in locals, and everything known
// when the code is generated — the 0x01 prefix, the padding and length of block 2 — is folded into
// constants. Inputs and outputs live in the module's memory, so a proof is checked without
// allocating. One instance per thread (module state is not shared between workers).
import { I32, instantiateModule, moduleBytes, op } from '../../../platform/wasm/index.js';

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** Memory layout: the 65-byte message at SCRATCH (0x01 prefix set once), then slots for callers. */
const SCRATCH = 1024;
/** Byte offsets of three 32-byte hash slots callers may use. */
export const SLOT_A = 2048;
export const SLOT_B = 2080;
export const SLOT_C = 2112;

// Locals: 0 left, 1 right, 2 out (params); 3–10 working variables; 11–26 schedule words; 27 t1; 28–35 block-1 result.
const T1 = 27;
const wLocal = (t: number) => 11 + (t % 16);
const rotr32 = (x: number, n: number) => ((x >>> n) | (x << (32 - n))) >>> 0;
const sigma0 = (x: number) => (rotr32(x, 7) ^ rotr32(x, 18) ^ (x >>> 3)) >>> 0;
const sigma1 = (x: number) => (rotr32(x, 17) ^ rotr32(x, 19) ^ (x >>> 10)) >>> 0;

/** A schedule word as generated: a constant known now, or a value held in its local. */
type Word = { kind: 'const'; value: number } | { kind: 'local' };

const bswap = (load: number[]) => [...load, ...op.i32(8), ...op.rotl, ...op.i32(0x00ff00ff), ...op.and, ...load, ...op.i32(8), ...op.rotr, ...op.i32(0xff00ff00 | 0), ...op.and, ...op.or];
const rot3 = (x: number, a: number, b: number, c: number, shiftLast = false) => [
  ...op.get(x), ...op.i32(a), ...op.rotr,
  ...op.get(x), ...op.i32(b), ...op.rotr, ...op.xor,
  ...op.get(x), ...op.i32(c), ...(shiftLast ? op.shrU : op.rotr), ...op.xor,
];

/** Code computing schedule word t (t ≥ 16) into its local, folding the terms that are constant. */
function scheduleWord(words: Word[], t: number, code: number[]): Word {
  // W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16]  (FIPS 180-4 §6.2.2 step 1)
  const terms: Array<{ back: number; emit: (local: number) => number[]; fold: (v: number) => number }> = [
    { back: 2, emit: (l) => rot3(l, 17, 19, 10, true), fold: sigma1 },
    { back: 7, emit: (l) => op.get(l), fold: (v) => v },
    { back: 15, emit: (l) => rot3(l, 7, 18, 3, true), fold: sigma0 },
    { back: 16, emit: (l) => op.get(l), fold: (v) => v },
  ];
  let constant = 0;
  let emitted = 0;
  for (const { back, emit, fold } of terms) {
    const word = words[t - back]!;
    if (word.kind === 'const') constant = (constant + fold(word.value)) >>> 0;
    else {
      code.push(...emit(wLocal(t - back)));
      if (emitted++ > 0) code.push(...op.add);
    }
  }
  if (emitted === 0) return { kind: 'const', value: constant };
  if (constant !== 0) code.push(...op.i32(constant), ...op.add);
  code.push(...op.set(wLocal(t)));
  return { kind: 'local' };
}

/** 64 rounds over `vars` (a..h locals, renamed per round instead of moved); returns the final naming. */
function rounds(words: Word[], vars: number[], code: number[]): number[] {
  let v = vars;
  for (let t = 0; t < 64; t++) {
    if (t >= 16) words[t] = scheduleWord(words, t, code);
    const [a, b, c, d, e, f, g, h] = v as [number, number, number, number, number, number, number, number];
    const w = words[t]!;
    const constant = (K[t]! + (w.kind === 'const' ? w.value : 0)) | 0;
    // t1 = h + Σ1(e) + Ch(e,f,g) + K[t] + W[t]
    code.push(...op.get(h), ...rot3(e, 6, 11, 25), ...op.add, ...op.get(g), ...op.get(e), ...op.get(f), ...op.get(g), ...op.xor, ...op.and, ...op.xor, ...op.add);
    code.push(...op.i32(constant), ...op.add);
    if (w.kind === 'local') code.push(...op.get(wLocal(t)), ...op.add);
    code.push(...op.set(T1));
    // d += t1; h = t1 + Σ0(a) + Maj(a,b,c); then rename so h becomes a
    code.push(...op.get(d), ...op.get(T1), ...op.add, ...op.set(d));
    code.push(...op.get(T1), ...rot3(a, 2, 13, 22), ...op.add);
    code.push(...op.get(a), ...op.get(b), ...op.and, ...op.get(c), ...op.get(a), ...op.get(b), ...op.or, ...op.and, ...op.or, ...op.add, ...op.set(h));
    v = [h, a, b, c, d, e, f, g];
  }
  return v;
}

/** The body of node(left, right, out): out = SHA-256(0x01 ‖ mem[left..+32] ‖ mem[right..+32]). */
function nodeFunctionBody(): number[] {
  const code: number[] = [];
  for (let k = 0; k < 4; k++) code.push(...op.i32(0), ...op.get(0), ...op.load64(8 * k), ...op.store64(SCRATCH + 1 + 8 * k));
  for (let k = 0; k < 4; k++) code.push(...op.i32(0), ...op.get(1), ...op.load64(8 * k), ...op.store64(SCRATCH + 33 + 8 * k));
  // Block 1: the 64 bytes at SCRATCH, from the initial hash value.
  const words1: Word[] = [];
  for (let k = 0; k < 16; k++) {
    code.push(...bswap([...op.i32(0), ...op.load(SCRATCH + 4 * k)]), ...op.set(wLocal(k)));
    words1.push({ kind: 'local' });
  }
  const vars = [3, 4, 5, 6, 7, 8, 9, 10];
  vars.forEach((l, k) => code.push(...op.i32(IV[k]!), ...op.set(l)));
  const after1 = rounds(words1, vars, code);
  const mid = [28, 29, 30, 31, 32, 33, 34, 35];
  after1.forEach((l, k) => code.push(...op.get(l), ...op.i32(IV[k]!), ...op.add, ...op.set(mid[k]!)));
  // Block 2: the last message byte, 0x80, zeros and the length 520 bits (FIPS 180-4 §5.1.1).
  code.push(...op.i32(0), ...op.load8(SCRATCH + 64), ...op.i32(24), ...op.shl, ...op.i32(0x00800000), ...op.or, ...op.set(wLocal(0)));
  const words2: Word[] = [{ kind: 'local' }];
  for (let k = 1; k < 15; k++) words2.push({ kind: 'const', value: 0 });
  words2.push({ kind: 'const', value: 520 });
  vars.forEach((l, k) => code.push(...op.get(mid[k]!), ...op.set(l)));
  const after2 = rounds(words2, vars, code);
  after2.forEach((l, k) => code.push(...op.get(2), ...bswap([...op.get(l), ...op.get(mid[k]!), ...op.add]), ...op.store(4 * k)));
  return code;
}

interface NodeHasher {
  /** node(leftOffset, rightOffset, outOffset) over the module's memory; out may be left or right. */
  node: (left: number, right: number, out: number) => void;
  /** The module's memory, as a Buffer view. */
  memory: Buffer;
}

function instantiate(): NodeHasher {
  const { exports, memory } = instantiateModule(moduleBytes(1, [{ name: 'node', params: 3, locals: [[33, I32]], body: nodeFunctionBody() }]));
  memory[SCRATCH] = 0x01;
  return { node: exports['node'] as NodeHasher['node'], memory };
}

/** This thread's node hasher (the memory is one page and never grows, so views into it stay valid). */
export const wasmNodeHasher: NodeHasher = instantiate();
