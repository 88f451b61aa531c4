// The evidence: readings of the devices the warnings are about, with the suspicious stretch shaded
// and the signals that departed from normal named; any other device of the incident can be charted.
import { useState } from 'react';
import type { Alert, Asset, Incident } from '../../../src/domain/index.js';
import { TelemetryChart } from './telemetry-chart.js';

const PAD_MS = 15 * 60_000;
/** Device kinds whose readings show a service's physical state, charted before office computers. */
const PHYSICAL = new Set(['breaker', 'signal-controller', 'pump', 'tank', 'dosing-pump', 'siren', 'plc', 'valve', 'pressure-sensor', 'ups', 'serial-gateway', 'rtu']);

interface ChartPick {
  assetId: string;
  shade: { fromTs: number; toTs: number };
  alert: Alert;
}

/** Which device to chart for each alert: its evidence window, or the minute before it fired. */
export function chartPicks(alerts: readonly Alert[], assets: ReadonlyMap<string, Asset>, max = 3): ChartPick[] {
  const picks = new Map<string, ChartPick>();
  const rank = (a: Alert) => (a.evidence.signals?.length ? 0 : 1) * 2 + (a.assetIds.some((id) => PHYSICAL.has(assets.get(id)?.kind ?? '')) ? 0 : 1);
  for (const alert of [...alerts].sort((a, b) => rank(a) - rank(b) || b.ts - a.ts)) {
    const id = alert.assetIds.find((x) => PHYSICAL.has(assets.get(x)?.kind ?? '')) ?? alert.assetIds[0];
    if (!id || picks.has(id)) continue;
    picks.set(id, { assetId: id, alert, shade: alert.evidence.window ?? { fromTs: alert.ts - 60_000, toTs: alert.ts } });
  }
  return [...picks.values()].slice(0, max);
}

/** Evidence charts for an incident. */
export function EvidenceSection({ incident, alerts, assets }: { incident: Incident; alerts: readonly Alert[]; assets: ReadonlyMap<string, Asset> }) {
  const picks = chartPicks(alerts, assets);
  const [extra, setExtra] = useState<string>('');
  const name = (id: string) => assets.get(id)?.name ?? id;
  return (
    <>
      <p className="muted">The shaded stretch is when the warning’s evidence was seen. A signal in red is one the detector says departed from normal.</p>
      {picks.map((p) => (
        <div key={p.assetId} className="evidence-item">
          <p>
            <strong>Warning:</strong> {p.alert.title}
          </p>
          <TelemetryChart
            assetId={p.assetId}
            assetName={name(p.assetId)}
            fromTs={p.shade.fromTs - PAD_MS}
            toTs={p.shade.toTs + PAD_MS}
            shade={p.shade}
            signals={p.alert.evidence.signals}
          />
        </div>
      ))}
      <label>
        Chart another device of this incident{' '}
        <select value={extra} onChange={(e) => setExtra(e.target.value)}>
          <option value="">— choose a device —</option>
          {incident.assetIds.map((id) => (
            <option key={id} value={id}>
              {name(id)}
            </option>
          ))}
        </select>
      </label>
      {extra && <TelemetryChart key={extra} assetId={extra} assetName={name(extra)} fromTs={incident.openedTs - PAD_MS} toTs={incident.updatedTs + PAD_MS} />}
    </>
  );
}
