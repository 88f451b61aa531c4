// Error factories of the anomaly detectors and their CSV series input, one per code (docs/errors.md).
import { CityguardError } from '../../../domain/index.js';

/** A detector was configured with something it cannot use. */
export function invalidDetectorConfig(problem: string): CityguardError {
  return new CityguardError('CG_ANOMALY_CONFIG_INVALID', `invalid anomaly detector configuration: ${problem}`, { problem });
}

/** A snapshot could not be restored. */
export function invalidSnapshot(problem: string, cause?: unknown): CityguardError {
  return new CityguardError('CG_ANOMALY_SNAPSHOT_INVALID', `cannot restore the anomaly detector snapshot: ${problem}`, { problem }, cause);
}

/** Too few training rows to learn and calibrate. */
export function tooFewSamples(rows: number, needed: number): CityguardError {
  return new CityguardError('CG_ANOMALY_TOO_FEW_SAMPLES', `the training data has ${rows} rows; at least ${needed} are needed to learn and calibrate`, { rows, needed });
}

/** One problem found in a CSV series, located by row (1-based line number) and column. */
export interface SeriesProblem {
  readonly line: number;
  readonly column?: string;
  readonly message: string;
}

/** A CSV time series could not be used; every problem is listed (the first ones in the message). */
export function invalidSeries(file: string, problems: readonly SeriesProblem[]): CityguardError {
  const shown = problems.slice(0, 5).map((p) => `${file}:${p.line}${p.column === undefined ? '' : ` column ${p.column}`}: ${p.message}`);
  const more = problems.length > shown.length ? `\n… and ${problems.length - shown.length} more` : '';
  const message = `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}:\n${shown.join('\n')}${more}`;
  return new CityguardError('CG_SERIES_INVALID', message, { file, count: problems.length, problems: problems.slice(0, 100) });
}

/** The test series lacks columns the detector learned from the training series. */
export function seriesColumnsMismatch(file: string, missing: readonly string[]): CityguardError {
  return new CityguardError('CG_SERIES_COLUMNS_MISMATCH', `${file} lacks ${missing.length} column${missing.length === 1 ? '' : 's'} the training series has: ${missing.join(', ')}`, { file, missing });
}

/** A series file could not be read or written. */
export function seriesFileFailed(file: string, action: 'read' | 'write', cause: unknown): CityguardError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new CityguardError('CG_SERIES_FILE_FAILED', `cannot ${action} ${file}: ${reason}`, { file, action }, cause);
}

/** A network model's controls could not be used; every problem is listed (line 0: the file as a whole). */
export function invalidControls(file: string, problems: readonly SeriesProblem[]): CityguardError {
  const shown = problems.slice(0, 5).map((p) => `${file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`);
  const more = problems.length > shown.length ? `\n… and ${problems.length - shown.length} more` : '';
  const message = `cannot read control rules from ${file}:\n${shown.join('\n')}${more}`;
  return new CityguardError('CG_CONTROLS_INVALID', message, { file, count: problems.length, problems: problems.slice(0, 100) });
}
