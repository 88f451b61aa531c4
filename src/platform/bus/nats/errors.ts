// Error factories of the NATS JetStream bus, one per code (docs/errors.md).
import { CityguardError } from '../../../domain/index.js';

/** A topic, group or stream prefix that cannot be used as a JetStream subject or name. */
export function busBadName(kind: 'topic' | 'group' | 'streamPrefix', name: string): CityguardError {
  const rule = kind === 'topic' ? 'dot-separated tokens of a-z, 0-9 and -' : 'letters, digits and -';
  return new CityguardError('CG_BUS_BAD_NAME', `the ${kind} "${name.slice(0, 80)}" is not usable on NATS: use ${rule}`, { kind, name: name.slice(0, 80) });
}

/** The NATS server could not be reached or has no JetStream. */
export function busConnectFailed(url: string, cause: unknown): CityguardError {
  return new CityguardError('CG_BUS_CONNECT_FAILED', `could not connect to NATS JetStream at ${url}`, { url }, cause);
}

/** A stream exists with another partition count than configured; keys would land on other partitions. */
export function busPartitionsChanged(stream: string, existing: number, configured: number): CityguardError {
  return new CityguardError(
    'CG_BUS_PARTITIONS_CHANGED',
    `stream ${stream} was created with ${existing} partitions but ${configured} are configured`,
    { stream, existing, configured },
  );
}

/** A value the bus cannot carry (not JSON-serialisable). */
export function busUnencodable(topic: string, cause: unknown): CityguardError {
  return new CityguardError('CG_BUS_UNENCODABLE', `a value published to ${topic} cannot be encoded as JSON`, { topic }, cause);
}

/** The server refused or did not confirm a publish (stream full, message too large, timeout). */
export function busPublishFailed(topic: string, cause: unknown): CityguardError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new CityguardError('CG_BUS_PUBLISH_FAILED', `publishing to ${topic} failed: ${reason}`, { topic }, cause);
}
