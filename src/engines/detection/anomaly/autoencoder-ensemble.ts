// Cross-signal model in the spirit of KitNET (Mirsky et al., NDSS 2018): features clustered by
// correlation, one small autoencoder per cluster, and an output autoencoder over the clusters'
// normalised reconstruction errors. The score is the output autoencoder's error.
import { Autoencoder, seededRandom, type AutoencoderParams } from './autoencoder.js';
import { correlationClusters } from './correlation-clusters.js';
import { joinWords, type RawDeparture } from './departure.js';
import type { FeatureFrame } from './feature-frame.js';
import { CHANGE, FeatureMap, VALUE, type FeatureMapParams } from './feature-map.js';
import { median } from './robust-stats.js';
import { ChannelCalibration, forEachFrame, type ExplainContext, type LearningSet, type ModelJson, type ScoringModel } from './scoring-model.js';

const FLOORS = [1e-6];

/** How the ensemble is built and trained. */
export interface EnsembleOptions {
  /** Largest number of features one autoencoder sees (KitNET's m). */
  readonly maxClusterSize: number;
  /** Hidden units per input (KitNET uses 0.75). */
  readonly hiddenRatio: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Also feed one-step changes of continuous signals, not just values. */
  readonly withChanges: boolean;
}

/** Fitted parameters: feature map, clusters, their autoencoders, error scales and the output autoencoder. */
export interface EnsembleParams {
  map: FeatureMapParams;
  clusters: number[][];
  members: AutoencoderParams[];
  errorScale: number[];
  output: AutoencoderParams;
}

/** Clusters the features and trains the ensemble on the learning rows. */
export function fitAutoencoderEnsemble(set: LearningSet, resolution: ArrayLike<number>, options: EnsembleOptions): AutoencoderEnsemble {
  const varying = set.signals.flatMap((s, j) => (s.constant || s.idle ? [] : [j]));
  const features: Array<readonly [number, number]> = varying.map((j) => [j, VALUE] as const);
  if (options.withChanges) for (const j of varying) if (set.signals[j]!.kind === 'continuous') features.push([j, CHANGE]);
  const map = FeatureMap.fit(set, features, resolution, { harmonics: false, intercept: false });
  const d = map.width;
  const n = set.rows.length;
  const data = new Float64Array(n * d);
  const v = new Float64Array(d);
  forEachFrame(set, (frame, i) => {
    map.fill(frame, v);
    data.set(v, i * d);
  });
  const clusters = correlationClusters(data, n, d, options.maxClusterSize);
  const random = seededRandom(options.seed);
  const members = clusters.map((c) => Autoencoder.create(c.length, Math.max(1, Math.ceil(options.hiddenRatio * c.length)), random));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const x = new Float64Array(d);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    const rate = options.learningRate / (1 + epoch / 4);
    for (const i of order) {
      clusters.forEach((c, k) => {
        gather(data, i * d, c, x);
        members[k]!.train(x, rate);
      });
    }
  }
  const errors = clusters.map((c, k) => Float64Array.from({ length: n }, (_, i) => (gather(data, i * d, c, x), members[k]!.reconstruct(x))));
  const errorScale = errors.map((e) => Math.max(median(e), 1e-6));
  const out = Autoencoder.create(clusters.length, Math.max(1, Math.ceil(options.hiddenRatio * clusters.length)), random);
  const y = new Float64Array(clusters.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      for (let k = 0; k < clusters.length; k++) y[k] = errors[k]![i]! / errorScale[k]!;
      out.train(y, options.learningRate / (1 + epoch / 4));
    }
  }
  return new AutoencoderEnsemble({ map: map.p, clusters, members: members.map((m) => m.toJSON()), errorScale, output: out.toJSON() });
}

function gather(data: Float64Array, offset: number, cols: readonly number[], out: Float64Array): void {
  for (let k = 0; k < cols.length; k++) out[k] = data[offset + cols[k]!]!;
}

