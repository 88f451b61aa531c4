// Who may publish and subscribe where on the embedded broker. A device publishes only on
// `city/<its district>/<its kind>/<its id>/<channel>` (channel: telemetry, events, status, cmd-ack)
// and subscribes only to its own `.../cmd`; a gateway may do the same for each device behind it;
// a platform principal may do both anywhere.
import type { Asset } from '../../domain/index.js';
import { DEVICE_CHANNELS, deviceTopic, parseDeviceTopic, type QuarantineReason } from '../../domain/index.js';
import type { Principal } from './device-registry.js';

const CHANNELS: ReadonlySet<string> = new Set(DEVICE_CHANNELS);

/** Why a publish is refused, or null when it is allowed. */
export function publishRefusal(principal: Principal, topic: string): { reason: QuarantineReason; detail: string } | null {
  if (principal.kind === 'platform') return null;
  const parts = parseDeviceTopic(topic);
  if (!parts) return { reason: 'bad-topic', detail: `topic "${topic}" is not city/<district>/<kind>/<assetId>/<channel>` };
  const a: Asset | undefined = principal.kind === 'device' ? principal.asset : principal.assets.get(parts.assetId);
  if (!a) return { reason: 'unauthorised', detail: `gateway ${principal.kind === 'gateway' ? principal.name : ''} does not speak for ${parts.assetId}` };
  if (parts.assetId !== a.id || parts.kind !== a.kind || parts.district !== a.district) {
    return { reason: 'unauthorised', detail: `device ${a.id} may publish only under ${deviceTopic(a.district, a.kind, a.id, 'telemetry').replace(/telemetry$/, '')}` };
  }
  if (!CHANNELS.has(parts.channel)) {
    return parts.channel === 'cmd'
      ? { reason: 'unauthorised', detail: `device ${a.id} may not publish commands` }
      : { reason: 'bad-topic', detail: `unknown channel "${parts.channel}"; expected one of ${DEVICE_CHANNELS.join(', ')}` };
  }
  return null;
}

/** Whether a principal may subscribe to a topic filter. */
export function maySubscribe(principal: Principal, filter: string): boolean {
  if (principal.kind === 'platform') return true;
  const parts = parseDeviceTopic(filter);
  const a = principal.kind === 'device' ? principal.asset : parts ? principal.assets.get(parts.assetId) : undefined;
  return a !== undefined && filter === deviceTopic(a.district, a.kind, a.id, 'cmd');
}
