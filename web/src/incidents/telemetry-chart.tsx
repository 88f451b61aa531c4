// A device's readings over time with uPlot: one small chart per metric, the anomalous stretch shaded
// and the departing signals named. Each chart has a sentence saying what it shows for screen readers.
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import type { Event, Scalar, SignalDeparture } from '../../../src/domain/index.js';
import { useResource } from '../api/use-resource.js';
import { displayTimeZone, formatClock } from '../model/plain-words.js';
import { ResourceState } from '../shell/resource-state.js';

export interface TelemetryChartProps {
  assetId: string;
  assetName: string;
  fromTs: number;
  toTs: number;
  /** The stretch to shade (epoch ms). */
  shade?: { fromTs: number; toTs: number } | undefined;
  /** Signals the detector named; charted first and labelled. */
  signals?: readonly SignalDeparture[] | undefined;
  maxMetrics?: number;
}

interface Series {
  name: string;
  times: number[];
  values: number[];
  boolean: boolean;
}

function toNumber(v: Scalar | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

/** Numeric and yes/no metrics of telemetry events as time series, oldest first. */
export function metricSeries(events: readonly Event[]): Series[] {
  const sorted = events.filter((e) => e.type === 'telemetry').sort((a, b) => a.ts - b.ts);
  const out = new Map<string, Series>();
  for (const e of sorted) {
    if (e.type !== 'telemetry') continue;
    for (const [name, raw] of Object.entries(e.metrics)) {
      const value = toNumber(raw);
      if (value === undefined) continue;
      const s = out.get(name) ?? { name, times: [], values: [], boolean: typeof raw === 'boolean' };
      s.times.push(e.ts / 1000);
      s.values.push(value);
      out.set(name, s);
    }
  }
  return [...out.values()];
}

function shadePlugin(shade: { fromTs: number; toTs: number } | undefined): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u) => {
        if (!shade) return;
        const x0 = u.valToPos(shade.fromTs / 1000, 'x', true);
        const x1 = u.valToPos(Math.max(shade.toTs, shade.fromTs + 1000) / 1000, 'x', true);
        const left = Math.max(u.bbox.left, Math.min(x0, x1));
        const right = Math.min(u.bbox.left + u.bbox.width, Math.max(x0, x1));
        u.ctx.save();
        u.ctx.fillStyle = 'rgba(196, 22, 28, 0.14)';
        u.ctx.fillRect(left, u.bbox.top, Math.max(2, right - left), u.bbox.height);
        u.ctx.restore();
      },
    },
  };
}

function describe(s: Series, shade: TelemetryChartProps['shade']): string {
  const fmt = (v: number) => (s.boolean ? (v ? 'yes' : 'no') : String(Math.round(v * 100) / 100));
  const first = s.values[0];
  const last = s.values.at(-1);
  if (first === undefined || last === undefined) return `${s.name}: no readings.`;
  let text = `${s.name}: from ${fmt(first)} to ${fmt(last)}, lowest ${fmt(Math.min(...s.values))}, highest ${fmt(Math.max(...s.values))}.`;
  if (shade) text += ` Shaded: ${formatClock(shade.fromTs)} to ${formatClock(shade.toTs)}.`;
  return text;
}

function MetricChart({ series, shade, signal }: { series: Series; shade: TelemetryChartProps['shade']; signal?: SignalDeparture | undefined }) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!holder.current) return;
    const width = Math.max(280, holder.current.clientWidth || 420);
    const chart = new uPlot(
      {
        width,
        height: 170,
        ...(displayTimeZone() ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), displayTimeZone()!) } : {}),
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, ...(series.boolean ? { y: { range: [-0.1, 1.1] as [number, number] } } : {}) },
        axes: [
          { stroke: '#1f2933', grid: { stroke: '#e4e7eb' } },
          {
            stroke: '#1f2933',
            grid: { stroke: '#e4e7eb' },
            ...(series.boolean ? { splits: () => [0, 1], values: (_u: uPlot, v: number[]) => v.map((x) => (x ? 'yes' : 'no')) } : { size: 60 }),
          },
        ],
        series: [{}, { label: series.name, stroke: signal ? '#c4161c' : '#1c4f8a', width: 2, ...(series.boolean ? { paths: uPlot.paths.stepped?.({ align: 1 }) } : {}) }],
        plugins: [shadePlugin(shade)],
      },
      [series.times, series.values],
      holder.current,
    );
    return () => chart.destroy();
  }, [series, shade, signal]);
  return (
    <figure className="metric-chart" data-testid="metric-chart" data-metric={series.name}>
      <figcaption>
        <strong>{series.name}</strong>
        {signal && (
          <span className="signal">
            {' '}
            — departed from normal: {signal.description}
            {signal.observed !== undefined && signal.expected !== undefined ? ` (saw ${signal.observed}, expected about ${signal.expected})` : ''}
          </span>
        )}
      </figcaption>
      <div ref={holder} aria-hidden="true" />
      <p className="sr-only">{describe(series, shade)}</p>
    </figure>
  );
}

/** Charts of one device's readings between two times. */
export function TelemetryChart({ assetId, assetName, fromTs, toTs, shade, signals, maxMetrics = 4 }: TelemetryChartProps) {
  // By device and time only: non-telemetry events are dropped here, and the store answers this from its per-device index.
  const path = `/api/events?assetId=${encodeURIComponent(assetId)}&from=${Math.floor(fromTs)}&to=${Math.ceil(toTs)}&limit=1000`;
  const r = useResource<{ items: Event[] }>(path, { intervalMs: 0, live: false });
  const series = useMemo(() => (r.data ? metricSeries(r.data.items) : []), [r.data]);
  const named = new Map((signals ?? []).map((s) => [s.name, s]));
  const chosen = [...series].sort((a, b) => Number(named.has(b.name)) - Number(named.has(a.name))).slice(0, maxMetrics);
  return (
    <section className="telemetry" aria-label={`Readings of ${assetName}`}>
      <h3>{assetName}</h3>
      <ResourceState r={r} what={`readings of ${assetName}`}>
        {() =>
          chosen.length === 0 ? (
            <p className="muted">No readings from this device in that time.</p>
          ) : (
            <div className="metric-charts">
              {chosen.map((s) => (
                <MetricChart key={s.name} series={s} shade={shade} signal={named.get(s.name)} />
              ))}
            </div>
          )
        }
      </ResourceState>
    </section>
  );
}
