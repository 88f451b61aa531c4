// Accuracy of the network detector on one capture: learn as LEARNING says, judge every remaining
// packet, and score the combined verdict and the Kitsune part alone against the labels.
import type { PacketVerdict } from '../../src/engines/detection/network/index.js';
import { NetworkDetector } from '../../src/engines/detection/network/index.js';
import type { LabelledCapture, Learning } from './lemay.js';
import { bestF1, f1Of, rocAuc } from './metrics.js';

/** Metrics of one capture and learning setting. */
export interface AccuracyRow {
  capture: string;
  learning: string;
  testPackets: number;
  attackPackets: number;
  auc: number;
  aucKitsune: number;
  bestF1: number;
  f1: number;
  precision: number;
  recall: number;
  distinctAlerts: number;
  verdicts: PacketVerdict[];
}

/** Runs one capture; `captures` supplies the training capture for cross learning. */
export function accuracyOf(test: LabelledCapture, learning: Learning, captures: Map<string, LabelledCapture>): AccuracyRow {
  let distinctAlerts = 0;
  const learnPackets = learning.kind === 'self' ? Math.floor(learning.fraction * test.packets.length) : learning.packets;
  const detector = new NetworkDetector({ learnPackets }, { alert: () => distinctAlerts++ });
  let first = 0;
  if (learning.kind === 'other') {
    for (const p of captures.get(learning.capture)!.packets.slice(0, learning.packets)) detector.push(p);
    detector.decoder.finish();
  } else first = learnPackets;
  const verdicts = test.packets.map((p) => detector.push(p)).slice(first);
  detector.finish();
  const labels = test.labels.slice(first);
  const alerts = f1Of(
    verdicts.map((v) => v.alert),
    labels,
  );
  return {
    capture: test.name,
    learning: learning.kind === 'self' ? `first ${Math.round(learning.fraction * 100)} % (${learnPackets} packets)` : `${learning.capture.split('_').slice(0, 4).join('_')} first ${learning.packets}`,
    testPackets: verdicts.length,
    attackPackets: labels.filter((l) => l).length,
    auc: rocAuc(
      verdicts.map((v) => v.score),
      labels,
    ),
    aucKitsune: rocAuc(
      verdicts.map((v) => v.anomaly),
      labels,
    ),
    bestF1: bestF1(
      verdicts.map((v) => v.score),
      labels,
    ),
    ...alerts,
    distinctAlerts,
    verdicts,
  };
}
