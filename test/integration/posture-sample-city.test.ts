// The posture report of the sample city: it finds the weaknesses planted in content/cities/sample-city.yaml,
// matches advisories by vendor AND product AND version — never by vendor alone — and validates against its schema.
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { PostureReport, type City, type Finding } from '../../src/domain/index.js';
import { CityModel } from '../../src/domain/index.js';
import { loadAdvisoryFeed, postureReport } from '../../src/engines/posture/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const feed = loadAdvisoryFeed('content/advisories');
const report = postureReport(city, feed, { asOf: '2026-11-26' });
const find = (id: string): Finding | undefined => report.findings.find((f) => f.id === id);

describe('posture report of the sample city', () => {
  it('is a valid PostureReport', () => {
    const check = Compile(PostureReport);
    expect(check.Check(report)).toBe(true);
  });

  it.each([
    ['default-credentials:bs-hill-plc', 'critical', 'Unitronics PLC on its default password'],
    ['internet-exposed-management:bs-hill-plc', 'critical', 'PCOM 20256 reachable from the internet'],
    ['known-vulnerability:bs-hill-plc:ICSA-23-348-15', 'critical', 'CVE-2023-6448, known exploited'],
    ['default-credentials:gw-ss-north-1', 'high', 'Moxa NPort on its default password'],
    ['plaintext-protocol:gw-ss-north-1', 'high', 'Telnet and HTTP management on the gateway'],
    ['conduit-skips-levels:office-to-substation-gateways', 'high', 'gateway reachable from office IT'],
    ['conduit-plaintext:office-to-substation-gateways', 'high', 'Telnet/HTTP from office into substations'],
    ['known-vulnerability:cam-murbruecke:ICSA-17-124-01', 'critical', 'Hikvision CVE-2017-7921'],
    ['plaintext-protocol:cam-murbruecke', 'medium', 'Telnet on the camera'],
    ['internet-exposed-management:sig-bahnhof', 'critical', 'SWARCO web UI facing the internet'],
    ['remote-access-without-mfa:vpn-gw', 'critical', 'SSL-VPN without a second factor'],
    ['remote-access-without-mfa:jump-1', 'high', 'jump host without MFA'],
    ['shared-credentials:hmi-cc-1', 'high', 'shared HMI logins'],
    ['end-of-life:ww-hmi', 'high', 'Windows 7 past end of support'],
    ['plaintext-protocol:ww-hmi', 'high', 'VNC open'],
    ['unsigned-firmware:gw-ss-north-1', 'high', 'unsigned firmware on the gateway'],
  ])('finds %s (%s): %s', (id, severity) => {
    expect(find(id)?.severity).toBe(severity);
  });

  it('gives every finding evidence and maps it to NIST CSF 2.0 and IEC 62443', () => {
    for (const f of report.findings) {
      expect(f.evidence.length, f.id).toBeGreaterThan(0);
      expect(f.csf.length, f.id).toBeGreaterThan(0);
      expect(f.iec62443.length, f.id).toBeGreaterThan(0);
    }
    expect(find('default-credentials:bs-hill-plc')!.iec62443.map((r) => r.id)).toContain('SR 1.5');
    expect(find('remote-access-without-mfa:vpn-gw')!.csf.map((c) => c.subcategory)).toContain('PR.AA-03');
    expect(find('default-credentials:bs-hill-plc')!.evidence[0]).toMatchObject({
      source: 'city-file',
      value: true,
    });
    expect(find('default-credentials:bs-hill-plc')!.evidence[0]!.where).toMatch(
      /^\/assets\/\d+\/security\/defaultCredentials$/,
    );
  });

  it('reports only firmware inside an advisory’s range: fixed SICAM, newer NPort 5150, other models of the same vendors are left alone', () => {
    const vulnerable = report.findings.filter((f) => f.check === 'known-vulnerability');
    const advisoryOf = new Map(vulnerable.map((f) => [f.assetIds[0]!, f.advisory!.advisoryId]));
    for (const id of [
      'rtu-ss-north',
      'rtu-ss-downtown',
      'gw-ss-north-1',
      'gw-ss-south-1',
      'relay-ss-north-2',
      'cam-ring-schloss',
      'relay-ss-east-2',
    ]) {
      expect(advisoryOf.has(id), id).toBe(false);
    }
    expect(advisoryOf.get('rtu-ss-east')).toBe('ICSA-24-116-01'); // ABB RTU560 13.4.2: a member of Hitachi Energy's RTU500 series
    expect(advisoryOf.get('relay-ss-south-1')).toBe('ICSA-22-055-03'); // Easergy P3T32 30.201 < 30.205
    expect(
      vulnerable
        .filter((f) => f.advisory!.advisoryId === 'ICSA-23-026-02')
        .map((f) => f.assetIds[0])
        .sort(),
    ).toEqual(
      city.city.assets
        .filter((a) => a.vendor === 'Econolite' && a.firmware.startsWith('EOS'))
        .map((a) => a.id)
        .sort(),
    );
  });

  it('matches no advisory on vendor alone: the same vendors with unlisted models or firmware give no vulnerability finding', () => {
    const renamed: City = {
      ...city.city,
      assets: city.city.assets.map((a) => ({
        ...a,
        model: `Unlisted model ${a.id}`,
        firmware: 'Release 77.1',
      })),
    };
    const r = postureReport(new CityModel(renamed), feed, { asOf: '2026-11-26' });
    expect(r.findings.filter((f) => f.check === 'known-vulnerability')).toEqual([]);
    const sameModelsNewFirmware: City = {
      ...city.city,
      assets: city.city.assets.map((a) => ({ ...a, firmware: 'V99.0 build 991231' })),
    };
    const r2 = postureReport(new CityModel(sameModelsNewFirmware), feed, { asOf: '2026-11-26' });
    expect(r2.findings.filter((f) => f.check === 'known-vulnerability')).toEqual([]);
  });

  it('flags end of life by the report day: Windows 10 22H2 is reported after 14 October 2025, not before', () => {
    const ws = city.city.assets.find((a) => a.firmware.startsWith('Windows 10 Enterprise 22H2'))!;
    expect(find(`end-of-life:${ws.id}`)?.severity).toBe('medium');
    const earlier = postureReport(city, feed, { asOf: '2024-06-01' });
    expect(earlier.findings.find((f) => f.id === `end-of-life:${ws.id}`)).toBeUndefined();
    expect(earlier.findings.find((f) => f.id === 'end-of-life:ww-hmi')).toBeDefined();
  });

  it('scores risk from exposure, weakness and the people depending on the asset, and orders the remediation list', () => {
    const vpn = report.assets.find((a) => a.assetId === 'vpn-gw')!;
    expect(vpn.exposure).toBe(1);
    expect(vpn.peopleDepending).toBe(178_000);
    expect(report.assets[0]!.score).toBeGreaterThanOrEqual(report.assets[report.assets.length - 1]!.score);
    const order = { now: 0, next: 1, later: 2 } as const;
    const ranks = report.remediation.map((r) => order[r.priority]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const now = report.remediation.filter((r) => r.priority === 'now');
    expect(now.some((r) => r.findingIds.includes('default-credentials:bs-hill-plc'))).toBe(true);
    expect(now.some((r) => r.findingIds.includes('known-vulnerability:bs-hill-plc:ICSA-23-348-15'))).toBe(
      true,
    );
    const econolite = report.remediation.find((r) =>
      r.findingIds.some((id) => id.endsWith(':ICSA-23-026-02')),
    )!;
    expect(econolite.assetIds).toHaveLength(7);
    expect(report.services[0]!.score).toBe(Math.max(...report.services.map((s) => s.score)));
  });
});
