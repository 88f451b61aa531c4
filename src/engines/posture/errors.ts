// Error factories of the posture engine, one per code (docs/errors.md). Bad entries inside a
// readable advisory file, a bad inventory row or a bad observation are data (counted and reported),
// not errors; these codes are for input that cannot be used at all.
import { CityguardError } from '../../domain/index.js';

/** An advisory file could not be read or is not JSON. */
export function advisoryUnreadable(file: string, detail: string, cause?: unknown): CityguardError {
  return new CityguardError(
    'CG_POSTURE_ADVISORY_UNREADABLE',
    `${file}: cannot read advisory: ${detail}`,
    { file, detail },
    cause,
  );
}

/** A JSON file is neither a CISA KEV catalogue nor a CSAF 2.0 document. */
export function advisoryFormatUnknown(file: string): CityguardError {
  return new CityguardError(
    'CG_POSTURE_ADVISORY_FORMAT_UNKNOWN',
    `${file}: not a CISA KEV catalogue (no "vulnerabilities" array with "catalogVersion") nor a CSAF 2.0 document (no document.csaf_version "2.0")`,
    { file },
  );
}

/** A KEV or CSAF document lacks the structure every entry hangs from (e.g. no product_tree). */
export function advisoryInvalid(file: string, detail: string): CityguardError {
  return new CityguardError('CG_POSTURE_ADVISORY_INVALID', `${file}: unusable advisory document: ${detail}`, {
    file,
    detail,
  });
}

/** An advisory feed folder or file given to the posture report does not exist or holds no feed. */
export function feedNotFound(path: string): CityguardError {
  return new CityguardError(
    'CG_POSTURE_FEED_NOT_FOUND',
    `${path}: no advisory feed here (expected .yaml feed files or KEV/CSAF .json files)`,
    { path },
  );
}

/** An inventory CSV or observations file could not be read, or has no usable header / top-level shape. */
export function inputUnreadable(file: string, detail: string, cause?: unknown): CityguardError {
  return new CityguardError('CG_POSTURE_INPUT_UNREADABLE', `${file}: ${detail}`, { file, detail }, cause);
}
