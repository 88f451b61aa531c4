// Error factories of the ledger engine, one per code; docs/errors.md explains each code and its fix.
import { CityguardError } from '../../domain/index.js';

/** An entry to append was unusable (kind, payload or timestamp). */
export function entryInvalid(detail: string, cause?: unknown): CityguardError {
  return new CityguardError('CG_LEDGER_ENTRY_INVALID', `ledger entry rejected: ${detail}`, { detail }, cause);
}

/** The files of a ledger disagree with each other in a way opening cannot repair. */
export function ledgerCorrupt(dataDir: string, detail: string): CityguardError {
  return new CityguardError(
    'CG_LEDGER_CORRUPT',
    `ledger at ${dataDir} is damaged: ${detail}; run \`cityguard ledger verify --data-dir ${dataDir}\``,
    { dataDir, detail },
  );
}

/** No ledger exists in the data directory. */
export function ledgerNotFound(dataDir: string): CityguardError {
  return new CityguardError('CG_LEDGER_NOT_FOUND', `no ledger in ${dataDir} (create one with \`cityguard ledger init\`)`, { dataDir });
}

/** Another process holds the ledger's write lock. */
export function ledgerLocked(dataDir: string, pid: number): CityguardError {
  return new CityguardError('CG_LEDGER_LOCKED', `ledger at ${dataDir} is open for writing by process ${pid}`, { dataDir, pid });
}

/** A key string (signed-note verifier or signer key) could not be parsed. */
export function keyInvalid(detail: string): CityguardError {
  return new CityguardError('CG_LEDGER_KEY_INVALID', `key rejected: ${detail}`, { detail });
}

/** An entry index or tree size outside the ledger. */
export function outOfRange(detail: string): CityguardError {
  return new CityguardError('CG_LEDGER_RANGE', detail, { detail });
}

/** The ledger was used after `close()`, or a commit failed and the ledger stopped accepting appends. */
export function ledgerUnavailable(detail: string, cause?: unknown): CityguardError {
  return new CityguardError('CG_LEDGER_UNAVAILABLE', `ledger unavailable: ${detail}`, { detail }, cause);
}

/** A witness could not be reached or refused to cosign. */
export function witnessFailed(witness: string, detail: string, cause?: unknown): CityguardError {
  return new CityguardError('CG_LEDGER_WITNESS_FAILED', `witness ${witness}: ${detail}`, { witness, detail }, cause);
}

/** A witness's state directory is missing its key or holds unreadable state. */
export function witnessStateInvalid(stateDir: string, detail: string): CityguardError {
  return new CityguardError('CG_WITNESS_STATE_INVALID', `witness state in ${stateDir}: ${detail}`, { stateDir, detail });
}
