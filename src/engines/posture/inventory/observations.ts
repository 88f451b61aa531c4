// What the platform saw on the network or in telemetry, as posture input: device identities (from
// ARP, DHCP, protocol handshakes, device telemetry) and flows between addresses (from the flow table).
// The runtime builds these from the protocols engine; the CLI reads them from a JSON file.
import { inputUnreadable } from '../errors.js';
import { isObject } from '../advisories/advisory-import.js';

/** A device seen on the network or in telemetry; at least one of id, ip, mac or hostname is set. */
export interface ObservedDevice {
  readonly id?: string;
  readonly ip?: string;
  readonly mac?: string;
  readonly hostname?: string;
  readonly protocols?: readonly string[];
  /** Vendor as a hint (MAC OUI, banner, Modbus device identification). */
  readonly vendor?: string;
  readonly model?: string;
  readonly firmware?: string;
  /** ISO 8601 time first and last seen. */
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

/** Traffic from one address (or asset id) to another with one application protocol. */
export interface ObservedFlow {
  readonly src: string;
  readonly dst: string;
  readonly protocol: string;
  readonly port?: number;
  readonly packets?: number;
  readonly firstSeen?: string;
}

/** Everything observed for one posture run. */
export interface Observations {
  readonly devices: readonly ObservedDevice[];
  readonly flows: readonly ObservedFlow[];
}

/** An observation that could not be used, by position in the file. */
export interface ObservationProblem {
  readonly where: string;
  readonly message: string;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** Reads observations JSON (`{ "devices": [...], "flows": [...] }`); bad entries are reported and skipped. */
export function parseObservations(
  json: string,
  file: string,
): { observations: Observations; problems: ObservationProblem[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    throw inputUnreadable(file, `observations are not JSON (${(err as Error).message})`, err);
  }
  if (!isObject(doc))
    throw inputUnreadable(file, 'observations must be an object with "devices" and/or "flows" lists');
  const problems: ObservationProblem[] = [];
  const devices: ObservedDevice[] = [];
  const flows: ObservedFlow[] = [];
  (Array.isArray(doc.devices) ? doc.devices : []).forEach((d: unknown, i: number) => {
    if (!isObject(d) || !(text(d.id) || text(d.ip) || text(d.mac) || text(d.hostname))) {
      problems.push({ where: `devices[${i}]`, message: 'a device needs an id, ip, mac or hostname' });
      return;
    }
    const protocols = Array.isArray(d.protocols)
      ? d.protocols.filter((p): p is string => typeof p === 'string')
      : undefined;
    const device: Record<string, unknown> = { protocols };
    for (const k of ['id', 'ip', 'mac', 'hostname', 'vendor', 'model', 'firmware', 'firstSeen', 'lastSeen'])
      if (text(d[k])) device[k] = text(d[k]);
    devices.push(device as ObservedDevice);
  });
  (Array.isArray(doc.flows) ? doc.flows : []).forEach((f: unknown, i: number) => {
    if (!isObject(f) || !text(f.src) || !text(f.dst) || !text(f.protocol)) {
      problems.push({ where: `flows[${i}]`, message: 'a flow needs src, dst and protocol' });
      return;
    }
    const port = typeof f.port === 'number' && Number.isInteger(f.port) ? f.port : undefined;
    const packets = typeof f.packets === 'number' && f.packets >= 0 ? f.packets : undefined;
    flows.push({
      src: text(f.src)!,
      dst: text(f.dst)!,
      protocol: text(f.protocol)!.toLowerCase(),
      port,
      packets,
      firstSeen: text(f.firstSeen),
    });
  });
  if (doc.devices !== undefined && !Array.isArray(doc.devices))
    problems.push({ where: 'devices', message: 'not a list' });
  if (doc.flows !== undefined && !Array.isArray(doc.flows))
    problems.push({ where: 'flows', message: 'not a list' });
  return { observations: { devices, flows }, problems };
}
