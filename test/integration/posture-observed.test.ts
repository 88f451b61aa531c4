// Posture with observations: undeclared devices become "uninventoried device" findings, and observed
// traffic crossing IEC 62443 zones without a conduit for it is reported with the flows as evidence.
import { describe, expect, it } from 'vitest';
import { loadAdvisoryFeed, postureReport, type Observations } from '../../src/engines/posture/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const feed = loadAdvisoryFeed('content/advisories');
const observations: Observations = {
  devices: [
    {
      ip: '10.30.31.99',
      mac: '00:90:e8:12:34:56',
      protocols: ['tcp-serial', 'telnet'],
      vendor: 'Moxa',
      firstSeen: '2026-11-25T02:14:00Z',
    },
    { ip: '10.20.0.21', protocols: ['rdp'] },
  ],
  flows: [
    // an office PC polling a substation RTU with Modbus: no conduit office → substations allows it
    { src: '10.10.5.23', dst: '10.30.31.10', protocol: 'modbus', port: 502, packets: 120 },
    // office PC on the Moxa gateway over telnet: allowed by the LEGACY conduit, so not a crossing finding
    { src: '10.10.5.23', dst: '10.30.31.20', protocol: 'telnet', port: 23, packets: 40 },
    // the SCADA server reaching the water PLC over S7: only opc-ua is allowed from scada-cc to water
    { src: 'scada-srv-1', dst: 'ww-plc', protocol: 's7comm', port: 102 },
    // a camera talking to the dispatch CAD over SMB: cameras may only send RTSP to the emergency zone
    { src: '10.60.10.12', dst: 'dispatch-cad', protocol: 'smb', port: 445 },
  ],
};
const report = postureReport(city, feed, { asOf: '2026-11-26', observations });
const find = (id: string) => report.findings.find((f) => f.id === id);

describe('posture with observed devices and flows', () => {
  it('turns an undeclared device into a discovered asset and an "uninventoried device" finding', () => {
    expect(report.inventory).toEqual({ declared: 228, imported: 0, discovered: 2 });
    const f = find('uninventoried-device:discovered-10-30-31-99')!;
    expect(f.severity).toBe('high');
    expect(f.zones).toEqual(['substations']);
    expect(f.evidence[0]!.fact).toMatch(
      /10.30.31.99 \/ 00:90:e8:12:34:56, speaking tcp-serial, telnet, vendor hint Moxa/,
    );
    // 10.20.0.21 is hmi-cc-1: known, so no finding; 10.10.5.23 is not declared either
    expect(find('uninventoried-device:discovered-10-20-0-21')).toBeUndefined();
    expect(find('uninventoried-device:discovered-10-10-5-23')?.severity).toBe('medium');
  });

  it('reports traffic across zones that no conduit allows, with the flows as evidence', () => {
    const modbus = find('undeclared-zone-crossing:office-it->substations:modbus')!;
    expect(modbus.severity).toBe('critical');
    expect(modbus.evidence[0]).toMatchObject({
      source: 'observed',
      fact: 'observed 10.10.5.23 → 10.30.31.10 modbus/502 (120 packets)',
    });
    expect(find('undeclared-zone-crossing:scada-cc->water:s7comm')?.severity).toBe('high');
    expect(find('undeclared-zone-crossing:field-iot->emergency:smb')?.title).toMatch(
      /outside what the conduit allows/,
    );
    expect(find('undeclared-zone-crossing:office-it->substations:telnet')).toBeUndefined();
  });

  it('gives the discovered device a risk score and a remediation line', () => {
    expect(report.assets.some((a) => a.assetId === 'discovered-10-30-31-99')).toBe(true);
    expect(
      report.remediation.some((r) => r.findingIds.includes('uninventoried-device:discovered-10-30-31-99')),
    ).toBe(true);
  });
});
