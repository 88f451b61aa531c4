// Offline runs for the command line and benchmarks: analyse one capture, or learn from a training
// capture (or the start of the test capture) and judge every packet of a test capture.
import type { Alert } from '../../../domain/index.js';
import { TrafficDecoder, readCapture, type CaptureSource, type CaptureSummary, type PortAssignment } from '../../protocols/index.js';
import { CaptureAnalysis, type CaptureReport } from './capture-analysis.js';
import { networkLearningInvalid } from './errors.js';
import { NetworkDetector, type NetworkDetectorOptions, type PacketVerdict } from './network-detector.js';

/** Fewest packets the detector learns from: the feature mapper needs a few per feature. */
const MIN_LEARN_PACKETS = 200;

/** Decodes a whole capture and describes it (`cityguard analyze`). */
export async function analyzeCapture(source: CaptureSource, o: { ports?: PortAssignment; connectionLimit?: number } = {}): Promise<CaptureReport> {
  const analysis = new CaptureAnalysis();
  const decoder = new TrafficDecoder(
    {
      packet: (p) => analysis.packet(p),
      message: (m) => analysis.message(m),
      anomaly: (a) => analysis.anomaly(a),
      flowEnded: (f) => analysis.flowEnded(f),
    },
    o.ports ? { ports: o.ports } : {},
  );
  const summary = await readCapture(source, (p) => decoder.decode(p));
  decoder.finish();
  const name = typeof source === 'string' ? (source === '-' ? 'stdin' : source) : 'stream';
  return analysis.report(name, summary, decoder.counts, o.connectionLimit);
}

/** Packets in a capture file (reads it once; damage ends the count where reading stops). */
export async function countPackets(path: string): Promise<number> {
  return (await readCapture(path, () => {})).packets;
}

/** What to learn from and what to judge. */
export interface OfflineDetectionOptions {
  /** Capture of normal traffic to learn from; without it the start of `test` is learned. */
  train?: string;
  /** Use only the first packets of `train`. */
  trainPackets?: number;
  /** Share of `test` to learn from when there is no `train` (0 < f < 1). */
  learnFraction?: number;
  test: CaptureSource;
  detector?: Omit<Partial<NetworkDetectorOptions>, 'learnPackets'>;
  /** Called for every test packet in order. */
  onVerdict(v: PacketVerdict): void;
  onAlert?(a: Alert): void;
}

/** How an offline detection went. */
export interface OfflineDetectionResult {
  learnPackets: number;
  threshold: number | undefined;
  train?: CaptureSummary;
  test: CaptureSummary;
  alerts: number;
}

/** Learns, then judges each packet of the test capture. */
export async function detectOffline(o: OfflineDetectionOptions): Promise<OfflineDetectionResult> {
  let learnPackets: number;
  if (o.train) learnPackets = Math.min(o.trainPackets ?? Infinity, await countPackets(o.train));
  else {
    if (typeof o.test !== 'string' || o.test === '-') throw networkLearningInvalid('learning from the start of the test capture needs a file (its packets are counted first); give --train for standard input');
    if (!(o.learnFraction! > 0 && o.learnFraction! < 1)) throw networkLearningInvalid(`learn fraction ${o.learnFraction} is not between 0 and 1`);
    learnPackets = Math.round(o.learnFraction! * (await countPackets(o.test)));
  }
  if (learnPackets < MIN_LEARN_PACKETS) throw networkLearningInvalid(`${learnPackets} packets to learn from; at least ${MIN_LEARN_PACKETS} are needed`);
  let alerts = 0;
  const detector = new NetworkDetector(
    { ...o.detector, learnPackets },
    {
      alert: (a) => {
        alerts++;
        o.onAlert?.(a);
      },
    },
  );
  let train: CaptureSummary | undefined;
  if (o.train) {
    let fed = 0;
    train = await readCapture(o.train, (p) => {
      if (fed++ < learnPackets) detector.push(p);
    });
    detector.decoder.finish();
  }
  const test = await readCapture(o.test, (p) => o.onVerdict(detector.push(p)));
  detector.finish();
  const result: OfflineDetectionResult = { learnPackets, threshold: detector.anomaly.threshold, test, alerts };
  if (train) result.train = train;
  return result;
}
