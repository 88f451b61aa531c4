import { describe, expect, it } from 'vitest';
import { Autoencoder, mulberry32 } from './autoencoder.js';
import { EnsembleScorer } from './ensemble-scorer-wasm.js';

/** Members over random groups of `features` inputs and an output layer, trained a little on random data. */
function trainedEnsemble(features: number, sizes: number[], seed: number) {
  const rand = mulberry32(seed);
  const order = Array.from({ length: features }, (_, i) => i).sort(() => rand() - 0.5);
  let at = 0;
  const groups = sizes.map((n) => Int32Array.from(order.slice(at, (at += n))));
  const members = sizes.map((n, k) => new Autoencoder({ inputs: n, hiddenRatio: 0.75, learningRate: 0.1, seed: seed + k }));
  const output = new Autoencoder({ inputs: sizes.length, hiddenRatio: 0.75, learningRate: 0.1, seed });
  const errors = new Float64Array(sizes.length);
  const outputIndex = Int32Array.from(sizes, (_, i) => i);
  const sample = () => Float64Array.from({ length: features }, () => rand() * 100);
  for (let s = 0; s < 300; s++) {
    const x = sample();
    members.forEach((m, k) => (errors[k] = m.train(x, groups[k]!)));
    output.train(errors, outputIndex);
  }
  /** The looped JavaScript reference: each member's RMSE, then the output layer's. */
  const reference = (x: Float64Array) => {
    members.forEach((m, k) => (errors[k] = m.score(x, groups[k]!)));
    return { score: output.score(errors, outputIndex), errors: Float64Array.from(errors) };
  };
  return { groups, members, output, sample, reference };
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('KitNET ensemble scorer (WebAssembly)', () => {
  it('scores as the looped JavaScript autoencoders do, member errors included', () => {
    const e = trainedEnsemble(57, [10, 10, 9, 8, 10, 3, 7], 11);
    const scorer = new EnsembleScorer(57, e.groups, e.members.map((m) => m.parameters), e.output.parameters);
    for (let s = 0; s < 200; s++) {
      const x = e.sample();
      // Some far outside the training range, where the logistic function saturates.
      if (s % 10 === 0) x[s % 57] = (s % 20 === 0 ? 1 : -1) * 1e6;
      const want = e.reference(x);
      expect(relative(scorer.score(x), want.score)).toBeLessThan(1e-12);
      for (let k = 0; k < want.errors.length; k++) expect(relative(scorer.errors[k]!, want.errors[k]!)).toBeLessThan(1e-12);
    }
  });

  it('scores ensembles of any shape: a hundred singletons, members of one and two inputs, one of 90', () => {
    for (const [features, sizes] of [
      [116, [...Array<number>(106).fill(1), 10]],
      [95, [1, 2, 2, 90]],
    ] as const) {
      const e = trainedEnsemble(features, [...sizes], 7);
      const scorer = new EnsembleScorer(features, e.groups, e.members.map((m) => m.parameters), e.output.parameters);
      for (let s = 0; s < 20; s++) {
        const x = e.sample();
        const want = e.reference(x);
        expect(relative(scorer.score(x), want.score)).toBeLessThan(1e-12);
        for (let k = 0; k < want.errors.length; k++) expect(relative(scorer.errors[k]!, want.errors[k]!)).toBeLessThan(1e-12);
      }
    }
  });

  it('sees new weights only after load, and passes NaN through as JavaScript does', () => {
    const e = trainedEnsemble(20, [10, 10], 5);
    const scorer = new EnsembleScorer(20, e.groups, e.members.map((m) => m.parameters), e.output.parameters);
    const x = e.sample();
    const before = scorer.score(x);
    for (let s = 0; s < 50; s++) e.members[0]!.train(e.sample(), e.groups[0]!);
    expect(scorer.score(x)).toBe(before);
    scorer.load();
    expect(relative(scorer.score(x), e.reference(x).score)).toBeLessThan(1e-12);
    x[e.groups[1]![0]!] = Number.NaN;
    expect(scorer.score(x)).toBeNaN();
  });

  it('refuses an ensemble whose members do not match their groups', () => {
    const e = trainedEnsemble(20, [10, 10], 5);
    expect(() => new EnsembleScorer(20, [e.groups[0]!], e.members.map((m) => m.parameters), e.output.parameters)).toThrow(/shape/);
    expect(() => new EnsembleScorer(20, [e.groups[1]!, e.groups[0]!.subarray(0, 9)], e.members.map((m) => m.parameters), e.output.parameters)).toThrow(/inputs/);
    expect(() => new EnsembleScorer(19, e.groups, e.members.map((m) => m.parameters), e.output.parameters)).toThrow(/outside 0..18/);
  });
});
