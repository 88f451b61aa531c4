// Detection metrics over per-packet scores and labels: ROC-AUC (ties averaged), the best F1 over
// every threshold, and precision, recall and F1 of given alert flags.

/** Area under the ROC curve: the chance an attack packet scores above a normal one (ties count half). */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (!labels[order[k]!]) continue;
      rankSum += rank;
      positives++;
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Precision, recall and F1 of alert flags. */
export function f1Of(alerts: readonly boolean[], labels: readonly number[]): { precision: number; recall: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  alerts.forEach((a, i) => {
    if (a && labels[i]) tp++;
    else if (a) fp++;
    else if (labels[i]) fn++;
  });
  return { precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), f1: (2 * tp) / (2 * tp + fp + fn || 1) };
}

/** Highest F1 over all thresholds "alert when score ≥ t" (an oracle: shows separability, not a deployable setting). */
export function bestF1(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const positives = labels.reduce((n, l) => n + (l ? 1 : 0), 0);
  let tp = 0;
  let fp = 0;
  let best = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) {
      if (labels[order[j]!]) tp++;
      else fp++;
      j++;
    }
    best = Math.max(best, (2 * tp) / (tp + fp + positives));
    i = j;
  }
  return best;
}
