// Log lines that record a login, recognised by pattern: OpenSSH, common VPN concentrators (Cisco ASA
// AAA messages, Fortinet SSL-VPN key=value logs, OpenVPN) and a plain "VPN login" form. Each table
// row names its method and outcome; the first row that matches wins. Add a row for a new device.

/** A login found in a log line. */
export interface RecognisedLogin {
  user: string;
  outcome: 'success' | 'failure';
  method: string;
  srcIp?: string;
}

interface Pattern {
  name: string;
  method: string;
  outcome: 'success' | 'failure';
  /** Named groups `user` and optionally `ip`. */
  re: RegExp;
}

const IP = String.raw`(?<ip>[0-9a-fA-F:.]+)`;

/** Known login lines, most specific first. */
export const AUTH_LINE_PATTERNS: readonly Pattern[] = [
  { name: 'sshd-failed', method: 'ssh', outcome: 'failure', re: new RegExp(String.raw`Failed (?:password|publickey|keyboard-interactive/pam) for (?:invalid user )?(?<user>\S+) from ${IP}`) },
  { name: 'sshd-invalid-user', method: 'ssh', outcome: 'failure', re: new RegExp(String.raw`Invalid user (?<user>\S+) from ${IP}`) },
  { name: 'sshd-accepted', method: 'ssh', outcome: 'success', re: new RegExp(String.raw`Accepted (?:password|publickey|keyboard-interactive/pam) for (?<user>\S+) from ${IP}`) },
  { name: 'asa-aaa-rejected', method: 'vpn', outcome: 'failure', re: new RegExp(String.raw`%ASA-\d-11300[56]: AAA user authentication Rejected .*?user = (?<user>[^ :]+)(?: : user IP = ${IP})?`) },
  { name: 'asa-aaa-ok', method: 'vpn', outcome: 'success', re: new RegExp(String.raw`%ASA-\d-113004: AAA user authentication Successful .*?user = (?<user>[^ :]+)`) },
  { name: 'fortinet-ssl-fail', method: 'vpn', outcome: 'failure', re: /action="?ssl-login-fail"?.*?\buser="(?<user>[^"]+)".*?\bremip=(?<ip>[0-9a-fA-F:.]+)/ },
  { name: 'fortinet-tunnel-up', method: 'vpn', outcome: 'success', re: /action="?tunnel-up"?.*?\buser="(?<user>[^"]+)".*?\bremip=(?<ip>[0-9a-fA-F:.]+)/ },
  { name: 'openvpn-auth-failed', method: 'vpn', outcome: 'failure', re: new RegExp(String.raw`(?:(?<user>[^/ ]+)/)?${IP}:\d+ .*?(?:AUTH_FAILED|Auth Username/Password verification failed)`) },
  { name: 'openvpn-peer-up', method: 'vpn', outcome: 'success', re: new RegExp(String.raw`(?<user>[^/ ]+)/${IP}:\d+ .*?Peer Connection Initiated`) },
  { name: 'vpn-login', method: 'vpn', outcome: 'failure', re: new RegExp(String.raw`VPN login (?:failed|failure|rejected) for (?:user )?(?<user>\S+)(?: from ${IP})?`, 'i') },
  { name: 'vpn-login', method: 'vpn', outcome: 'success', re: new RegExp(String.raw`VPN login (?:succeeded|success|successful|accepted) for (?:user )?(?<user>\S+)(?: from ${IP})?`, 'i') },
];

/** The login a log line records, or undefined when it records none. */
export function recogniseLogin(message: string): RecognisedLogin | undefined {
  for (const p of AUTH_LINE_PATTERNS) {
    const m = p.re.exec(message);
    if (!m?.groups) continue;
    const user = m.groups['user'] ?? '';
    const ip = m.groups['ip'];
    return { user, outcome: p.outcome, method: p.method, ...(ip ? { srcIp: ip } : {}) };
  }
  return undefined;
}
