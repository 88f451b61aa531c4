// ChaCha20-Poly1305 (RFC 8439) in WebAssembly generated at load time, for small messages sealed
// and opened at a high rate (device telemetry). Through node:crypto a 150-byte message costs ~7 µs,
// nearly all of it making a cipher object and crossing into C++ five times; here it is ~1 µs.
// ChaCha20 (§2.3) is unrolled on 16 i32 locals; Poly1305 (§2.5) uses five 26-bit limbs in i64.
// No branch or memory index depends on secret data; tags are compared with timingSafeEqual.
// Messages larger than the module's memory return undefined, and callers use node:crypto.
import { timingSafeEqual } from 'node:crypto';
import { I32, I64, instantiateModule, moduleBytes, op } from '../wasm/index.js';

const KEY = 0;
const NONCE = 32;
const POLY_KEY = 64;
const TAG = 96;
const BLOCK = 128;
const DATA = 256;
const PAGES = 4;
/** Largest aad + message (with padding and lengths) handled here, in bytes. */
export const WASM_AEAD_CAPACITY = PAGES * 65536 - DATA;

const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];

/** block(counter): the ChaCha20 block for KEY, NONCE and counter, written to BLOCK (§2.3). */
function blockBody(): number[] {
  const x = (i: number) => 1 + i; // locals 1..16; param 0 is the counter
  const initial = (i: number): number[] =>
    i < 4 ? op.i32(SIGMA[i]!) : i < 12 ? [...op.i32(0), ...op.load(KEY + 4 * (i - 4))] : i === 12 ? op.get(0) : [...op.i32(0), ...op.load(NONCE + 4 * (i - 13))];
  const code: number[] = [];
  for (let i = 0; i < 16; i++) code.push(...initial(i), ...op.set(x(i)));
  const step = (a: number, b: number, d: number, rot: number) =>
    code.push(...op.get(x(a)), ...op.get(x(b)), ...op.add, ...op.tee(x(a)), ...op.get(x(d)), ...op.xor, ...op.i32(rot), ...op.rotl, ...op.set(x(d)));
  const quarter = (a: number, b: number, c: number, d: number) => {
    step(a, b, d, 16);
    step(c, d, b, 12);
    step(a, b, d, 8);
    step(c, d, b, 7);
  };
  for (let r = 0; r < 10; r++) {
    quarter(0, 4, 8, 12);
    quarter(1, 5, 9, 13);
    quarter(2, 6, 10, 14);
    quarter(3, 7, 11, 15);
    quarter(0, 5, 10, 15);
    quarter(1, 6, 11, 12);
    quarter(2, 7, 8, 13);
    quarter(3, 4, 9, 14);
  }
  for (let i = 0; i < 16; i++) code.push(...op.i32(0), ...op.get(x(i)), ...initial(i), ...op.add, ...op.store(BLOCK + 4 * i));
  return code;
}

/** xor(counter, ptr, len): XORs the keystream from block `counter` into memory [ptr, ptr + len). */
function xorBody(): number[] {
  const [counter, ptr, len, i] = [0, 1, 2, 3];
  const code: number[] = [...op.block, ...op.loop, ...op.get(len), ...op.i32(64), ...op.ltU, ...op.brIf(1), ...op.get(counter), ...op.call(0)];
  for (let k = 0; k < 16; k++) code.push(...op.get(ptr), ...op.get(ptr), ...op.load(4 * k), ...op.i32(0), ...op.load(BLOCK + 4 * k), ...op.xor, ...op.store(4 * k));
  code.push(...op.get(ptr), ...op.i32(64), ...op.add, ...op.set(ptr), ...op.get(len), ...op.i32(64), ...op.sub, ...op.set(len));
  code.push(...op.get(counter), ...op.i32(1), ...op.add, ...op.set(counter), ...op.br(0), ...op.end, ...op.end);
  // The last, partial block byte by byte.
  code.push(...op.block, ...op.get(len), ...op.eqz, ...op.brIf(0), ...op.get(counter), ...op.call(0), ...op.loop);
  code.push(...op.get(ptr), ...op.get(i), ...op.add, ...op.get(ptr), ...op.get(i), ...op.add, ...op.load8(0), ...op.get(i), ...op.load8(BLOCK), ...op.xor, ...op.store8(0));
  code.push(...op.get(i), ...op.i32(1), ...op.add, ...op.tee(i), ...op.get(len), ...op.ltU, ...op.brIf(0), ...op.end, ...op.end);
  return code;
}

