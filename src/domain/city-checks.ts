// Checks a city beyond its schema: ids unique, every reference resolves, no dependency cycles,
// district outlines closed. Problems come back by path so the loader can add line numbers.
import type { AssetKind } from './asset.js';
import { processSignals, splitProcessSignal, type City } from './city.js';
import { TELEMETRY_SCHEMAS } from './telemetry.js';

export interface CityProblem {
  path: string;
  message: string;
}

/** Every semantic problem of a schema-valid city. Empty means the city can be loaded. */
export function checkCity(city: City): CityProblem[] {
  const problems: CityProblem[] = [];
  const ids = (list: Array<{ id: string }>, name: string) => {
    const seen = new Map<string, number>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) problems.push({ path: `/${name}/${i}/id`, message: `duplicate ${name} id "${x.id}" (first at index ${seen.get(x.id)})` });
      else seen.set(x.id, i);
    });
    return new Set(seen.keys());
  };
  const districts = ids(city.districts, 'districts');
  const zones = ids(city.zones, 'zones');
  const sites = ids(city.sites, 'sites');
  const assets = ids(city.assets, 'assets');
  const services = ids(city.services, 'services');
  const ref = (set: Set<string>, id: string | undefined, path: string, what: string) => {
    if (id !== undefined && !set.has(id)) problems.push({ path, message: `unknown ${what} "${id}"` });
  };

  city.districts.forEach((d, i) =>
    d.geometry.coordinates.forEach((ring, r) => {
      const [first, last] = [ring[0], ring[ring.length - 1]];
      if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
        problems.push({ path: `/districts/${i}/geometry/coordinates/${r}`, message: 'polygon ring must end where it starts (RFC 7946 §3.1.6)' });
      }
    }),
  );
  city.conduits.forEach((c, i) => {
    ref(zones, c.from, `/conduits/${i}/from`, 'zone');
    ref(zones, c.to, `/conduits/${i}/to`, 'zone');
  });
  city.sites.forEach((s, i) => ref(districts, s.district, `/sites/${i}/district`, 'district'));
  city.assets.forEach((a, i) => {
    ref(districts, a.district, `/assets/${i}/district`, 'district');
    ref(zones, a.zone, `/assets/${i}/zone`, 'zone');
    ref(sites, a.site, `/assets/${i}/site`, 'site');
    a.services.forEach((s, j) => ref(services, s, `/assets/${i}/services/${j}`, 'service'));
  });
  city.services.forEach((s, i) => {
    ref(districts, s.district, `/services/${i}/district`, 'district');
    s.dependsOn.assets.forEach((a, j) => ref(assets, a, `/services/${i}/dependsOn/assets/${j}`, 'asset'));
    s.dependsOn.services.forEach((d, j) => ref(services, d, `/services/${i}/dependsOn/services/${j}`, 'service'));
  });
  city.maintenanceWindows.forEach((w, i) => w.zones.forEach((z, j) => ref(zones, z, `/maintenanceWindows/${i}/zones/${j}`, 'zone')));
  problems.push(...serviceCycles(city));
  problems.push(...processProblems(city));
  return problems;
}

/** Samples a detector needs in each of its learning and baseline phases. */
const MIN_PHASE_SAMPLES = 24;

/** Whether `metric` is a numeric or on/off reading in the telemetry of `kind`. */
function numericMetric(kind: AssetKind, metric: string): boolean {
  const props = (TELEMETRY_SCHEMAS[kind] as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  const type = Object.hasOwn(props, metric) ? props[metric]!.type : undefined;
  return type === 'number' || type === 'integer' || type === 'boolean';
}

/** Processes: unique ids, known assets, signals that name one of the process's assets and a numeric metric of its kind. */
function processProblems(city: City): CityProblem[] {
  const found: CityProblem[] = [];
  const kinds = new Map(city.assets.map((a) => [a.id, a.kind]));
  const seen = new Set<string>();
  (city.processes ?? []).forEach((p, i) => {
    const at = `/processes/${i}`;
    if (seen.has(p.id)) found.push({ path: `${at}/id`, message: `duplicate process id "${p.id}"` });
    seen.add(p.id);
    p.assets.forEach((a, j) => {
      if (!kinds.has(a)) found.push({ path: `${at}/assets/${j}`, message: `unknown asset "${a}"` });
    });
    const members = new Set(p.assets);
    const listed = new Set<string>();
    (p.signals ?? []).forEach((signal, j) => {
      const { assetId, metric } = splitProcessSignal(signal);
      const kind = kinds.get(assetId);
      if (listed.has(signal)) found.push({ path: `${at}/signals/${j}`, message: `signal "${signal}" is listed twice` });
      listed.add(signal);
      if (!members.has(assetId)) found.push({ path: `${at}/signals/${j}`, message: `signal "${signal}" names asset "${assetId}", which is not one of the process's assets` });
      else if (kind && !numericMetric(kind, metric)) found.push({ path: `${at}/signals/${j}`, message: `a ${kind} reports no numeric or on/off metric "${metric}"` });
    });
    const signals = processSignals(p, (id) => kinds.get(id));
    if (signals.length < 2) found.push({ path: `${at}/assets`, message: `the process has ${signals.length} signal(s); a detector needs at least 2` });
    for (const key of Object.keys(p.resolution ?? {})) {
      if (!signals.includes(key)) found.push({ path: `${at}/resolution/${key}`, message: `"${key}" is not a signal of this process` });
    }
    if (p.alarm.openAfter > p.alarm.window) found.push({ path: `${at}/alarm/openAfter`, message: `openAfter (${p.alarm.openAfter}) cannot exceed window (${p.alarm.window})` });
    for (const phase of ['learningHours', 'baselineHours'] as const) {
      const samples = Math.floor((p[phase] * 3600) / p.periodS);
      if (samples < MIN_PHASE_SAMPLES) found.push({ path: `${at}/${phase}`, message: `${p[phase]} h at one sample every ${p.periodS} s gives ${samples} samples; at least ${MIN_PHASE_SAMPLES} are needed` });
    }
  });
  return found;
}

function serviceCycles(city: City): CityProblem[] {
  const index = new Map(city.services.map((s, i) => [s.id, i]));
  const state = new Map<string, 'open' | 'done'>();
  const found: CityProblem[] = [];
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      found.push({ path: `/services/${index.get(id)}/dependsOn/services`, message: `dependency cycle: ${cycle.join(' → ')}` });
      return;
    }
    state.set(id, 'open');
    const s = city.services[index.get(id) ?? -1];
    for (const d of s?.dependsOn.services ?? []) if (index.has(d)) visit(d, [...trail, id]);
    state.set(id, 'done');
  };
  for (const s of city.services) visit(s.id, []);
  return found;
}
