import { describe, expect, it } from 'vitest';
import type { Alert, Incident } from '../../domain/index.js';
import { loadCityFile } from '../../platform/content/index.js';
import { stixBundle, stixString, uuidV5 } from './stix-bundle.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const alert = (id: string, facts: Alert['evidence']['facts'], technique = 'T0822', tactic: Alert['tactic'] = 'initial-access') =>
  ({ id, ts: Date.UTC(2025, 11, 23, 22, 25), title: `alert ${id}`, tactic, technique: { id: technique, name: `technique ${technique}` }, evidence: { eventIds: [], facts } }) as unknown as Alert;
const incident = { id: 'inc-1', title: 'VPN abuse', openedTs: Date.UTC(2025, 11, 23, 22, 25), updatedTs: Date.UTC(2025, 11, 23, 22, 40) } as Incident;
const ID = /^[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('stixBundle', () => {
  const alerts = [
    alert('a1', { srcIp: '203.0.113.45', user: 'a.bauer' }),
    alert('a2', { srcIp: '10.99.0.23', dstIp: '10.20.0.22' }, 'T0886', 'lateral-movement'),
    alert('a3', { 'args.hash': '9F2C6A41D0E8B7C35A1E4F60B2D9C7E8', srcIp: '203.0.113.45' }, 'T0857', 'inhibit-response-function'),
    alert('a4', { 'attrs.http_host': "evil'cdn.example.net" }),
  ];

  it('makes indicators of outside addresses and firmware hashes, not of the city’s own addresses or accounts', () => {
    const b = stixBundle(city, incident, alerts);
    const indicators = b.objects.filter((o) => o.type === 'indicator');
    expect(indicators.map((i) => (i as { pattern: string }).pattern).sort()).toEqual(["[file:hashes.MD5 = '9f2c6a41d0e8b7c35a1e4f60b2d9c7e8']", "[ipv4-addr:value = '203.0.113.45']"]);
    const ip = indicators.find((i) => (i as { pattern: string }).pattern.includes('ipv4'))!;
    expect(ip).toMatchObject({ spec_version: '2.1', pattern_type: 'stix', indicator_types: ['malicious-activity'], valid_from: '2025-12-23T22:25:00.000Z' });
    expect((ip as { kill_chain_phases: unknown }).kill_chain_phases).toEqual([
      { kill_chain_name: 'mitre-ics-attack', phase_name: 'initial-access' },
      { kill_chain_name: 'mitre-ics-attack', phase_name: 'inhibit-response-function' },
    ]);
  });

  it('links each indicator to the ATT&CK for ICS techniques it indicates, with valid ids and references', () => {
    const b = stixBundle(city, incident, alerts, { internal: true });
    expect(b.id).toMatch(/^bundle--/);
    for (const o of b.objects) {
      expect(o.id).toMatch(ID);
      expect(o.spec_version).toBe('2.1');
      if (o.type !== 'identity') expect(b.objects.some((x) => x.id === o.created_by_ref)).toBe(true);
    }
    const rels = b.objects.filter((o) => o.type === 'relationship') as Array<{ source_ref: string; target_ref: string }>;
    for (const r of rels) {
      expect(b.objects.find((o) => o.id === r.source_ref)?.type).toBe('indicator');
      expect(b.objects.find((o) => o.id === r.target_ref)?.type).toBe('attack-pattern');
    }
    expect(b.objects.filter((o) => o.type === 'indicator').map((i) => (i as { pattern: string }).pattern)).toContain("[user-account:user_id = 'a.bauer']");
  });

  it('names the same objects when exported again and escapes string literals', () => {
    expect(stixBundle(city, incident, alerts).objects.map((o) => o.id)).toEqual(stixBundle(city, incident, alerts).objects.map((o) => o.id));
    expect(stixString("it's \\ here")).toBe("'it\\'s \\\\ here'");
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2'); // RFC 9562 appendix A.4
  });
});
