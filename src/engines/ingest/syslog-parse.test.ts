import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseSyslog } from './syslog-parse.js';

describe('parseSyslog', () => {
  it('reads an RFC 5424 line with several structured-data elements and escapes', () => {
    const r = parseSyslog('<165>1 2025-03-01T10:00:00.250Z scada-hmi-1 hmi-app 812 ID47 [origin ip="10.0.0.20"][meta note="a \\"quoted\\" \\] end"] \uFEFFoperator opened breaker br-1');
    expect(r).toEqual({
      format: 'rfc5424', facility: 20, severity: 5, ts: Date.parse('2025-03-01T10:00:00.250Z'),
      host: 'scada-hmi-1', app: 'hmi-app', procId: '812', msgId: 'ID47',
      message: 'operator opened breaker br-1',
      structuredData: { origin: { ip: '10.0.0.20' }, meta: { note: 'a "quoted" ] end' } },
    });
  });

  it('reads nil fields and nil structured data in RFC 5424', () => {
    const r = parseSyslog('<14>1 - - - - - - hello');
    expect(r).toMatchObject({ format: 'rfc5424', severity: 6, message: 'hello', structuredData: {} });
    expect(r).not.toHaveProperty('host');
    expect(r).not.toHaveProperty('ts');
  });

  it('reads an RFC 3164 line through nsyslog-parser', () => {
    const r = parseSyslog('<38>Jan 12 10:01:02 vpn-gw-1 sshd[123]: Failed password for admin from 203.0.113.5 port 4242 ssh2');
    expect(r).toMatchObject({ format: 'rfc3164', facility: 4, severity: 6, host: 'vpn-gw-1', app: 'sshd', procId: '123' });
    expect(r?.message).toBe('Failed password for admin from 203.0.113.5 port 4242 ssh2');
  });

  it('refuses a line without a priority, or with one above 191', () => {
    expect(parseSyslog('hello world')).toBeNull();
    expect(parseSyslog('<999>1 - - - - - - x')).toBeNull();
    expect(parseSyslog('')).toBeNull();
  });

  test.prop([fc.string({ maxLength: 300 })])('never throws, whatever follows a priority', (tail) => {
    const r = parseSyslog(`<13>${tail}`);
    expect(r?.severity).toBe(5);
  });
});
