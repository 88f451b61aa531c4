// Network captures in the live platform: rotated capture files in a watched folder (written by
// tcpdump -G or a tap) are decoded and judged; their NetworkEvents join the event stream and
// their alerts are stored once and published like every other alert.
import type { Alert, CityModel, NetworkEvent, RuntimeConfig } from '../../domain/index.js';
import { CaptureFeed, storeAndPublishAlert, type CaptureFolderWatch } from '../../engines/detection/index.js';
import { TOPICS, type Bus } from '../../platform/bus/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';

/** Starts watching the configured capture folder; returns undefined when captures are off. */
export function startCaptureStage(
  config: RuntimeConfig,
  deps: { bus: Bus; store: Store; city: CityModel; clock: Clock; log: Logger },
): CaptureFolderWatch | undefined {
  const captures = config.captures;
  if (!captures) return undefined;
  const { bus, store, city, clock, log } = deps;
  const feed = new CaptureFeed(
    {
      event: (e: NetworkEvent) => bus.publish(TOPICS.eventReceived, e, { key: e.assetId ?? e.srcIp, id: e.id }),
      alert: async (a: Alert) => void (await storeAndPublishAlert(store.alerts, bus, a)),
      captureEnded: (name, summary) => log.info({ capture: name, summary }, 'capture processed'),
    },
    {
      learnPackets: captures.learnPackets,
      assetOf: (ip: string) => city.assetByAddress(ip)?.id,
      now: () => clock.now(),
    },
  );
  log.info({ folder: captures.watchDir }, 'watching for network captures');
  return feed.watch(captures.watchDir, captures.pollMs);
}