/** poly(ptr, len): the Poly1305 tag of [ptr, ptr + len) (len a multiple of 16) under POLY_KEY, to TAG (§2.5). */
function polyBody(): number[] {
  const [ptr, len] = [0, 1];
  const r = (k: number) => 2 + k;
  const s = (k: number) => 6 + k; // s1..s4 at 7..10 (s0 unused)
  const h = (k: number) => 11 + k;
  const d = (k: number) => 16 + k;
  const g = (k: number) => 22 + k;
  const [c, mask] = [21, 27];
  const M = op.i64(0x3ffffffn);
  const code: number[] = [];
  const clamp = [0x3ffffffn, 0x3ffff03n, 0x3ffc0ffn, 0x3f03fffn, 0x00fffffn];
  for (let k = 0; k < 5; k++) code.push(...op.i32(0), ...op.load32As64(POLY_KEY + 3 * k), ...op.i64(BigInt(2 * k)), ...op.shrU64, ...op.i64(clamp[k]!), ...op.and64, ...op.set(r(k)));
  for (let k = 1; k < 5; k++) code.push(...op.get(r(k)), ...op.i64(5n), ...op.mul64, ...op.set(s(k)));
  code.push(...op.block, ...op.loop, ...op.get(len), ...op.eqz, ...op.brIf(1));
  for (let k = 0; k < 5; k++) {
    code.push(...op.get(h(k)), ...op.get(ptr), ...op.load32As64(3 * k), ...op.i64(BigInt(2 * k)), ...op.shrU64);
    code.push(...(k < 4 ? [...M, ...op.and64] : [...op.i64(1n << 24n), ...op.or64]), ...op.add64, ...op.set(h(k)));
  }
  // d_k = Σ h_i · r_{k−i}, with r_{j} for j < 0 replaced by s_{j+5} = 5 · r_{j+5} (reduction mod 2^130 − 5).
  for (let k = 0; k < 5; k++) {
    for (let i = 0; i < 5; i++) {
      const j = k - i;
      code.push(...op.get(h(i)), ...op.get(j >= 0 ? r(j) : s(j + 5)), ...op.mul64);
      if (i > 0) code.push(...op.add64);
    }
    code.push(...op.set(d(k)));
  }
  // Carry d0 → d1 → … → d4 into h, and d4's carry back into h0 times 5 (2^130 ≡ 5).
  for (let k = 0; k < 5; k++) {
    if (k > 0) code.push(...op.get(d(k)), ...op.get(c), ...op.add64, ...op.set(d(k)));
    code.push(...op.get(d(k)), ...op.i64(26n), ...op.shrU64, ...op.set(c), ...op.get(d(k)), ...M, ...op.and64, ...op.set(h(k)));
  }
  code.push(...op.get(h(0)), ...op.get(c), ...op.i64(5n), ...op.mul64, ...op.add64, ...op.set(h(0)));
  code.push(...op.get(h(0)), ...op.i64(26n), ...op.shrU64, ...op.set(c), ...op.get(h(0)), ...M, ...op.and64, ...op.set(h(0)));
  code.push(...op.get(h(1)), ...op.get(c), ...op.add64, ...op.set(h(1)));
  code.push(...op.get(ptr), ...op.i32(16), ...op.add, ...op.set(ptr), ...op.get(len), ...op.i32(16), ...op.sub, ...op.set(len), ...op.br(0), ...op.end, ...op.end);
  // Full carry as poly1305-donna does it (h1 may end one carry above 26 bits), then h − p (g)
  // replaces h when it does not go negative, in constant time.
  const limb = (k: number, first: boolean) =>
    code.push(...(first ? [] : [...op.get(h(k)), ...op.get(c), ...op.add64, ...op.set(h(k))]), ...op.get(h(k)), ...op.i64(26n), ...op.shrU64, ...op.set(c), ...op.get(h(k)), ...M, ...op.and64, ...op.set(h(k)));
  limb(1, true);
  for (const k of [2, 3, 4]) limb(k, false);
  code.push(...op.get(h(0)), ...op.get(c), ...op.i64(5n), ...op.mul64, ...op.add64, ...op.set(h(0)));
  limb(0, true);
  code.push(...op.get(h(1)), ...op.get(c), ...op.add64, ...op.set(h(1)));
  code.push(...op.get(h(0)), ...op.i64(5n), ...op.add64, ...op.set(g(0)), ...op.get(g(0)), ...op.i64(26n), ...op.shrU64, ...op.set(c), ...op.get(g(0)), ...M, ...op.and64, ...op.set(g(0)));
  for (const k of [1, 2, 3]) code.push(...op.get(h(k)), ...op.get(c), ...op.add64, ...op.set(g(k)), ...op.get(g(k)), ...op.i64(26n), ...op.shrU64, ...op.set(c), ...op.get(g(k)), ...M, ...op.and64, ...op.set(g(k)));
  code.push(...op.get(h(4)), ...op.get(c), ...op.add64, ...op.i64(1n << 26n), ...op.sub64, ...op.set(g(4)));
  code.push(...op.get(g(4)), ...op.i64(63n), ...op.shrU64, ...op.i64(1n), ...op.sub64, ...op.set(mask));
  for (let k = 0; k < 5; k++) {
    code.push(...op.get(h(k)), ...op.get(mask), ...op.i64(-1n), ...op.xor64, ...op.and64, ...op.get(g(k)), ...op.get(mask), ...op.and64, ...op.or64, ...op.set(h(k)));
  }
  // h as four 32-bit words, plus s (the key's second half) with carries: the tag (§2.5.1).
  const word = (lo: number, hi: number, shiftLo: number, shiftHi: number) => [
    ...op.get(h(lo)), ...op.i64(BigInt(shiftLo)), ...op.shrU64, ...op.get(h(hi)), ...op.i64(BigInt(shiftHi)), ...op.shl64, ...op.or64, ...op.i64(0xffffffffn), ...op.and64,
  ];
  const words = [word(0, 1, 0, 26), word(1, 2, 6, 20), word(2, 3, 12, 14), word(3, 4, 18, 8)];
  code.push(...op.i64(0n), ...op.set(c));
  words.forEach((w, k) => {
    code.push(...w, ...op.i32(0), ...op.load32As64(POLY_KEY + 16 + 4 * k), ...op.add64, ...op.get(c), ...op.add64, ...op.set(d(0)));
    code.push(...op.i32(0), ...op.get(d(0)), ...op.store64As32(TAG + 4 * k), ...op.get(d(0)), ...op.i64(32n), ...op.shrU64, ...op.set(c));
  });
  return code;
}

