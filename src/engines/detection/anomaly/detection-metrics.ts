// Scores alarms against labels: confusion counts, precision, recall, F1, TPR, TNR, and the BATADAL
// score S (Taormina et al. 2018): S = ½·S_TTD + ½·S_CM, S_TTD = 1 − mean(TTD_i / Δt_i),
// S_CM = (TPR + TNR) / 2. An attack is a maximal run of rows labelled 1; unlabelled rows are skipped.

/** Detection of one labelled attack. Indices are row indices into the scored series. */
export interface AttackDetection {
  readonly start: number;
  readonly end: number;
  /** Rows from the attack's first row to its first alarmed row (its length when never alarmed). */
  readonly timeToDetectRows: number;
  readonly durationRows: number;
  readonly detected: boolean;
}

/** Everything the offline command and the benchmark report. */
export interface DetectionMetrics {
  readonly labelledRows: number;
  readonly unlabelledRows: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly tpr: number;
  readonly tnr: number;
  readonly sTtd: number;
  readonly sCm: number;
  readonly s: number;
  readonly attacks: readonly AttackDetection[];
}

/** Compares per-row alarms (1/0) with labels (1 attack, 0 normal, −1 unlabelled). */
export function scoreDetections(labels: ArrayLike<number>, alarms: ArrayLike<number>): DetectionMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  let unlabelled = 0;
  for (let i = 0; i < labels.length; i++) {
    const alarm = alarms[i] === 1;
    if (labels[i] === 1) {
      if (alarm) tp++;
      else fn++;
    } else if (labels[i] === 0) {
      if (alarm) fp++;
      else tn++;
    } else unlabelled++;
  }
  const attacks = findAttacks(labels, alarms);
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const tnr = ratio(tn, tn + fp);
  const sTtd = attacks.length === 0 ? 1 : 1 - attacks.reduce((s, a) => s + a.timeToDetectRows / a.durationRows, 0) / attacks.length;
  const sCm = (recall + tnr) / 2;
  return {
    labelledRows: tp + fp + tn + fn,
    unlabelledRows: unlabelled,
    tp, fp, tn, fn,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    tpr: recall,
    tnr,
    sTtd,
    sCm,
    s: 0.5 * sTtd + 0.5 * sCm,
    attacks,
  };
}

function findAttacks(labels: ArrayLike<number>, alarms: ArrayLike<number>): AttackDetection[] {
  const attacks: AttackDetection[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1 || (i > 0 && labels[i - 1] === 1)) continue;
    let end = i;
    while (end + 1 < labels.length && labels[end + 1] === 1) end++;
    const duration = end - i + 1;
    let ttd = duration;
    for (let k = i; k <= end; k++) {
      if (alarms[k] === 1) {
        ttd = k - i;
        break;
      }
    }
    attacks.push({ start: i, end, timeToDetectRows: ttd, durationRows: duration, detected: ttd < duration });
  }
  return attacks;
}
