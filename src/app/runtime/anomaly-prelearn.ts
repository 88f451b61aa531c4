// Pre-learning for the demo: a city's detectors learn normal over days, which a demo cannot wait for.
// The same twin code runs fast-forward on a ManualClock (in-process transport, a seed of the live
// twin's family, no attack) over the days before the live start, and its telemetry feeds the
// process monitors until each has learned and calibrated; the monitors then say so in their status
// and continue live. Yields to the event loop every simulated hour so the server stays responsive.
import type { Asset, AssetKind, CityModel, TelemetryEvent, TelemetryMessage } from '../../domain/index.js';
import type { ProcessMonitor } from '../../engines/detection/index.js';
import { CityTwin, DirectDeviceTransport, type DeviceMessage } from '../../operations/twin/index.js';
import { ManualClock } from '../../platform/clock/index.js';

/** How to pre-learn. */
export interface PrelearnOptions {
  readonly city: CityModel;
  /** Monitors still learning; those already detecting are left alone. */
  readonly monitors: readonly ProcessMonitor[];
  /** When live monitoring starts: the simulated days end here. */
  readonly endMs: number;
  /** The live twin's seed; the pre-learning twin uses `<seed>/prelearn`. */
  readonly seed: number | string;
  readonly publishIntervalMs: number;
  /** Physics step of the pre-learning twin (default: the twin's own, as live). */
  readonly tickMs?: number;
  /** Stops pre-learning early (the runtime is shutting down); the monitors keep what they learned. */
  readonly signal?: AbortSignal;
}

/** What pre-learning did. */
export interface PrelearnReport {
  readonly simulatedHours: number;
  readonly events: number;
  /** Monitors that reached the detecting phase. */
  readonly detecting: number;
  readonly wallMs: number;
}

/** Kinds whose absence from a partial twin means "mains we do not model": power stays on. */
const POWER_KINDS: ReadonlySet<AssetKind> = new Set<AssetKind>(['breaker', 'ups', 'rtu', 'serial-gateway', 'protection-relay']);
/** Simulated time between yields to the event loop. */
const CHUNK_MS = 3_600_000;

/** Runs the twin fast-forward until every learning monitor detects (or the needed days have passed). */
export async function prelearnOnTwin(o: PrelearnOptions): Promise<PrelearnReport> {
  const started = Date.now();
  const learning = o.monitors.filter((m) => m.detector.phase !== 'detecting');
  if (learning.length === 0) return { simulatedHours: 0, events: 0, detecting: o.monitors.length, wallMs: 0 };
  const hours = Math.max(...learning.map((m) => m.process.learningHours + m.process.baselineHours)) + 1;
  const spanMs = Math.ceil(hours) * 3_600_000;
  const clock = new ManualClock(o.endMs - spanMs);
  const seed = `${String(o.seed)}/prelearn`;
  let events = 0;
  const transport = new DirectDeviceTransport((m) => {
    const event = telemetryEvent(m, clock.now(), events);
    if (event === null) return;
    events++;
    for (const monitor of learning) if (monitor.watches(event.assetId)) monitor.ingest(event);
  });
  const ids = assetsToSimulate(o.city, learning);
  const twin = new CityTwin({ city: o.city, clock, transport, seed, publishIntervalMs: o.publishIntervalMs, ...(o.tickMs !== undefined ? { tickMs: o.tickMs } : {}), only: { ids } });
  const what = `${Math.round(hours)} simulated hours of the city twin (seed ${seed}, no attack, ${ids.length} devices, physics step ${(o.tickMs ?? Math.min(1000, o.publishIntervalMs)) / 1000} s)`;
  for (const m of learning) m.setBaseline({ kind: 'simulated', description: `being pre-learned on ${what}; live telemetry waits` });
  await twin.start();
  while (clock.now() < o.endMs && o.signal?.aborted !== true) {
    clock.advance(Math.min(CHUNK_MS, o.endMs - clock.now()));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await twin.stop();
  if (o.signal?.aborted === true) return { simulatedHours: (clock.now() - (o.endMs - spanMs)) / 3_600_000, events, detecting: o.monitors.filter((m) => m.detector.phase === 'detecting').length, wallMs: Date.now() - started };
  for (const m of learning) {
    m.setBaseline({ kind: 'simulated', description: `pre-learned on ${what}, then continued live` });
    m.restartSeries();
  }
  return { simulatedHours: spanMs / 3_600_000, events, detecting: o.monitors.filter((m) => m.detector.phase === 'detecting').length, wallMs: Date.now() - started };
}

/** A telemetry event from a twin message, as ingest would normalise it; null for other channels. */
function telemetryEvent(m: DeviceMessage, nowMs: number, n: number): TelemetryEvent | null {
  if (m.channel !== 'telemetry') return null;
  const body = m.body as TelemetryMessage;
  const ts = body.ts ?? nowMs;
  return { id: `prelearn-${n}`, ts, receivedTs: ts, source: 'twin', type: 'telemetry', assetId: m.assetId, ...(body.seq !== undefined ? { seq: body.seq } : {}), metrics: body.metrics };
}

/**
 * The monitors' assets and those they work with (a pump's PLC, a sensor's tank), without power
 * equipment: a partial twin treats unmodelled feeders as energised, which is normal operation.
 */
function assetsToSimulate(city: CityModel, monitors: readonly ProcessMonitor[]): string[] {
  const ids = new Set<string>();
  const add = (a: Asset | undefined) => {
    if (!a || ids.has(a.id) || POWER_KINDS.has(a.kind)) return;
    ids.add(a.id);
    for (const v of Object.values(a.params)) if (typeof v === 'string') add(city.asset(v));
  };
  for (const m of monitors) for (const id of m.process.assets) add(city.asset(id));
  return [...ids];
}
