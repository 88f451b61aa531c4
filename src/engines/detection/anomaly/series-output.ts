// Writes offline detection results as CSV: one row per test row with its time, score, alert flag,
// strongest signals and (on alert rows) the explanation in words.
import type { SeriesScores } from './offline-series.js';
import type { SeriesTable } from './series-csv.js';

/** Header of the results CSV. */
export const RESULT_COLUMNS = ['time', 'score', 'alert', 'top_signals', 'explanation'] as const;

/** Renders the results of scoring `test` as CSV text (RFC 4180 quoting where a cell needs it). */
export function formatResultsCsv(test: SeriesTable, scores: SeriesScores): string {
  const lines = [RESULT_COLUMNS.join(',')];
  for (let i = 0; i < test.rows.length; i++) {
    const cells = [test.timeText[i]!, scores.score[i]!.toFixed(4), String(scores.alert[i]), scores.topSignals[i]!.join(' '), scores.explanation[i]!];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
