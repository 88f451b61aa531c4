// KitNET scoring in WebAssembly generated once the ensemble's shape is known: one call per packet
// runs every member autoencoder and the output layer, straight-line, with each feature index and
// weight offset a constant, two hidden units or two outputs at a time in 128-bit SIMD lanes.
// Scoring is the detector's largest cost per packet; in JavaScript it was one call per member,
// bounds-checked typed-array reads and ~235 calls to Math.exp. The logistic function here computes
// e^x itself (Cody–Waite reduction by ln 2, a degree-12 polynomial evaluated by Estrin's scheme, the
// power of two built from exponent bits), within a few units in the last place of Math.exp. The
// module holds shapes and offsets only; weights are copied into its memory. The code itself is
// generated in ensemble-score-code.ts.
import { F64, V128, instantiateModule, moduleBytes } from '../../../../platform/wasm/index.js';
import { F64_BYTES, scoreFunction, type Placement } from './ensemble-score-code.js';

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

const PAGE_BYTES = 65_536;

/** Scores a feature vector through the whole ensemble in one WebAssembly call. */
export class EnsembleScorer {
  /** Reconstruction error of each member for the last scored vector (a view into the module's memory). */
  readonly errors: Float64Array;
  private readonly input: Float64Array;
  private readonly memory: Float64Array;
  /** Members then the output layer, with where each one's parameters live. */
  private readonly layers: Array<{ p: AutoencoderParameters; at: Placement }>;
  private readonly run: () => number;

  constructor(features: number, groups: readonly Int32Array[], members: readonly AutoencoderParameters[], output: AutoencoderParameters) {
    if (groups.length !== members.length || output.inputs !== members.length) throw new RangeError('ensemble shape does not match its groups');
    groups.forEach((g, m) => {
      if (g.length !== members[m]!.inputs) throw new RangeError(`member ${m} has ${members[m]!.inputs} inputs for a group of ${g.length}`);
      if (g.some((f) => f < 0 || f >= features)) throw new RangeError(`member ${m} reads a feature outside 0..${features - 1}`);
    });
    const errorsAt = features * F64_BYTES;
    let next = errorsAt + (members.length + 1) * F64_BYTES;
    // One spare (zero) double after each array: the second lane of an odd count reads it and is discarded.
    const at = (count: number) => {
      const offset = next;
      next += (count + 1) * F64_BYTES;
      return offset;
    };
    const place = (p: AutoencoderParameters): Placement => ({
      inputs: p.inputs,
      hidden: p.hidden,
      min: at(p.inputs),
      scale: at(p.inputs),
      w: at(p.inputs * p.hidden),
      wT: at(p.inputs * p.hidden),
      hBias: at(p.hidden),
      vBias: at(p.inputs),
    });
    this.layers = [...members, output].map((p) => ({ p, at: place(p) }));
    const { locals, body } = scoreFunction(groups, errorsAt, this.layers.map((l) => l.at));
    const { exports, memory } = instantiateModule(moduleBytes(Math.ceil(next / PAGE_BYTES), [{ name: 'score', params: 0, result: F64, locals: [[locals, V128]], body }]));
    this.run = exports['score'] as () => number;
    this.memory = new Float64Array(memory.buffer, memory.byteOffset, memory.byteLength / F64_BYTES);
    this.input = this.memory.subarray(0, features);
    this.errors = this.memory.subarray(features, features + members.length);
    this.load();
  }

  /** Copies the autoencoders' current parameters into the module (after training changed them). */
  load(): void {
    const slot = (offset: number) => offset / F64_BYTES;
    for (const { p, at } of this.layers) {
      this.memory.set(p.min, slot(at.min));
      this.memory.set(p.scale, slot(at.scale));
      this.memory.set(p.w, slot(at.w));
      for (let i = 0; i < p.inputs; i++) for (let j = 0; j < p.hidden; j++) this.memory[slot(at.wT) + j * p.inputs + i] = p.w[i * p.hidden + j]!;
      this.memory.set(p.hBias, slot(at.hBias));
      this.memory.set(p.vBias, slot(at.vBias));
    }
  }

  /** KitNET's score of feature vector `x`: the output layer's RMSE over the members' errors. */
  score(x: Float64Array): number {
    this.input.set(x);
    return this.run();
  }
}
