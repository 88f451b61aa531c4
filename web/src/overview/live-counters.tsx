// The numbers that show the platform is alive and watching: devices reporting, events, alerts.
import type { StatusResponse } from '../../../src/contracts/index.js';
import { formatCount } from '../model/plain-words.js';

/** Counters from /api/status. */
export function LiveCounters({ status }: { status: StatusResponse }) {
  const quarantined = Object.values(status.quarantine).reduce((a, b) => a + b, 0);
  const items: Array<[string, string, string]> = [
    ['devices', `${formatCount(status.devices.streaming)} / ${formatCount(status.devices.declared)}`, 'devices reporting'],
    ['events', formatCount(status.events.lastMinute), 'readings and events in the last minute'],
    ['alerts', formatCount(status.alerts.lastHour), 'alerts in the last hour'],
    ['incidents', formatCount(status.incidents.open), 'open incidents'],
    ['quarantine', formatCount(quarantined), 'messages refused as malformed or forged'],
  ];
  return (
    <dl className="counters">
      {items.map(([id, value, label]) => (
        <div key={id} className="counter" data-testid={`counter-${id}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
