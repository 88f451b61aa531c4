// Throughput of each stage on the same packets: decoding alone, decoding plus the Kitsune feature
// extractor (the reference: statistics without the model), and the full detector while learning
// and while detecting. Wall time and CPU time of the process are both reported, since other work
// on a shared machine slows the wall clock. run.ts times each stage in a fresh process
// (speed-stage.ts), as JMH forks a JVM per benchmark: type feedback and heap left behind by other
// detectors in the same process slow V8's code, and how much depends on what else the process ran
// (run.ts reports that figure too).
import { NetworkDetector, NetworkFeatureExtractor } from '../../src/engines/detection/network/index.js';
import { TrafficDecoder, readCaptureBytes, type CapturedPacket } from '../../src/engines/protocols/index.js';
import { CROSS_TRAIN, type LabelledCapture } from './lemay.js';

/** One timed stage: packets per second by wall clock and by CPU time, median of runs, with the spread. */
export interface StageSpeed {
  stage: string;
  packets: number;
  wallPps: number;
  cpuPps: number;
  cpuPpsMin: number;
  cpuPpsMax: number;
}

/** Warm-up before timing: V8 needs several passes before the hot paths are fully optimised. */
const WARM_UP_PASSES = 3;
const WARM_UP_MS = 3000;

/** Times `run` (which returns packets handled) `repeat` times after warming up (≥ 3 passes and ≥ 3 s): steady-state speed, as a long-running detector sees it. */
export function timeStage(stage: string, repeat: number, run: () => number): StageSpeed {
  const warmStart = performance.now();
  for (let i = 0; i < WARM_UP_PASSES || performance.now() - warmStart < WARM_UP_MS; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  let packets = 0;
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    packets = run();
    const dt = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    wall.push(packets / dt);
    cpu.push(packets / ((c.user + c.system) / 1e6));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { stage, packets, wallPps: median(wall), cpuPps: median(cpu), cpuPpsMin: Math.min(...cpu), cpuPpsMax: Math.max(...cpu) };
}

/** The stages, in table order: title and the run over the loaded captures. */
export const STAGES = {
  decode: { title: 'decode (capture records → flows → TCP reassembly → Modbus/ARP decoders)', run: (c: StageInput) => decodeRun(c.all) },
  features: { title: 'decode + Kitsune features (reference: statistics, no model)', run: (c: StageInput) => featureRun(c.all) },
  'detect-all': {
    title: 'full detector, detecting all five captures (decode, baselines, features, KitNET score; most packets alert)',
    run: (c: StageInput) => detectingRun(c.normal, c.all),
  },
  'detect-normal': {
    title: 'full detector, detecting mostly normal traffic (send_a_fake after packet 4,700)',
    run: (c: StageInput) => detectingPacketsRun(c.normal, c.afterNormal),
  },
  learn: { title: 'full detector, learning (features, KitNET mapping + training, calibration)', run: (c: StageInput) => learningRun(c.normal) },
} as const;

/** A stage's id. */
export type StageId = keyof typeof STAGES;

/** What the stages run over: every capture's bytes, and send_a_fake_command split at its normal start. */
export interface StageInput {
  all: Uint8Array[];
  normal: CapturedPacket[];
  afterNormal: CapturedPacket[];
}

/** The stage input from the loaded captures, split where CROSS_TRAIN's normal start ends. */
export function stageInput(captures: Map<string, LabelledCapture>): StageInput {
  const fake = captures.get(CROSS_TRAIN.capture)!.packets;
  return { all: [...captures.values()].map((c) => c.bytes), normal: fake.slice(0, CROSS_TRAIN.packets), afterNormal: fake.slice(CROSS_TRAIN.packets) };
}

/** Decoding only: capture records → packet layers → flows → TCP reassembly → protocol decoders. */
export function decodeRun(captures: Uint8Array[]): () => number {
  return () => {
    let n = 0;
    for (const bytes of captures) {
      const decoder = new TrafficDecoder();
      n += readCaptureBytes(bytes, (p) => decoder.decode(p)).packets;
      decoder.finish();
    }
    return n;
  };
}

/** Decoding plus the 115 Kitsune features of every packet (no model). */
export function featureRun(captures: Uint8Array[]): () => number {
  return () => {
    let n = 0;
    for (const bytes of captures) {
      const fe = new NetworkFeatureExtractor();
      const decoder = new TrafficDecoder({ packet: (p, f) => void fe.extract(p, f, f ? f.fromClient(p.ipSrc, p.srcPort) : true) });
      n += readCaptureBytes(bytes, (p) => decoder.decode(p)).packets;
      decoder.finish();
    }
    return n;
  };
}

/** The full detector while learning: decode, baselines, features, KitNET mapping and training, calibration. */
export function learningRun(normal: CapturedPacket[]): () => number {
  return () => {
    const detector = new NetworkDetector({ learnPackets: normal.length });
    for (const p of normal) detector.push(p);
    return normal.length;
  };
}

/** The full detector while detecting: learned once on `normal` before timing, then every packet of `captures` per run. */
export function detectingRun(normal: CapturedPacket[], captures: Uint8Array[]): () => number {
  return detectingPackets(normal, () => captures);
}

/** The full detector detecting `test` packets already in memory (learned once on `normal`). */
export function detectingPacketsRun(normal: CapturedPacket[], test: CapturedPacket[]): () => number {
  const detector = new NetworkDetector({ learnPackets: normal.length });
  for (const p of normal) detector.push(p);
  detector.decoder.finish();
  return () => {
    for (const p of test) detector.push(p);
    detector.decoder.finish();
    return test.length;
  };
}

function detectingPackets(normal: CapturedPacket[], captures: () => Uint8Array[]): () => number {
  const detector = new NetworkDetector({ learnPackets: normal.length });
  for (const p of normal) detector.push(p);
  detector.decoder.finish();
  return () => {
    let n = 0;
    for (const bytes of captures()) {
      n += readCaptureBytes(bytes, (p) => void detector.push(p)).packets;
      detector.decoder.finish();
    }
    return n;
  };
}
