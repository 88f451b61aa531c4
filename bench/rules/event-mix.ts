// Plausible events for the rules benchmark: telemetry per device kind within TELEMETRY_SCHEMAS,
// and a trickle of commands, logins, log lines and flows, a few of them suspicious.
import type { Asset, CityModel, Event } from '../../src/domain/index.js';

/** Small seeded PRNG (mulberry32), so runs compare like with like. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Metrics = Record<string, number | boolean | string>;

/** One telemetry reading for an asset of any kind. */
export function metricsFor(a: Asset, r: () => number): Metrics {
  const cpu = { cpu_pct: Math.round(r() * 40), online: true };
  switch (a.kind) {
    case 'breaker': return { closed: true, current_a: 180 + r() * 40, voltage_kv: 20 + r(), load_mw: 4 + r() };
    case 'rtu': return { online: true, points: 128 };
    case 'serial-gateway': return { link_up: true, ports_active: 2 };
    case 'protection-relay': return { tripped: false, mode: 'normal' };
    case 'ups': return { on_battery: false, charge_pct: 100 };
    case 'signal-controller': return r() < 0.5 ? { mode: 'coordinated', phase_ns: 'green', phase_ew: 'red' } : { mode: 'coordinated', phase_ns: 'red', phase_ew: 'green' };
    case 'plc': return { ...cpu, mode: 'remote' };
    case 'tank': return { level_m: 2 + r() * 3 };
    case 'pump': return { running: true, flow_lps: 40 + r() * 5 };
    case 'valve': return { open_pct: 50 };
    case 'pressure-sensor': return { pressure_bar: 4 + r() };
    case 'dosing-pump': return { setpoint_ppm: 25, rate_lph: 0.4 };
    case 'siren': return { active: false, battery_pct: 98 };
    case 'dispatch-server': return { ...cpu, calls_per_min: 2 + Math.round(r() * 3) };
    case 'street-light': return { on: false, power_w: 0 };
    case 'camera': return { recording: true, bitrate_kbps: 4000 };
    case 'nvr': return { recording: true, disk_pct: 61 };
    case 'vpn-gateway': return { ...cpu, sessions: 3 };
    case 'firewall': return { ...cpu, dropped_per_min: 12 };
    default: return cpu;
  }
}

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;

/** Makes non-telemetry events for a city: mostly routine, about one in fifty suspicious. */
export function otherEvents(city: CityModel): (id: string, ts: number, r: () => number) => Event {
  const assets = [...city.assets.values()];
  const breakers = assets.filter((a) => a.kind === 'breaker');
  const workstations = assets.filter((a) => a.kind === 'workstation');
  return (id, ts, r) => otherEvent(id, ts, r, breakers, workstations);
}

function otherEvent(id: string, ts: number, r: () => number, breakers: readonly Asset[], workstations: readonly Asset[]): Event {
  const base = { id, ts, receivedTs: ts, source: 'twin' as const };
  const suspicious = r() < 0.02;
  const x = r();
  if (x < 0.3) {
    const breaker = pick(breakers, r);
    const host = suspicious ? '10.10.1.21' : 'cc-scada-a';
    return { ...base, type: 'command', assetId: breaker.id, command: r() < 0.5 ? 'breaker.open' : 'breaker.close', args: {}, actor: { host } };
  }
  if (x < 0.55) {
    const outcome = suspicious || r() < 0.1 ? 'failure' : 'success';
    return { ...base, type: 'auth', assetId: 'vpn-gw', user: pick(['a.berger', 'k.huber', 'j.maier'], r), outcome, method: 'vpn', srcIp: `198.51.100.${Math.floor(r() * 20)}`, mfa: !suspicious, attrs: {} };
  }
  if (x < 0.8) {
    const host = pick(workstations, r);
    const message = suspicious ? 'EXCEL.EXE spawned child process cmd.exe' : 'An account was successfully logged on.';
    return { ...base, type: 'log', assetId: host.id, host: host.network.hostname ?? host.id, severity: 6, message, attrs: { eventId: 4624 } };
  }
  return { ...base, type: 'network', srcIp: '10.10.1.21', dstIp: suspicious ? '185.220.101.4' : '10.10.0.40', dstPort: 443, transport: 'tcp', protocol: 'https', action: r() < 0.5 ? 'GET' : 'POST', attrs: {} };
}
