// Blocking a network address: an OpenC2 `deny` to the configured packet-filter consumer, and the
// equivalent nftables commands recorded on the action for the operator. Undo deletes the rule by the
// number the consumer returned. Without an OpenC2 endpoint the action fails and says what to type.
import { isIP } from 'node:net';
import type { Action, CityModel } from '../../../domain/index.js';
import { responseActuatorFailed, responseBadTarget, responseNotConfigured } from '../errors.js';
import type { Actuator } from './actuator.js';
import { nftablesBlock, nftablesSetup, nftablesUnblock } from './nftables.js';
import { deleteRule, denyAddress } from './openc2.js';
import type { OpenC2Port } from './ports.js';

/** The address an action blocks: its target, or the declared address of a target asset. */
function addressOf(city: CityModel, action: Action): string {
  const ip = action.target.type === 'asset' ? city.asset(action.target.id)?.network.ip : action.target.id;
  if (!ip || isIP(ip) === 0) throw responseBadTarget(action.kind, action.target.id, 'not an IPv4 or IPv6 address');
  return ip;
}

const hoursOf = (action: Action) => {
  const ms = action.params['expiresAfterMs'];
  return typeof ms === 'number' ? ms / 3_600_000 : undefined;
};

/** The block-address actuator over an OpenC2 consumer (absent: not configured). */
export function blockAddressActuator(city: CityModel, openc2: OpenC2Port | undefined): Actuator {
  return {
    describe: (action) => `deny traffic from and to ${addressOf(city, action)} (OpenC2 SLPF); nftables: ${nftablesBlock(addressOf(city, action), hoursOf(action))}`,
    perform: async (action) => {
      const ip = addressOf(city, action);
      const nft = `${nftablesSetup()}\n${nftablesBlock(ip, hoursOf(action))}`;
      if (!openc2) throw responseNotConfigured('the OpenC2 endpoint (response.openc2.url)', `apply by hand:\n${nft}`);
      const reply = await openc2.send(denyAddress(ip));
      const rule = (reply.results?.['slpf'] as { rule_number?: unknown } | undefined)?.rule_number;
      if (reply.status !== 200 || typeof rule !== 'number')
        throw responseActuatorFailed(action.kind, ip, `OpenC2 consumer answered ${reply.status}${reply.status_text ? ` ${reply.status_text}` : ''}`);
      return { text: `${ip} denied by the firewall (OpenC2 rule ${rule})`, params: { address: ip, ruleNumber: rule, nftables: nft, nftablesUndo: nftablesUnblock(ip) } };
    },
    undo: async (action) => {
      const ip = addressOf(city, action);
      const rule = action.params['ruleNumber'];
      if (!openc2) throw responseNotConfigured('the OpenC2 endpoint (response.openc2.url)', `apply by hand: ${nftablesUnblock(ip)}`);
      if (typeof rule !== 'number') throw responseActuatorFailed(action.kind, ip, 'no rule number was recorded when the block was made');
      const reply = await openc2.send(deleteRule(rule));
      if (reply.status !== 200) throw responseActuatorFailed(action.kind, ip, `OpenC2 consumer answered ${reply.status} to delete rule ${rule}`);
      return `block of ${ip} lifted (OpenC2 rule ${rule} deleted)`;
    },
  };
}
