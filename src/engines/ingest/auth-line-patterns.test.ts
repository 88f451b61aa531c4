import { describe, expect, it } from 'vitest';
import { recogniseLogin } from './auth-line-patterns.js';

describe('recogniseLogin', () => {
  it.each([
    ['Failed password for invalid user admin from 203.0.113.5 port 4242 ssh2', { user: 'admin', outcome: 'failure', method: 'ssh', srcIp: '203.0.113.5' }],
    ['Failed password for root from 2001:db8::7 port 22 ssh2', { user: 'root', outcome: 'failure', method: 'ssh', srcIp: '2001:db8::7' }],
    ['Invalid user oracle from 198.51.100.9 port 50000', { user: 'oracle', outcome: 'failure', method: 'ssh', srcIp: '198.51.100.9' }],
    ['Accepted publickey for ops from 10.0.0.5 port 50022 ssh2: ED25519 SHA256:abc', { user: 'ops', outcome: 'success', method: 'ssh', srcIp: '10.0.0.5' }],
    ['%ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = 10.1.1.1 : user = jdoe : user IP = 203.0.113.77', { user: 'jdoe', outcome: 'failure', method: 'vpn', srcIp: '203.0.113.77' }],
    ['%ASA-6-113004: AAA user authentication Successful : server = 10.1.1.1 : user = jdoe', { user: 'jdoe', outcome: 'success', method: 'vpn' }],
    ['logid="0101039426" type="event" subtype="vpn" action="ssl-login-fail" user="operator" remip=203.0.113.8 reason="sslvpn_login_permission_denied"', { user: 'operator', outcome: 'failure', method: 'vpn', srcIp: '203.0.113.8' }],
    ['logid="0101039424" action="tunnel-up" tunneltype="ssl-web" user="operator" remip=203.0.113.8', { user: 'operator', outcome: 'success', method: 'vpn', srcIp: '203.0.113.8' }],
    ['203.0.113.5:51234 TLS Auth Error: Auth Username/Password verification failed for peer', { user: '', outcome: 'failure', method: 'vpn', srcIp: '203.0.113.5' }],
    ['alice/203.0.113.6:51234 [alice] Peer Connection Initiated with [AF_INET]203.0.113.6:51234', { user: 'alice', outcome: 'success', method: 'vpn', srcIp: '203.0.113.6' }],
    ['VPN login failed for user dispatcher from 203.0.113.50', { user: 'dispatcher', outcome: 'failure', method: 'vpn', srcIp: '203.0.113.50' }],
    ['VPN login succeeded for engineer from 198.51.100.3', { user: 'engineer', outcome: 'success', method: 'vpn', srcIp: '198.51.100.3' }],
  ])('recognises %s', (line, expected) => {
    expect(recogniseLogin(line)).toEqual(expected);
  });

  it('leaves ordinary log lines alone', () => {
    expect(recogniseLogin('pam_unix(sshd:session): session closed for user ops')).toBeUndefined();
    expect(recogniseLogin('breaker br-1 opened by operator')).toBeUndefined();
  });
});
