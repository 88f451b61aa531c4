// Just enough of the WebAssembly binary format (Core Specification 1.0, §5) to emit one module of
// i32 functions: LEB128 numbers, sections, vectors, and the opcodes the SHA-256 code uses.

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

/** A vector: its length, then its items (§5.1.3). */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
/** A name (§5.2.4). */
export const name = (text: string): number[] => [...uleb(text.length), ...Buffer.from(text, 'utf8')];
/** A section with its id and size (§5.5.2). */
export const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];

/** The value type i32. */
export const I32 = 0x7f;

/** Instructions (§5.4), each as its bytes. Memory accesses take a byte offset; alignment hints are natural. */
export const op = {
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  i32: (value: number) => [0x41, ...sleb(value)],
  load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  load8: (offset = 0) => [0x2d, 0, ...uleb(offset)],
  store: (offset = 0) => [0x36, 2, ...uleb(offset)],
  load64: (offset = 0) => [0x29, 3, ...uleb(offset)],
  store64: (offset = 0) => [0x37, 3, ...uleb(offset)],
  add: [0x6a],
  and: [0x71],
  or: [0x72],
  xor: [0x73],
  shl: [0x74],
  shrU: [0x76],
  rotl: [0x77],
  rotr: [0x78],
  end: [0x0b],
} as const;

/** A module with one memory (`memory`, `pages` of 64 KiB) and functions of the given signatures, exported by name. */
export function moduleBytes(pages: number, functions: Array<{ name: string; params: number; locals: number; body: number[] }>): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(Array.from({ length: f.params }, () => [I32])), 0]);
  const code = functions.map((f) => {
    const body = [...(f.locals > 0 ? vec([[...uleb(f.locals), I32]]) : uleb(0)), ...f.body, ...op.end];
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
