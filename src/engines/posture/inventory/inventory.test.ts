import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { loadCityFile } from '../../../platform/content/index.js';
import { firmwareComponents } from './firmware-components.js';
import { importInventoryCsv } from './inventory-csv.js';
import { isPrivateAddress, mergeInventory } from './inventory-merge.js';
import { parseObservations } from './observations.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const HEADER =
  'id,name,kind,vendor,model,firmware,zone,district,criticality,ip,site,protocols,default_credentials,tls';

describe('inventory CSV', () => {
  it('imports good rows as declared assets and reports each bad row by line and column', () => {
    const csv = [
      HEADER,
      'pump-new,New pump,pump,Grundfos,CR 95-4 with CUE drive,CUE V3.11,water,riverside,medium,10.40.1.50,water-works,modbus;profinet,false,',
      '"cam-new","Camera, new",camera,Axis,P1448-LE bullet camera,10.12.165,field-iot,downtown,low,10.60.10.90,,rtsp;http,,true',
      'ww-plc,Duplicate of a city asset,plc,Siemens,S7,V1,water,riverside,high,,,,,',
      'bad-zone,Bad zone,plc,Siemens,S7,V1,nowhere,riverside,high,,,,,',
      'bad-kind,Bad kind,toaster,Acme,T1,1.0,water,riverside,high,,,,maybe,',
      'short,row',
    ].join('\r\n');
    const imp = importInventoryCsv(csv, 'assets.csv', city);
    expect(imp.rows).toBe(6);
    expect(imp.assets.map((a) => a.id)).toEqual(['pump-new', 'cam-new']);
    expect(imp.assets[1]).toMatchObject({
      name: 'Camera, new',
      protocols: ['rtsp', 'http'],
      security: { tls: true },
      location: city.city.city.center,
    });
    expect(imp.assets[0]).toMatchObject({
      site: 'water-works',
      security: { defaultCredentials: false },
      network: { ip: '10.40.1.50' },
    });
    expect(imp.errors.map((e) => [e.line, e.column])).toEqual([
      [4, 'id'],
      [5, 'zone'],
      [6, 'default_credentials'],
      [6, 'kind'],
      [7, undefined],
    ]);
    expect(imp.errors[0]!.message).toMatch(/already in the city file/);
  });

  it('refuses a CSV whose header lacks a required column', () => {
    try {
      importInventoryCsv('id,name\nx,y\n', 'assets.csv', city);
      expect.unreachable();
    } catch (err) {
      expect(isCityguardError(err, 'CG_POSTURE_INPUT_UNREADABLE')).toBe(true);
      expect((err as Error).message).toMatch(
        /lacks kind, vendor, model, firmware, zone, district, criticality/,
      );
    }
  });
});

describe('observations and discovery', () => {
  const { observations, problems } = parseObservations(
    JSON.stringify({
      devices: [
        { ip: '10.40.1.10', protocols: ['s7comm-plus'] },
        {
          ip: '10.40.1.77',
          mac: '00:11:22:33:44:55',
          protocols: ['modbus'],
          vendor: 'Schneider Electric',
          firstSeen: '2026-11-20T03:12:00Z',
        },
        { vendor: 'nobody' },
      ],
      flows: [
        { src: '10.10.5.23', dst: '10.30.31.20', protocol: 'telnet', port: 23, packets: 40 },
        { src: '198.51.100.7', dst: '10.40.2.10', protocol: 'pcom', port: 20256 },
        { src: 'a' },
      ],
    }),
    'seen.json',
  );

  it('reports observations it cannot use, keeping the rest', () => {
    expect(problems.map((p) => p.where)).toEqual(['devices[2]', 'flows[2]']);
    expect(observations.devices).toHaveLength(2);
    expect(observations.flows).toHaveLength(2);
  });

  it('turns an undeclared device into a discovered asset placed by its neighbours, and leaves known and public addresses alone', () => {
    const inv = mergeInventory(city, undefined, observations);
    const discovered = inv.assets.filter((a) => a.source === 'discovered');
    expect(discovered.map((a) => a.id).sort()).toEqual(['discovered-10-10-5-23', 'discovered-10-40-1-77']);
    const plc = discovered.find((a) => a.id === 'discovered-10-40-1-77')!;
    expect(plc).toMatchObject({
      kind: 'plc',
      zone: 'water',
      vendor: 'Schneider Electric',
      criticality: 'high',
      network: { mac: '00:11:22:33:44:55' },
    });
    expect(inv.counts).toEqual({ declared: 228, imported: 0, discovered: 2 });
    expect(inv.origins.get('discovered-10-40-1-77')).toEqual({
      source: 'observed',
      where: 'observed 10.40.1.77',
    });
  });

  it('knows private from public addresses', () => {
    expect(['10.0.0.1', '172.20.1.1', '192.168.1.197', 'fd00::1'].every(isPrivateAddress)).toBe(true);
    expect(['198.51.100.7', '172.32.0.1', '8.8.8.8'].some(isPrivateAddress)).toBe(false);
  });
});

describe('firmware components', () => {
  it('splits firmware strings into the software they name', () => {
    const parts = (f: string) => firmwareComponents(f).map((c) => [c.name, c.version?.parts.join('.')]);
    expect(parts('OS 4.3 (VisiLogic 9.8.65)')).toEqual([
      ['OS', '4.3'],
      ['VisiLogic', '9.8.65'],
    ]);
    expect(parts('SYS600 10.4.1 / Windows Server 2019')).toEqual([
      ['SYS600', '10.4.1'],
      ['Windows Server', '2019'],
    ]);
    expect(parts('3.9 Build 19041817')).toEqual([[undefined, '3.9.build.19041817']]);
    expect(parts('CPCI85 V05.30')).toEqual([['CPCI85', '5.30']]);
  });
});
