// KitNET (NDSS 2018 §IV-D): an ensemble of small autoencoders, one per feature group found by the
// feature mapper, whose reconstruction errors feed an output autoencoder; the output's RMSE is the
// packet's anomaly score. Three phases: map features, train online, then score.
import { Autoencoder } from './autoencoder.js';
import { EnsembleScorer } from './ensemble-scorer-wasm.js';
import { FeatureCorrelation } from './feature-mapper.js';

/** Settings of KitNET (the defaults are Kitsune's). */
export interface KitNetOptions {
  /** Samples used to learn the feature grouping. */
  mapSamples: number;
  /** Samples used to train the autoencoders after the grouping is fixed. */
  trainSamples: number;
  /** Largest feature group (autoencoder inputs). */
  maxGroupSize: number;
  hiddenRatio: number;
  learningRate: number;
  seed: number;
}

/** Kitsune's published settings, grace periods aside (they depend on how much normal traffic there is). */
export const KITNET_DEFAULTS: Omit<KitNetOptions, 'mapSamples' | 'trainSamples'> = {
  maxGroupSize: 10,
  hiddenRatio: 0.75,
  learningRate: 0.1,
  seed: 1,
};

/** What KitNET did with a sample. */
export type KitNetPhase = 'mapping' | 'training' | 'scoring';

/** The ensemble, its output layer and the phase it is in. */
export class KitNet {
  private readonly correlation: FeatureCorrelation;
  private groups: Int32Array[] = [];
  private ensemble: Autoencoder[] = [];
  private output: Autoencoder | undefined;
  private errors = new Float64Array(0);
  /** Identity index of the output layer's inputs: every autoencoder call then sees an Int32Array (one shape for V8). */
  private outputIndex = new Int32Array(0);
  /** Scoring after training, built at the first score; its copy of the weights is refreshed when training moved them. */
  private scorer: EnsembleScorer | undefined;
  private trainedSinceLoad = false;
  private seen = 0;

  constructor(
    readonly inputs: number,
    private readonly o: KitNetOptions,
  ) {
    this.correlation = new FeatureCorrelation(inputs);
  }

  /** Phase the next sample will be handled in. */
  get phase(): KitNetPhase {
    if (this.seen < this.o.mapSamples) return 'mapping';
    return this.seen < this.o.mapSamples + this.o.trainSamples ? 'training' : 'scoring';
  }

  /** Feature indexes of each ensemble member (empty until mapping ends). */
  get featureGroups(): readonly Int32Array[] {
    return this.groups;
  }

  /** Reconstruction error of each ensemble member for the last sample (before output scaling). */
  get memberErrors(): Float64Array {
    return this.scorer && !this.trainedSinceLoad ? this.scorer.errors : this.errors;
  }

  /** Learns from `x` while mapping or training, scores it afterwards; returns the score (0 while mapping). */
  process(x: Float64Array): number {
    const phase = this.phase;
    this.seen++;
    if (phase === 'mapping') {
      this.correlation.add(x);
      if (this.seen === this.o.mapSamples) this.build();
      return 0;
    }
    if (!this.output) this.build();
    return phase === 'training' ? this.train(x) : this.score(x);
  }

  /** Score of `x` without learning (any phase after mapping). */
  score(x: Float64Array): number {
    if (!this.output) return 0;
    if (!this.scorer) this.scorer = new EnsembleScorer(this.inputs, this.groups, this.ensemble.map((a) => a.parameters), this.output.parameters);
    else if (this.trainedSinceLoad) this.scorer.load();
    this.trainedSinceLoad = false;
    return this.scorer.score(x);
  }

  private train(x: Float64Array): number {
    this.trainedSinceLoad = true;
    for (let a = 0; a < this.ensemble.length; a++) this.errors[a] = this.ensemble[a]!.train(x, this.groups[a]!);
    return this.output!.train(this.errors, this.outputIndex);
  }

  private build(): void {
    const groups = this.seen > 1 ? this.correlation.groups(this.o.maxGroupSize) : chunk(this.inputs, this.o.maxGroupSize);
    this.groups = groups.map((g) => Int32Array.from(g));
    const make = (inputs: number, seed: number) =>
      new Autoencoder({ inputs, hiddenRatio: this.o.hiddenRatio, learningRate: this.o.learningRate, seed });
    this.ensemble = this.groups.map((g, i) => make(g.length, this.o.seed + i + 1));
    this.output = make(this.groups.length, this.o.seed);
    this.errors = new Float64Array(this.groups.length);
    this.outputIndex = Int32Array.from(this.groups, (_, i) => i);
  }
}

function chunk(n: number, size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i += size) out.push(Array.from({ length: Math.min(size, n - i) }, (_, k) => i + k));
  return out;
}
