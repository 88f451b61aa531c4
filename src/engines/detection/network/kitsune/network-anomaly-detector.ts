// Network anomaly detection for what protocol decoders do not show (file transfers, exploits,
// command and control): Kitsune features per packet, scored by KitNET, with a threshold
// calibrated on normal traffic. Phases follow packet counts: map features, train, calibrate, detect.
import { FEATURE_GROUPS, NetworkFeatureExtractor, type FeatureCacheSlot, type FeaturePacket, type NoveltyFlags } from './feature-extractor.js';
import { KITNET_DEFAULTS, KitNet, type KitNetOptions } from './kitnet.js';
import { LogNormalThreshold } from './log-normal-threshold.js';

/** How much normal traffic is used for what, and how strict alerting is. */
export interface NetworkAnomalyOptions {
  /** Packets of normal traffic to learn from (map + train + calibrate). */
  learnPackets: number;
  /** Fractions of the learning packets used to map features and to calibrate the threshold; the rest trains. */
  mapFraction: number;
  calibrateFraction: number;
  /** Share of normal packets allowed above the threshold (log-normal fit). */
  falseAlarmRate: number;
  /** Decay rates of the time windows (1/s). */
  lambdas: readonly number[];
  kitnet: Omit<KitNetOptions, 'mapSamples' | 'trainSamples'>;
}

/** Defaults: Kitsune's model settings; 10 % of learning to map, 10 % to calibrate; 1 false alarm per 1,000 normal packets. */
export const NETWORK_ANOMALY_DEFAULTS: Omit<NetworkAnomalyOptions, 'learnPackets'> = {
  mapFraction: 0.1,
  calibrateFraction: 0.1,
  falseAlarmRate: 0.001,
  lambdas: [5, 3, 1, 0.1, 0.01],
  kitnet: KITNET_DEFAULTS,
};

/** Phase a packet was handled in. */
export type AnomalyPhase = 'mapping' | 'training' | 'calibrating' | 'detecting';

/** The verdict on one packet. */
export interface PacketScore {
  phase: AnomalyPhase;
  /** KitNET RMSE (0 while mapping). */
  score: number;
  /** Score above the calibrated threshold (detecting phase only). */
  alert: boolean;
}

/** Why a packet scored high, in words and as the most deviating feature group. */
export interface AnomalyExplanation {
  group: (typeof FEATURE_GROUPS)[number]['id'];
  what: string;
  novelty: NoveltyFlags;
}

/** Scores packets in capture order. */
export class NetworkAnomalyDetector {
  readonly extractor: NetworkFeatureExtractor;
  private readonly kitnet: KitNet;
  private readonly calibration = new LogNormalThreshold();
  private readonly mapPackets: number;
  private readonly trainPackets: number;
  private readonly calibratePackets: number;
  private seen = 0;
  private readonly result: PacketScore = { phase: 'mapping', score: 0, alert: false };
  private thresholdValue: number | undefined;
  /** Mean error of each ensemble member on calibration traffic, to say which one departs most. */
  private memberMeans = new Float64Array(0);
  /** Feature group of each ensemble member, found once after mapping. */
  private memberGroup: (typeof FEATURE_GROUPS)[number][] = [];

  constructor(private readonly o: NetworkAnomalyOptions) {
    this.extractor = new NetworkFeatureExtractor(o.lambdas);
    this.mapPackets = Math.max(1, Math.round(o.learnPackets * o.mapFraction));
    this.calibratePackets = Math.max(1, Math.round(o.learnPackets * o.calibrateFraction));
    this.trainPackets = Math.max(1, o.learnPackets - this.mapPackets - this.calibratePackets);
    this.kitnet = new KitNet(this.extractor.size, { ...o.kitnet, mapSamples: this.mapPackets, trainSamples: this.trainPackets });
  }

  /** Phase the next packet will be handled in. */
  get phase(): AnomalyPhase {
    const s = this.seen;
    if (s < this.mapPackets) return 'mapping';
    if (s < this.mapPackets + this.trainPackets) return 'training';
    return s < this.mapPackets + this.trainPackets + this.calibratePackets ? 'calibrating' : 'detecting';
  }

  /** Calibrated threshold, once calibration has ended. */
  get threshold(): number | undefined {
    return this.thresholdValue;
  }

  /** Handles one packet; `flow` lets the extractor cache stream ids per connection. The result is reused: read it before the next call. */
  process(p: FeaturePacket, flow?: FeatureCacheSlot, fromClient = true): Readonly<PacketScore> {
    const r = this.result;
    const phase = this.phase;
    this.seen++;
    const x = this.extractor.extract(p, flow, fromClient);
    r.phase = phase;
    r.alert = false;
    if (phase === 'mapping' || phase === 'training') {
      r.score = this.kitnet.process(x);
      return r;
    }
    r.score = this.kitnet.score(x);
    if (phase === 'calibrating') {
      this.calibration.add(r.score);
      this.addMemberErrors();
      if (this.phase === 'detecting') this.thresholdValue = this.calibration.threshold(this.o.falseAlarmRate);
    } else r.alert = r.score > this.thresholdValue!;
    return r;
  }

  /** Explains the last scored packet: the feature group of the ensemble member furthest above its usual error. */
  explainLast(): AnomalyExplanation {
    const errors = this.kitnet.memberErrors;
    if (this.memberGroup.length !== errors.length) this.memberGroup = this.kitnet.featureGroups.map((g) => this.dominantGroup(g));
    let best = 0;
    let bestRatio = -1;
    for (let a = 0; a < errors.length; a++) {
      const ratio = errors[a]! / (this.memberMeans[a]! || 1e-12);
      if (ratio > bestRatio) [best, bestRatio] = [a, ratio];
    }
    const g = this.memberGroup[best] ?? FEATURE_GROUPS[4];
    const n = this.extractor.novelty;
    return { group: g.id, what: g.what, novelty: { host: n.host, channel: n.channel, socket: n.socket } };
  }

  /** The feature group most of an ensemble member's inputs belong to. */
  private dominantGroup(features: Int32Array): (typeof FEATURE_GROUPS)[number] {
    const counts = new Map<string, number>();
    for (const f of features) {
      const group = this.extractor.names[f]!.split(' ')[0]!;
      counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    const id = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'socket';
    return FEATURE_GROUPS.find((x) => x.id === id)!;
  }

  private addMemberErrors(): void {
    const errors = this.kitnet.memberErrors;
    if (this.memberMeans.length !== errors.length) this.memberMeans = new Float64Array(errors.length);
    const n = this.calibration.count || 1;
    for (let a = 0; a < errors.length; a++) this.memberMeans[a]! += (errors[a]! - this.memberMeans[a]!) / n;
  }
}
