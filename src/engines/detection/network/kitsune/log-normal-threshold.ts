// Calibrates an alert threshold from scores of normal traffic, as Kitsune does (NDSS 2018 §V-B):
// fit a log-normal distribution to the scores and alert above the quantile that leaves the
// chosen false-alarm rate. Scores ≤ 0 are ignored (they carry no evidence either way).
import { probit } from 'simple-statistics';

/** Accumulates log-scores of normal traffic and gives the threshold for a false-alarm rate. */
export class LogNormalThreshold {
  private n = 0;
  private sum = 0;
  private sumSq = 0;
  private max = 0;

  /** Adds one score of normal traffic. */
  add(score: number): void {
    if (!(score > 0) || !Number.isFinite(score)) return;
    const l = Math.log(score);
    this.n++;
    this.sum += l;
    this.sumSq += l * l;
    if (score > this.max) this.max = score;
  }

  /** Scores seen. */
  get count(): number {
    return this.n;
  }

  /** Score above which a packet of the fitted normal traffic appears with probability `falseAlarmRate`. */
  threshold(falseAlarmRate: number): number {
    if (this.n < 2) return this.max > 0 ? this.max : Number.POSITIVE_INFINITY;
    const mean = this.sum / this.n;
    const sd = Math.sqrt(Math.max(0, this.sumSq / this.n - mean * mean));
    return Math.exp(mean + probit(1 - falseAlarmRate) * sd);
  }
}
