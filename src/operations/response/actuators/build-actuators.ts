// One actuator per action kind, from the ports the caller wired (live runtime or drill).
import type { CityModel } from '../../../domain/index.js';
import type { ActuatorSet } from './actuator.js';
import { blockAddressActuator } from './block-address.js';
import { disableAccountActuator, fallbackModeActuator, isolateActuator, rotateActuator, safeModeActuator } from './device-actuators.js';
import { notifyActuator } from './notify-actuator.js';
import type { CredentialHandover, CredentialPort, DeviceCommandPort, NotificationPort, OpenC2Port, TicketPort } from './ports.js';
import { ticketActuator } from './ticket-actuator.js';

/** The ports actuators reach the world through. */
export interface ActuatorDeps {
  city: CityModel;
  commands: DeviceCommandPort;
  credentials: CredentialPort;
  handover: CredentialHandover;
  /** Absent: block-address fails and shows the nftables commands to apply by hand. */
  openc2?: OpenC2Port;
  notifications: NotificationPort;
  tickets: TicketPort;
}

/** Builds the actuator of every action kind. */
export function buildActuators(d: ActuatorDeps): ActuatorSet {
  return {
    'isolate-device': isolateActuator(d),
    'safe-mode': safeModeActuator(d),
    'fallback-mode': fallbackModeActuator(d),
    'block-address': blockAddressActuator(d.city, d.openc2),
    'disable-account': disableAccountActuator(d),
    'rotate-credentials': rotateActuator(d),
    notify: notifyActuator(d.city, d.notifications),
    'open-ticket': ticketActuator(d.tickets),
  };
}
