// The body of the ensemble scorer's WebAssembly function (see ensemble-scorer-wasm.ts): every member
// autoencoder, then the output layer, straight-line over v128 locals holding two f64 lanes. Code is
// appended chunk by chunk (never spread into a call), since an ensemble of a hundred members makes
// arrays longer than a call's argument limit.
import { op, simd } from '../../../../platform/wasm/index.js';

/** Bytes in one f64. */
export const F64_BYTES = 8;

/** One autoencoder's shape and where its parameters live in the module's memory (byte offsets). */
export interface Placement {
  inputs: number;
  hidden: number;
  min: number;
  scale: number;
  /** Row-major weights, inputs × hidden. */
  w: number;
  /** The same weights transposed (hidden × inputs), so the decoder reads its two lanes from adjacent doubles. */
  wT: number;
  hBias: number;
  vBias: number;
}

/** |x| beyond this would overflow or go subnormal in e^x; 1/(1 + e^x) is then 1 or below 1e-307. */
const EXP_LIMIT = 708;
const INV_LN2 = 1.4426950408889634;
/** 1.5 · 2^52: adding it rounds to an integer held in the low bits of the sum's representation. */
const ROUND_MAGIC = 6755399441055744;
/** ln 2 split so k · LN2_HI is exact for |k| ≤ 1021 (fdlibm's constants). */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
/** Taylor coefficients 1/i!, i = 0..12: truncation error below 2.4e-16 relative for |r| ≤ ln2/2. */
const TAYLOR = Array.from({ length: 13 }, (_, i) => 1 / factorial(i));

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

const pairs = (count: number) => Math.ceil(count / 2);
const loadF64 = (offset: number) => [...op.i32(0), ...op.loadF64(offset)];
const loadPair = (offset: number) => [...op.i32(0), ...simd.load(offset)];
const splat = (value: number) => simd.const(value, value);

/** The function's v128 locals: inputs as pairs and each splatted to both lanes, hidden units likewise, then scratch. */
class Locals {
  private readonly maxN: number;
  private readonly maxH: number;
  readonly count: number;
  readonly t: number;
  readonly kd: number;
  readonly k: number;
  readonly r: number;
  readonly r2: number;
  readonly r4: number;
  readonly r8: number;
  readonly e: number;
  readonly sq: number;

  constructor(placements: readonly Placement[]) {
    this.maxN = Math.max(...placements.map((a) => a.inputs));
    this.maxH = Math.max(...placements.map((a) => a.hidden));
    const scratch = pairs(this.maxN) + this.maxN + pairs(this.maxH) + this.maxH;
    [this.t, this.kd, this.k, this.r, this.r2, this.r4, this.r8, this.e, this.sq] = Array.from({ length: 9 }, (_, i) => scratch + i) as [
      number, number, number, number, number, number, number, number, number,
    ];
    this.count = scratch + 9;
  }

  xPair(q: number): number {
    return q;
  }
  xSplat(i: number): number {
    return pairs(this.maxN) + i;
  }
  yPair(q: number): number {
    return pairs(this.maxN) + this.maxN + q;
  }
  ySplat(j: number): number {
    return pairs(this.maxN) + this.maxN + pairs(this.maxH) + j;
  }
}

/** Appends each chunk to `code` without spreading it into a call. */
function emit(code: number[], ...chunks: Array<readonly number[]>): void {
  for (const chunk of chunks) for (const byte of chunk) code.push(byte);
}

/**
 * The score function: member m reads features `groups[m]` from offset 0 and stores its RMSE at
 * `errorsAt + 8m`; the output layer (the last placement) reads those and its RMSE is the result.
 */
export function scoreFunction(groups: readonly Int32Array[], errorsAt: number, placements: readonly Placement[]): { locals: number; body: number[] } {
  const l = new Locals(placements);
  const sigmoid = sigmoidCode(l);
  const code: number[] = [];
  placements.slice(0, -1).forEach((a, m) => {
    const group = groups[m]!;
    emit(code, op.i32(0));
    autoencoderCode(code, l, sigmoid, a, (i) => loadF64(F64_BYTES * group[i]!));
    emit(code, op.storeF64(errorsAt + F64_BYTES * m));
  });
  autoencoderCode(code, l, sigmoid, placements.at(-1)!, (i) => loadF64(errorsAt + F64_BYTES * i));
  return { locals: l.count, body: code };
}