function shuffle(a: Int32Array, random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/** Scores how badly the learned ensemble reproduces the current sample. */
export class AutoencoderEnsemble implements ScoringModel {
  readonly name = 'autoencoder-ensemble';
  readonly calibration: ChannelCalibration;
  private readonly map: FeatureMap;
  private readonly members: Autoencoder[];
  private readonly output: Autoencoder;
  private readonly v: Float64Array;
  private readonly x: Float64Array;
  private readonly y: Float64Array;

  constructor(
    readonly p: EnsembleParams,
    divisors?: ArrayLike<number>,
  ) {
    this.calibration = new ChannelCalibration(FLOORS, divisors);
    this.map = new FeatureMap(p.map);
    this.members = p.members.map((m) => new Autoencoder(m));
    this.output = new Autoencoder(p.output);
    this.v = new Float64Array(this.map.width);
    this.x = new Float64Array(Math.max(1, ...p.clusters.map((c) => c.length)));
    this.y = new Float64Array(p.clusters.length);
  }

  measure(frame: FeatureFrame, channels: Float64Array): void {
    this.map.fill(frame, this.v);
    const { clusters, errorScale } = this.p;
    for (let k = 0; k < clusters.length; k++) {
      gather(this.v, 0, clusters[k]!, this.x);
      this.y[k] = this.members[k]!.score(this.x) / errorScale[k]!;
    }
    channels[0] = this.output.score(this.y) / this.calibration.divisors[0]!;
  }

  contribute(frame: FeatureFrame, contrib: Float64Array): void {
    const div = this.calibration.divisors[0]!;
    this.map.fill(frame, this.v);
    const { clusters, errorScale } = this.p;
    const sig = this.p.map.signal;
    for (let k = 0; k < clusters.length; k++) {
      const c = clusters[k]!;
      gather(this.v, 0, c, this.x);
      const m = this.members[k]!;
      m.reconstruct(this.x);
      for (let a = 0; a < c.length; a++) {
        const e = Math.abs(m.error[a]!) / errorScale[k]! / div;
        const j = sig[c[a]!]!;
        if (e > contrib[j]!) contrib[j] = e;
      }
    }
  }

  explain(frame: FeatureFrame, context: ExplainContext, out: RawDeparture[], minimum: number): void {
    this.map.fill(frame, this.v);
    const sig = this.p.map.signal;
    const rmse = this.p.clusters.map((c, k) => (gather(this.v, 0, c, this.x), this.members[k]!.reconstruct(this.x) / this.p.errorScale[k]!));
    const total = this.output.reconstruct(Float64Array.from(rmse));
    const top = Math.max(...rmse);
    this.p.clusters.forEach((c, k) => {
      if (rmse[k]! <= 1 || !this.calibration.reaches(0, (total * rmse[k]!) / top, minimum)) return;
      gather(this.v, 0, c, this.x);
      const m = this.members[k]!;
      m.reconstruct(this.x);
      let worst = 0;
      for (let a = 1; a < c.length; a++) if (Math.abs(m.error[a]!) > Math.abs(m.error[worst]!)) worst = a;
      const names = [...new Set(c.map((f) => context.signals[sig[f]!]!.label))];
      const s = context.signals[sig[c[worst]!]!]!;
      const text = `${joinWords(names)} no longer move together as they did during learning (${rmse[k]!.toFixed(1)}× the usual error; ${s.label} departs most)`;
      out.push({ signal: s.name, kind: 'pattern', raw: (total * rmse[k]!) / top, channel: 0, observed: frame.x[sig[c[worst]!]!]!, text });
    });
  }

  resetState(): void {}

  state(): null {
    return null;
  }

  restoreState(): void {}

  toJSON(): ModelJson {
    return { name: this.name, divisors: Array.from(this.calibration.divisors), params: { ...this.p } };
  }
}
