// Just enough of the WebAssembly binary format (Core Specification 2.0, §5) to emit one module of
// functions over i32, i64 and f64: LEB128 numbers, sections, vectors, and the opcodes the code
// generated at load time uses (SHA-256 node hashes, ChaCha20-Poly1305, KitNET scoring).

/** Unsigned LEB128 (§5.2.2). */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (§5.2.2). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let n = value | 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Signed LEB128 of a 64-bit integer (§5.2.2). */
export function sleb64(value: bigint): number[] {
  const out: number[] = [];
  let n = BigInt.asIntN(64, value);
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** A vector: its length, then its items (§5.1.3). */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
/** A name (§5.2.4). */
export const name = (text: string): number[] => [...uleb(text.length), ...Buffer.from(text, 'utf8')];
/** A section with its id and size (§5.5.2). */
export const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];

/** Value types. */
export const I32 = 0x7f;
export const I64 = 0x7e;
export const F64 = 0x7c;
export const V128 = 0x7b;

/** An i64's 8 bytes, little-endian, two's complement. */
function i64Bytes(value: bigint): number[] {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt.asIntN(64, value));
  return [...b];
}

/** An f64 constant's immediate: 8 bytes, little-endian IEEE 754 (§5.4.7). */
function f64Bytes(value: number): number[] {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return [...b];
}

/** Instructions (§5.4), each as its bytes. Memory accesses take a byte offset; alignment hints are natural (v128 loads: 8 bytes, see simd). */
export const op = {
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  call: (fn: number) => [0x10, ...uleb(fn)],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  end: [0x0b],
  i32: (value: number) => [0x41, ...sleb(value)],
  i64: (value: bigint) => [0x42, ...sleb64(value)],
  load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  load8: (offset = 0) => [0x2d, 0, ...uleb(offset)],
  store: (offset = 0) => [0x36, 2, ...uleb(offset)],
  store8: (offset = 0) => [0x3a, 0, ...uleb(offset)],
  load64: (offset = 0) => [0x29, 3, ...uleb(offset)],
  store64: (offset = 0) => [0x37, 3, ...uleb(offset)],
  /** i64.load32_u: a little-endian u32 widened to i64. */
  load32As64: (offset = 0) => [0x35, 2, ...uleb(offset)],
  /** i64.store32: the low 32 bits of an i64. */
  store64As32: (offset = 0) => [0x3e, 2, ...uleb(offset)],
  eqz: [0x45],
  ltU: [0x49],
  add: [0x6a],
  sub: [0x6b],
  and: [0x71],
  or: [0x72],
  xor: [0x73],
  shl: [0x74],
  shrU: [0x76],
  rotl: [0x77],
  rotr: [0x78],
  add64: [0x7c],
  sub64: [0x7d],
  mul64: [0x7e],
  and64: [0x83],
  or64: [0x84],
  xor64: [0x85],
  shl64: [0x86],
  shrS64: [0x87],
  shrU64: [0x88],
  extendU: [0xad],
  f64: (value: number) => [0x44, ...f64Bytes(value)],
  loadF64: (offset = 0) => [0x2b, 3, ...uleb(offset)],
  storeF64: (offset = 0) => [0x39, 3, ...uleb(offset)],
  sqrtF64: [0x9f],
  addF64: [0xa0],
  divF64: [0xa3],
} as const;

/** A 128-bit SIMD instruction: the 0xfd prefix, then its opcode as a LEB128 number (SIMD proposal, now Core 2.0 §5.4.8). */
const simdOp = (code: number, ...immediates: number[]) => [0xfd, ...uleb(code), ...immediates];

/** The SIMD instructions used here, over two f64 lanes (and their bits as i64 lanes). */
export const simd = {
  /** v128.load with an 8-byte alignment hint: pairs of doubles sit at multiples of 8, not 16. */
  load: (offset = 0) => simdOp(0x00, 3, ...uleb(offset)),
  /** v128.const of two f64 lanes. */
  const: (lane0: number, lane1: number) => simdOp(0x0c, ...f64Bytes(lane0), ...f64Bytes(lane1)),
  /** v128.const of two i64 lanes. */
  constI64: (lane0: bigint, lane1: bigint) => simdOp(0x0c, ...i64Bytes(lane0), ...i64Bytes(lane1)),
  splatF64: simdOp(0x14),
  extractF64: (lane: 0 | 1) => simdOp(0x21, lane),
  replaceF64: (lane: 0 | 1) => simdOp(0x22, lane),
  /** i64x2.shl by an i32 count. */
  shlI64: simdOp(0xcb),
  addI64: simdOp(0xce),
  negF64: simdOp(0xed),
  addF64: simdOp(0xf0),
  subF64: simdOp(0xf1),
  mulF64: simdOp(0xf2),
  divF64: simdOp(0xf3),
  /** Pseudo-minimum b < a ? b : a per lane (one instruction on x86; NaN in a stays). */
  pminF64: simdOp(0xf6),
  pmaxF64: simdOp(0xf7),
} as const;

/** One function: all parameters i32, at most one result, locals as (count, type) groups. */
export interface WasmFunction {
  name: string;
  params: number;
  /** Type of the result; none when absent. */
  result?: number;
  locals: Array<[count: number, type: number]>;
  body: number[];
}

/** A module with one memory (`memory`, `pages` of 64 KiB) and the given functions, exported by name; function i is index i. */
export function moduleBytes(pages: number, functions: WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(Array.from({ length: f.params }, () => [I32])), ...vec(f.result === undefined ? [] : [[f.result]])]);
  const code = functions.map((f) => {
    const body = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec([[...name('memory'), 0x02, 0x00], ...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])])),
    ...section(10, vec(code)),
  ]);
}

/** The part of the WebAssembly JS API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** Compiles and instantiates a module synchronously; returns its exports and its memory as a Buffer view. */
export function instantiateModule(bytes: Uint8Array): { exports: Record<string, unknown>; memory: Buffer } {
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const instance = new wasm.Instance(new wasm.Module(bytes));
  return { exports: instance.exports, memory: Buffer.from((instance.exports['memory'] as { buffer: ArrayBuffer }).buffer) };
}