/** Turns the two lanes on the stack into 1 / (1 + e^(−s)) each. */
function sigmoidCode(l: Locals): number[] {
  const c = (i: number) => splat(TAYLOR[i]!);
  const pair = (i: number) => [...c(i + 1), ...op.get(l.r), ...simd.mulF64, ...c(i), ...simd.addF64];
  const quad = (i: number) => [...pair(i), ...pair(i + 2), ...op.get(l.r2), ...simd.mulF64, ...simd.addF64];
  const square = (from: number, to: number) => [...op.get(from), ...op.get(from), ...simd.mulF64, ...op.set(to)];
  return [
    ...simd.negF64, ...splat(EXP_LIMIT), ...simd.pminF64, ...splat(-EXP_LIMIT), ...simd.pmaxF64, ...op.set(l.t),
    // k = round(t / ln 2), as a double in K and as integer bits in KD's representation.
    ...op.get(l.t), ...splat(INV_LN2), ...simd.mulF64, ...splat(ROUND_MAGIC), ...simd.addF64, ...op.tee(l.kd), ...splat(ROUND_MAGIC), ...simd.subF64, ...op.set(l.k),
    ...op.get(l.t), ...op.get(l.k), ...splat(LN2_HI), ...simd.mulF64, ...simd.subF64, ...op.get(l.k), ...splat(LN2_LO), ...simd.mulF64, ...simd.subF64, ...op.set(l.r),
    ...square(l.r, l.r2), ...square(l.r2, l.r4), ...square(l.r4, l.r8),
    // Estrin: p = (q0 + q4·r^4) + (q8 + c12·r^4)·r^8, each q_i a quadratic in r² of pairs in r.
    ...quad(0), ...quad(4), ...op.get(l.r4), ...simd.mulF64, ...simd.addF64,
    ...quad(8), ...c(12), ...op.get(l.r4), ...simd.mulF64, ...simd.addF64, ...op.get(l.r8), ...simd.mulF64, ...simd.addF64,
    // × 2^k: (k + 1023) << 52 is 2^k's bit pattern, and KD's low bits hold k (the shift drops the rest).
    ...op.get(l.kd), ...simd.constI64(1023n, 1023n), ...simd.addI64, ...op.i32(52), ...simd.shlI64, ...simd.mulF64,
    ...op.set(l.e), ...splat(1), ...op.get(l.e), ...splat(1), ...simd.addF64, ...simd.divF64,
  ];
}

/** Appends code that pushes (as an f64) the RMSE of reconstructing the inputs `source(i)` pushes. */
function autoencoderCode(code: number[], l: Locals, sigmoid: number[], a: Placement, source: (i: number) => number[]): void {
  const { inputs: n, hidden: h } = a;
  for (let q = 0; q < pairs(n); q++) {
    const i = 2 * q;
    // A pair past an odd count reads 0 and the zero padding after min and scale: its lane is 0.
    emit(code, source(i), simd.splatF64, i + 1 < n ? source(i + 1) : op.f64(0), simd.replaceF64(1));
    emit(code, loadPair(a.min + F64_BYTES * i), simd.subF64, loadPair(a.scale + F64_BYTES * i), simd.mulF64, op.tee(l.xPair(q)));
    emit(code, simd.extractF64(0), simd.splatF64, op.set(l.xSplat(i)));
    if (i + 1 < n) emit(code, op.get(l.xPair(q)), simd.extractF64(1), simd.splatF64, op.set(l.xSplat(i + 1)));
  }
  for (let q = 0; q < pairs(h); q++) {
    const j = 2 * q;
    emit(code, loadPair(a.hBias + F64_BYTES * j));
    for (let i = 0; i < n; i++) emit(code, op.get(l.xSplat(i)), loadPair(a.w + F64_BYTES * (i * h + j)), simd.mulF64, simd.addF64);
    emit(code, sigmoid, op.tee(l.yPair(q)), simd.extractF64(0), simd.splatF64, op.set(l.ySplat(j)));
    if (j + 1 < h) emit(code, op.get(l.yPair(q)), simd.extractF64(1), simd.splatF64, op.set(l.ySplat(j + 1)));
  }
  emit(code, splat(0), op.set(l.sq));
  for (let q = 0; q < pairs(n); q++) {
    const i = 2 * q;
    emit(code, op.get(l.xPair(q)), loadPair(a.vBias + F64_BYTES * i));
    for (let j = 0; j < h; j++) emit(code, op.get(l.ySplat(j)), loadPair(a.wT + F64_BYTES * (j * n + i)), simd.mulF64, simd.addF64);
    emit(code, sigmoid, simd.subF64);
    // An odd count's second lane is not an output: it must not count in the error.
    if (i + 1 >= n) emit(code, op.f64(0), simd.replaceF64(1));
    emit(code, op.tee(l.e), op.get(l.e), simd.mulF64, op.get(l.sq), simd.addF64, op.set(l.sq));
  }
  emit(code, op.get(l.sq), simd.extractF64(0), op.get(l.sq), simd.extractF64(1), op.addF64, op.f64(n), op.divF64, op.sqrtF64);
}
