// The nftables equivalent of an address block, for operators whose firewall takes no OpenC2: a
// table with two address sets (with per-element timeouts) dropped in the forward and input hooks.
import { isIP } from 'node:net';

const TABLE = 'inet cityguard';

/** One-time setup of the cityguard table, sets and drop rules (idempotent in nft: `add` keeps what exists). */
export function nftablesSetup(): string {
  return [
    `nft add table ${TABLE}`,
    `nft add set ${TABLE} blocked4 '{ type ipv4_addr; flags timeout; }'`,
    `nft add set ${TABLE} blocked6 '{ type ipv6_addr; flags timeout; }'`,
    `nft add chain ${TABLE} forward '{ type filter hook forward priority -10; policy accept; }'`,
    `nft add chain ${TABLE} input '{ type filter hook input priority -10; policy accept; }'`,
    ...['forward', 'input'].flatMap((chain) => [
      `nft add rule ${TABLE} ${chain} ip saddr @blocked4 drop`,
      `nft add rule ${TABLE} ${chain} ip daddr @blocked4 drop`,
      `nft add rule ${TABLE} ${chain} ip6 saddr @blocked6 drop`,
      `nft add rule ${TABLE} ${chain} ip6 daddr @blocked6 drop`,
    ]),
  ].join('\n');
}

/** The element that blocks `address`, lifted by nft itself after `hours` when given. */
export function nftablesBlock(address: string, hours?: number): string {
  const set = isIP(address) === 6 ? 'blocked6' : 'blocked4';
  const timeout = hours !== undefined ? ` timeout ${Math.max(1, Math.round(hours * 60))}m` : '';
  return `nft add element ${TABLE} ${set} '{ ${address}${timeout} }'`;
}

/** Lifts the block of `address`. */
export function nftablesUnblock(address: string): string {
  const set = isIP(address) === 6 ? 'blocked6' : 'blocked4';
  return `nft delete element ${TABLE} ${set} '{ ${address} }'`;
}