const { exports, memory } = instantiateModule(
  moduleBytes(PAGES, [
    { name: 'block', params: 1, locals: [[16, I32]], body: blockBody() },
    { name: 'xor', params: 3, locals: [[1, I32]], body: xorBody() },
    { name: 'poly', params: 2, locals: [[26, I64]], body: polyBody() },
  ]),
);
const xorKeystream = exports['xor'] as (counter: number, ptr: number, len: number) => void;
const poly = exports['poly'] as (ptr: number, len: number) => void;
const pad16 = (n: number) => (n + 15) & ~15;

/** Lays out aad ‖ pad ‖ (plaintext or ciphertext) ‖ pad ‖ lengths at DATA and makes the one-time Poly1305 key; returns the body offset and the MAC input length. */
function prepare(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, body: Uint8Array): { at: number; macLength: number } | undefined {
  const aadPadded = pad16(aad.length);
  const macLength = aadPadded + pad16(body.length) + 16;
  if (key.length !== 32 || nonce.length !== 12 || macLength > WASM_AEAD_CAPACITY) return undefined;
  memory.set(key, KEY);
  memory.set(nonce, NONCE);
  memory.fill(0, POLY_KEY, POLY_KEY + 32);
  xorKeystream(0, POLY_KEY, 32);
  memory.set(aad, DATA);
  memory.fill(0, DATA + aad.length, DATA + aadPadded);
  const at = DATA + aadPadded;
  memory.set(body, at);
  memory.fill(0, at + body.length, DATA + macLength - 16);
  memory.writeUInt32LE(aad.length, DATA + macLength - 16);
  memory.writeUInt32LE(0, DATA + macLength - 12);
  memory.writeUInt32LE(body.length, DATA + macLength - 8);
  memory.writeUInt32LE(0, DATA + macLength - 4);
  return { at, macLength };
}

function wipe(): void {
  memory.fill(0, KEY, DATA);
}

/** `prefix ‖ ciphertext ‖ tag`, or undefined when the message is too large (use node:crypto then). */
export function wasmAeadSeal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array, prefix: Uint8Array): Buffer | undefined {
  const laid = prepare(key, nonce, aad, plaintext);
  if (!laid) return undefined;
  xorKeystream(1, laid.at, plaintext.length);
  poly(DATA, laid.macLength);
  const out = Buffer.allocUnsafe(prefix.length + plaintext.length + 16);
  out.set(prefix, 0);
  memory.copy(out, prefix.length, laid.at, laid.at + plaintext.length);
  memory.copy(out, prefix.length + plaintext.length, TAG, TAG + 16);
  wipe();
  return out;
}

/** The plaintext of `ciphertext ‖ tag`; false when it does not authenticate; undefined when too large. */
export function wasmAeadOpen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Buffer | false | undefined {
  if (sealed.length < 16) return false;
  const bodyLength = sealed.length - 16;
  const laid = prepare(key, nonce, aad, sealed.subarray(0, bodyLength));
  if (!laid) return undefined;
  poly(DATA, laid.macLength);
  const ok = timingSafeEqual(memory.subarray(TAG, TAG + 16), sealed.subarray(bodyLength));
  if (!ok) {
    wipe();
    return false;
  }
  xorKeystream(1, laid.at, bodyLength);
  const out = Buffer.from(memory.subarray(laid.at, laid.at + bodyLength));
  wipe();
  return out;
}
