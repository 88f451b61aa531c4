// Which simulation class runs each asset kind.
import type { Asset, AssetKind } from '../../../domain/index.js';
import type { DeviceIdentity } from '../transport/device-transport.js';
import { DispatchServer, Siren } from './emergency-devices.js';
import { Firewall, Host, VpnGateway } from './host-devices.js';
import { Breaker, ProtectionRelay, Rtu, SerialGateway } from './power-devices.js';
import type { SimDevice } from './sim-device.js';
import { SignalController } from './signal-controller.js';
import { Camera, Nvr, StreetLight } from './street-devices.js';
import { UpsDevice } from './ups-device.js';
import { DosingPump, Plc } from './water-control.js';
import { PressureSensor, Pump, Tank, Valve } from './water-devices.js';

type DeviceClass = new (asset: Asset, identity: DeviceIdentity) => SimDevice;

const BY_KIND: Readonly<Record<AssetKind, DeviceClass>> = {
  breaker: Breaker,
  rtu: Rtu,
  'serial-gateway': SerialGateway,
  'protection-relay': ProtectionRelay,
  ups: UpsDevice,
  'signal-controller': SignalController,
  plc: Plc,
  tank: Tank,
  pump: Pump,
  valve: Valve,
  'pressure-sensor': PressureSensor,
  'dosing-pump': DosingPump,
  siren: Siren,
  'dispatch-server': DispatchServer,
  'street-light': StreetLight,
  camera: Camera,
  nvr: Nvr,
  workstation: Host,
  hmi: Host,
  'scada-server': Host,
  'vpn-gateway': VpnGateway,
  'domain-controller': Host,
  firewall: Firewall,
  server: Host,
  historian: Host,
};

/** Order in which stepping devices advance within a tick: power first, then control, then physics. */
export const STEP_ORDER: readonly AssetKind[] = ['breaker', 'ups', 'plc', 'tank', 'siren', 'dispatch-server'];

/** A new simulated device for an asset. */
export function createDevice(asset: Asset, identity: DeviceIdentity): SimDevice {
  return new BY_KIND[asset.kind](asset, identity);
}
