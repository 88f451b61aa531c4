// KitNET scoring in WebAssembly generated once the ensemble's shape is known: one call per packet
// runs every member autoencoder and the output layer, straight-line, with each feature index and
// weight offset a constant, two hidden units or two outputs at a time in 128-bit SIMD lanes.
// Scoring is the detector's largest cost per packet; in JavaScript it was one call per member,
// bounds-checked typed-array reads and ~235 calls to Math.exp. The logistic function here computes
// e^x itself (Cody–Waite reduction by ln 2, a degree-12 polynomial evaluated by Estrin's scheme, the
// power of two built from exponent bits), within a few units in the last place of Math.exp. The
// module holds shapes and offsets only; weights are copied into its memory (and a transposed copy,
// so the decoder also reads its two lanes from adjacent doubles).
import { F64, V128, instantiateModule, moduleBytes, op, simd } from '../../../../platform/wasm/index.js';

/** What the scorer reads of one autoencoder: its shape and its learned parameters. */
export interface AutoencoderParameters {
  readonly inputs: number;
  readonly hidden: number;
  readonly min: Float64Array;
  readonly scale: Float64Array;
  /** Row-major, inputs × hidden. */
  readonly w: Float64Array;
  readonly hBias: Float64Array;
  readonly vBias: Float64Array;
}

const F64_BYTES = 8;
const PAGE_BYTES = 65_536;
/** |x| beyond this would overflow or go subnormal in e^x; 1/(1 + e^x) is then 0 or 1 to double precision anyway. */
const EXP_LIMIT = 708;
const INV_LN2 = 1.4426950408889634;
/** 1.5 · 2^52: adding it rounds to an integer held in the low bits of the sum's representation. */
const ROUND_MAGIC = 6755399441055744;
/** ln 2 split so k · LN2_HI is exact for |k| < 2^11 (fdlibm's constants). */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
/** Taylor coefficients 1/i!, i = 0..12: error below 2e-16 relative for |r| ≤ ln2/2. */
const TAYLOR = Array.from({ length: 13 }, (_, i) => 1 / factorial(i));

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Where one autoencoder's parameters live in the module's memory (byte offsets). */
interface Placement {
  p: AutoencoderParameters;
  min: number;
  scale: number;
  w: number;
  /** w transposed (hidden × inputs). */
  wT: number;
  hBias: number;
  vBias: number;
}

/** Scores a feature vector through the whole ensemble in one WebAssembly call. */
export class EnsembleScorer {
  /** Reconstruction error of each member for the last scored vector (a view into the module's memory). */
  readonly errors: Float64Array;
  private readonly input: Float64Array;
  private readonly memory: Float64Array;
  private readonly placements: Placement[];
  private readonly run: () => number;

  constructor(features: number, groups: readonly Int32Array[], members: readonly AutoencoderParameters[], output: AutoencoderParameters) {
    if (groups.length !== members.length || output.inputs !== members.length) throw new RangeError('ensemble shape does not match its groups');
    const errorsAt = features * F64_BYTES;
    let next = errorsAt + (members.length + 1) * F64_BYTES;
    const place = (p: AutoencoderParameters): Placement => {
      // One spare double after each array: the second lane of an odd count reads it (and is discarded).
      const at = (count: number) => {
        const offset = next;
        next += (count + 1) * F64_BYTES;
        return offset;
      };
      return { p, min: at(p.inputs), scale: at(p.inputs), w: at(p.inputs * p.hidden), wT: at(p.inputs * p.hidden), hBias: at(p.hidden), vBias: at(p.inputs) };
    };
    this.placements = [...members.map(place), place(output)];
    const { exports, memory } = instantiateModule(
      moduleBytes(Math.ceil(next / PAGE_BYTES), [{ name: 'score', params: 0, result: F64, locals: [[localCount(this.placements), V128]], body: scoreBody(groups, errorsAt, this.placements) }]),
    );
    this.run = exports['score'] as () => number;
    this.memory = new Float64Array(memory.buffer, memory.byteOffset, memory.byteLength / F64_BYTES);
    this.input = this.memory.subarray(0, features);
    this.errors = this.memory.subarray(features, features + members.length);
    this.load();
  }

