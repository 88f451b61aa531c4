import { describe, expect, it } from 'vitest';
import { Autoencoder, sigmoid } from './autoencoder.js';
import { DampedStreams } from './damped-stats.js';
import { NetworkFeatureExtractor, type FeaturePacket } from './feature-extractor.js';
import { KitNet, KITNET_DEFAULTS } from './kitnet.js';
import { LogNormalThreshold } from './log-normal-threshold.js';

const packet = (tsMs: number, src: string, dst: string, size: number, sport = 40000, dport = 502): FeaturePacket => ({
  tsMs,
  wireLength: size,
  macSrc: `mac-${src}`,
  macDst: `mac-${dst}`,
  etherType: 0x0800,
  ipVersion: 4,
  ipSrc: src,
  ipDst: dst,
  transport: 'tcp',
  srcPort: sport,
  dstPort: dport,
  payload: new Uint8Array(0),
});

describe('damped statistics', () => {
  it('halve a stream’s weight after one half-life 1/λ without new values', () => {
    const s = new DampedStreams([1]);
    const id = s.id('a');
    s.update(id, 0, 10);
    s.update(id, 1, 10);
    expect(s.weight(id, 0)).toBeCloseTo(1.5, 12);
    const out = new Float64Array(3);
    s.write1d(id, out, 0);
    expect([out[1], out[2]]).toEqual([10, 0]);
  });
});

describe('Kitsune feature extractor', () => {
  it('yields 115 finite features and flags new hosts, channels and sockets', () => {
    const fe = new NetworkFeatureExtractor();
    expect(fe.size).toBe(115);
    const x = fe.extract(packet(0, '10.0.0.1', '10.0.0.2', 66));
    expect(Array.from(x).every(Number.isFinite)).toBe(true);
    expect(fe.novelty).toEqual({ host: true, channel: true, socket: true });
    fe.extract(packet(10, '10.0.0.1', '10.0.0.2', 66));
    expect(fe.novelty).toEqual({ host: false, channel: false, socket: false });
    fe.extract(packet(20, '10.0.0.1', '10.0.0.2', 66, 40001));
    expect(fe.novelty.socket).toBe(true);
  });

  it('computes the same features with and without the per-flow id cache', () => {
    const a = new NetworkFeatureExtractor();
    const b = new NetworkFeatureExtractor();
    const flow = { featureCache: undefined as unknown };
    for (let i = 0; i < 50; i++) {
      const fromClient = i % 2 === 0;
      const p = fromClient ? packet(i * 7, '10.0.0.1', '10.0.0.2', 60 + i) : packet(i * 7, '10.0.0.2', '10.0.0.1', 70, 502, 40000);
      expect(Array.from(b.extract(p, flow, fromClient))).toEqual(Array.from(a.extract(p)));
    }
  });
});

describe('KitNET', () => {
  it('maps, trains, then scores a departure from the learned pattern above the learned traffic', () => {
    const fe = new NetworkFeatureExtractor();
    const kn = new KitNet(fe.size, { ...KITNET_DEFAULTS, mapSamples: 200, trainSamples: 2000 });
    let t = 0;
    for (let i = 0; i < 2200; i++) kn.process(fe.extract(packet((t += 100), '10.0.0.1', '10.0.0.2', 66 + (i % 3))));
    expect(kn.phase).toBe('scoring');
    expect(kn.featureGroups.flatMap((g) => Array.from(g)).sort((a, b) => a - b)).toEqual([...Array(115).keys()]);
    expect(Math.max(...kn.featureGroups.map((g) => g.length))).toBeLessThanOrEqual(10);
    const normal = kn.process(fe.extract(packet((t += 100), '10.0.0.1', '10.0.0.2', 67)));
    const odd = kn.process(fe.extract(packet((t += 1), '10.0.0.9', '10.0.0.2', 1514, 4444, 445)));
    expect(odd).toBeGreaterThan(10 * normal);
  });

  it('trains an autoencoder towards reconstructing what it sees', () => {
    const ae = new Autoencoder({ inputs: 4, hiddenRatio: 0.75, learningRate: 0.1, seed: 3 });
    const samples = [Float64Array.from([0, 1, 0, 1]), Float64Array.from([1, 0, 1, 0])];
    const all = Int32Array.from([0, 1, 2, 3]);
    const first = ae.train(samples[0]!, all);
    for (let i = 0; i < 5000; i++) ae.train(samples[i % 2]!, all);
    expect(ae.score(samples[0]!, all)).toBeLessThan(first / 2);
  });

  it('reports the member errors of the last sample, trained or scored, and scores repeatably once trained', () => {
    const fe = new NetworkFeatureExtractor();
    const kn = new KitNet(fe.size, { ...KITNET_DEFAULTS, mapSamples: 100, trainSamples: 400 });
    let t = 0;
    const next = (i: number) => fe.extract(packet((t += 50 + (i % 7)), '10.0.0.1', i % 3 ? '10.0.0.2' : '10.0.0.3', 60 + (i % 11)));
    for (let i = 0; i < 499; i++) kn.process(next(i));
    // The last training sample: its score before the update, then the same sample scored by the trained model.
    const x = Float64Array.from(next(499));
    kn.process(x);
    const trainedErrors = Float64Array.from(kn.memberErrors);
    const scored = kn.score(x);
    expect(kn.phase).toBe('scoring');
    expect(kn.memberErrors.length).toBe(kn.featureGroups.length);
    expect(Array.from(kn.memberErrors)).not.toEqual(Array.from(trainedErrors));
    expect(scored).toBeGreaterThan(0);
    expect(kn.process(x)).toBe(scored);
    expect(sigmoid(0)).toBe(0.5);
  });
});

describe('log-normal threshold', () => {
  it('puts the threshold at the quantile of the fitted distribution', () => {
    const t = new LogNormalThreshold();
    for (let i = 1; i < 1000; i++) t.add(Math.exp((i - 500) / 250));
    expect(t.threshold(0.5)).toBeCloseTo(1, 1);
    expect(t.threshold(0.001)).toBeGreaterThan(t.threshold(0.01));
  });
});
