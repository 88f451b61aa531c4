// Error factories of the ingest engine, one per code (docs/errors.md). Bad device input is never an
// error: it is quarantined with a reason. These are for the operator's own mistakes and failures.
import { CityguardError } from '../../domain/index.js';

/** A listener (MQTT, syslog) could not bind its address. */
export function ingestListenFailed(what: string, address: string, cause: unknown): CityguardError {
  return new CityguardError('CG_INGEST_LISTEN_FAILED', `the ${what} could not listen on ${address}`, { what, address }, cause);
}

/** The TLS key or certificate files of a listener could not be read. */
export function ingestTlsFiles(files: string[], cause: unknown): CityguardError {
  return new CityguardError('CG_INGEST_TLS_FILES', `could not read the TLS files ${files.join(', ')}`, { files }, cause);
}

/** A credential was asked for an asset the city does not have. */
export function ingestUnknownDevice(assetId: string): CityguardError {
  return new CityguardError('CG_INGEST_UNKNOWN_DEVICE', `no asset "${assetId}" in the city model`, { assetId });
}

/** A command was addressed to a device kind that does not accept it. */
export function ingestCommandNotAccepted(assetId: string, kind: string, command: string): CityguardError {
  return new CityguardError('CG_INGEST_COMMAND_NOT_ACCEPTED', `a ${kind} does not accept the command ${command}`, { assetId, kind, command });
}

/** A device did not acknowledge a command in time. */
export function ingestCommandTimeout(assetId: string, commandId: string, timeoutMs: number): CityguardError {
  return new CityguardError('CG_INGEST_COMMAND_TIMEOUT', `device ${assetId} did not acknowledge command ${commandId} within ${timeoutMs} ms`, {
    assetId,
    commandId,
    timeoutMs,
  });
}

/** The external MQTT broker refused the connection or the subscription. */
export function ingestExternalBroker(url: string, cause: unknown): CityguardError {
  return new CityguardError('CG_INGEST_EXTERNAL_BROKER', `could not subscribe to the MQTT broker at ${url}`, { url }, cause);
}