  /** Copies the autoencoders' current parameters into the module (after training changed them). */
  load(): void {
    for (const { p, min, scale, w, wT, hBias, vBias } of this.placements) {
      this.memory.set(p.min, min / F64_BYTES);
      this.memory.set(p.scale, scale / F64_BYTES);
      this.memory.set(p.w, w / F64_BYTES);
      const t = wT / F64_BYTES;
      for (let i = 0; i < p.inputs; i++) for (let j = 0; j < p.hidden; j++) this.memory[t + j * p.inputs + i] = p.w[i * p.hidden + j]!;
      this.memory.set(p.hBias, hBias / F64_BYTES);
      this.memory.set(p.vBias, vBias / F64_BYTES);
    }
  }

  /** KitNET's score of feature vector `x`: the output layer's RMSE over the members' errors. */
  score(x: Float64Array): number {
    this.input.set(x);
    return this.run();
  }
}

/** Locals (all v128): inputs in pairs and each splatted, hidden units likewise, then scratch. */
function localCount(placements: Placement[]): number {
  const n = Math.max(...placements.map((x) => x.p.inputs));
  const h = Math.max(...placements.map((x) => x.p.hidden));
  return pairs(n) + n + pairs(h) + h + SCRATCH_LOCALS;
}
const pairs = (count: number) => Math.ceil(count / 2);
const SCRATCH_LOCALS = 9;

function scoreBody(groups: readonly Int32Array[], errorsAt: number, placements: Placement[]): number[] {
  const maxN = Math.max(...placements.map((x) => x.p.inputs));
  const maxH = Math.max(...placements.map((x) => x.p.hidden));
  const xPair = (q: number) => q;
  const xSplat = (i: number) => pairs(maxN) + i;
  const yPair = (q: number) => pairs(maxN) + maxN + q;
  const ySplat = (j: number) => pairs(maxN) + maxN + pairs(maxH) + j;
  const scratch = pairs(maxN) + maxN + pairs(maxH) + maxH;
  const [T, KD, K, R, R2, R4, R8, E, SQ] = Array.from({ length: SCRATCH_LOCALS }, (_, k) => scratch + k) as [number, number, number, number, number, number, number, number, number];
  const loadF64 = (offset: number) => [...op.i32(0), ...op.loadF64(offset)];
  const loadPair = (offset: number) => [...op.i32(0), ...simd.load(offset)];
  const splat = (value: number) => simd.const(value, value);

  /** Turns the two lanes on the stack into 1 / (1 + e^(−s)) each. */
  const sigmoid: number[] = (() => {
    const c = (i: number) => splat(TAYLOR[i]!);
    const pair = (i: number) => [...c(i + 1), ...op.get(R), ...simd.mulF64, ...c(i), ...simd.addF64];
    const quad = (i: number) => [...pair(i), ...pair(i + 2), ...op.get(R2), ...simd.mulF64, ...simd.addF64];
    return [
      ...simd.negF64, ...splat(EXP_LIMIT), ...simd.pminF64, ...splat(-EXP_LIMIT), ...simd.pmaxF64, ...op.set(T),
      // k = round(t / ln 2), as a double K and as integer bits in KD's representation.
      ...op.get(T), ...splat(INV_LN2), ...simd.mulF64, ...splat(ROUND_MAGIC), ...simd.addF64, ...op.tee(KD), ...splat(ROUND_MAGIC), ...simd.subF64, ...op.set(K),
      ...op.get(T), ...op.get(K), ...splat(LN2_HI), ...simd.mulF64, ...simd.subF64, ...op.get(K), ...splat(LN2_LO), ...simd.mulF64, ...simd.subF64, ...op.set(R),
      ...op.get(R), ...op.get(R), ...simd.mulF64, ...op.set(R2),
      ...op.get(R2), ...op.get(R2), ...simd.mulF64, ...op.set(R4),
      ...op.get(R4), ...op.get(R4), ...simd.mulF64, ...op.set(R8),
      // Estrin: p = (q0 + q4·r^4) + (q8 + c12·r^4)·r^8, each q_i a quadratic in r² of pairs in r.
      ...quad(0), ...quad(4), ...op.get(R4), ...simd.mulF64, ...simd.addF64,
      ...quad(8), ...c(12), ...op.get(R4), ...simd.mulF64, ...simd.addF64, ...op.get(R8), ...simd.mulF64, ...simd.addF64,
      // × 2^k: (k + 1023) << 52 is 2^k's bit pattern; KD's low bits hold k.
      ...op.get(KD), ...simd.constI64(1023n, 1023n), ...simd.addI64, ...op.i32(52), ...simd.shlI64, ...simd.mulF64,
      ...op.set(E), ...splat(1), ...op.get(E), ...splat(1), ...simd.addF64, ...simd.divF64,
    ];
  })();

  /** Pushes the RMSE (in lane 0) of reconstructing the inputs `source(i)` pushes as an f64. */
  const autoencoder = (a: Placement, source: (i: number) => number[]): number[] => {
    const { inputs: n, hidden: h } = a.p;
    const code: number[] = [];
    for (let q = 0; q < pairs(n); q++) {
      const i = 2 * q;
      code.push(...source(i), ...simd.splatF64, ...(i + 1 < n ? source(i + 1) : op.f64(0)), ...simd.replaceF64(1));
      code.push(...loadPair(a.min + F64_BYTES * i), ...simd.subF64, ...loadPair(a.scale + F64_BYTES * i), ...simd.mulF64, ...op.tee(xPair(q)));
      code.push(...simd.extractF64(0), ...simd.splatF64, ...op.set(xSplat(i)));
      if (i + 1 < n) code.push(...op.get(xPair(q)), ...simd.extractF64(1), ...simd.splatF64, ...op.set(xSplat(i + 1)));
    }
    for (let q = 0; q < pairs(h); q++) {
      const j = 2 * q;
      code.push(...loadPair(a.hBias + F64_BYTES * j));
      for (let i = 0; i < n; i++) code.push(...op.get(xSplat(i)), ...loadPair(a.w + F64_BYTES * (i * h + j)), ...simd.mulF64, ...simd.addF64);
      code.push(...sigmoid, ...op.tee(yPair(q)), ...simd.extractF64(0), ...simd.splatF64, ...op.set(ySplat(j)));
      if (j + 1 < h) code.push(...op.get(yPair(q)), ...simd.extractF64(1), ...simd.splatF64, ...op.set(ySplat(j + 1)));
    }
    code.push(...splat(0), ...op.set(SQ));
    for (let q = 0; q < pairs(n); q++) {
      const i = 2 * q;
      code.push(...op.get(xPair(q)), ...loadPair(a.vBias + F64_BYTES * i));
      for (let j = 0; j < h; j++) code.push(...op.get(ySplat(j)), ...loadPair(a.wT + F64_BYTES * (j * n + i)), ...simd.mulF64, ...simd.addF64);
      code.push(...sigmoid, ...simd.subF64);
      // An odd count's second lane is not an output: it must not count in the error.
      if (i + 1 >= n) code.push(...op.f64(0), ...simd.replaceF64(1));
      code.push(...op.tee(E), ...op.get(E), ...simd.mulF64, ...op.get(SQ), ...simd.addF64, ...op.set(SQ));
    }
    code.push(...op.get(SQ), ...simd.extractF64(0), ...op.get(SQ), ...simd.extractF64(1), ...op.addF64, ...op.f64(n), ...op.divF64, ...op.sqrtF64);
    return code;
  };

  const code: number[] = [];
  const members = placements.slice(0, -1);
  members.forEach((a, m) => {
    const group = groups[m]!;
    if (group.length !== a.p.inputs) throw new RangeError(`member ${m} has ${a.p.inputs} inputs for a group of ${group.length}`);
    code.push(...op.i32(0), ...autoencoder(a, (i) => loadF64(F64_BYTES * group[i]!)), ...op.storeF64(errorsAt + F64_BYTES * m));
  });
  code.push(...autoencoder(placements.at(-1)!, (i) => loadF64(errorsAt + F64_BYTES * i)));
  return code;
}
