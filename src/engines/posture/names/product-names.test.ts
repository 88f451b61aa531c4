import { describe, expect, it } from 'vitest';
import { ProductNames } from './product-names.js';
import { vendorKey } from './vendor-names.js';

const names = new ProductNames(
  [
    { name: 'Moxa', aliases: ['Moxa Technologies Co., Ltd.'], software: [] },
    { name: 'Schneider Electric', aliases: ['Schneider Electric Software, LLC'], software: [] },
    { name: 'Microsoft', aliases: [], software: ['Windows', 'Windows Server'] },
  ],
  [
    {
      vendors: ['Hitachi Energy', 'ABB'],
      family: 'RTU500 series',
      aliases: ['RTU500 series CMU Firmware'],
      members: ['RTU520', 'RTU530', 'RTU540', 'RTU560'],
    },
  ],
);
const match = (vendor: string, product: string, deviceVendor: string, text: string) =>
  names.match({ vendor, product }, { vendor: deviceVendor, text });

describe('vendor names', () => {
  it('drops legal forms, punctuation, case and accents', () => {
    expect(vendorKey('Moxa Inc.')).toBe('moxa');
    expect(vendorKey('MOXA')).toBe('moxa');
    expect(vendorKey('Dahua Technology Co, Ltd')).toBe('dahua technology');
    expect(vendorKey('Hörmann Warnsysteme GmbH')).toBe('hormann warnsysteme');
  });

  it('resolves aliases and asides, and keeps different companies apart', () => {
    expect(names.vendors.same('Schneider Electric Software, LLC', 'Schneider Electric')).toBe(true);
    expect(names.vendors.same('Moxa Technologies Co., Ltd.', 'MOXA')).toBe(true);
    expect(names.vendors.same('General Electric (GE)', 'GE')).toBe(true);
    expect(names.vendors.same('Siemens', 'Siemens Mobility')).toBe(false);
    expect(names.vendors.same('APC (Schneider Electric)', 'Schneider Electric')).toBe(true);
  });

  it('names the vendor of software written in a firmware string', () => {
    expect(names.vendors.softwareVendor('Windows Server')).toBe('Microsoft');
    expect(names.vendors.softwareVendor('Windows')).toBe('Microsoft');
    expect(names.vendors.softwareVendor('WinCC')).toBeUndefined();
  });
});

describe('product matching', () => {
  it('never matches on vendor alone', () => {
    expect(match('Moxa', 'NPort 5110', 'Moxa', 'NPort 5150')).toBeUndefined();
    expect(match('Siemens', 'SIPROTEC 4 7SJ66', 'Siemens', 'SIPROTEC 4 7SJ64')).toBeUndefined();
    expect(match('Moxa', 'NPort 5150', 'Siemens', 'NPort 5150')).toBeUndefined();
  });

  it('tells a model from its neighbours: 5150 is not 5150A, SEL-751 is not SEL-751A', () => {
    expect(match('Moxa', 'NPort 5150', 'Moxa', 'NPort 5150')).toEqual({ via: 'name', matched: 'NPort 5150' });
    expect(match('Moxa', 'NPort 5150', 'Moxa', 'NPort 5150-T')).toBeDefined();
    expect(match('Moxa', 'NPort 5150', 'Moxa', 'NPort 5150A')).toBeUndefined();
    expect(
      match(
        'Schweitzer Engineering Laboratories',
        'SEL-751 Feeder Protection Relay',
        'Schweitzer Engineering Laboratories',
        'SEL-751A feeder protection',
      ),
    ).toBeUndefined();
    expect(
      match(
        'Schweitzer Engineering Laboratories',
        'SEL-751 Feeder Protection Relay',
        'Schweitzer Engineering Laboratories, Inc.',
        'SEL-751 feeder protection',
      ),
    ).toBeDefined();
  });

  it('ignores descriptive words and order codes in asides', () => {
    expect(
      match(
        'Schneider Electric Software, LLC',
        'Easergy T300 with firmware',
        'Schneider Electric',
        'Easergy T300 HU250',
      ),
    ).toBeDefined();
    expect(
      match('Siemens', 'CP-8050 MASTER MODULE (6MF2805-0AA00)', 'Siemens', 'SICAM A8000 CP-8050'),
    ).toBeDefined();
    expect(
      match('Siemens', 'CP-8050 MASTER MODULE (6MF2805-0AA00)', 'Siemens', 'SICAM A8000 CP-8031'),
    ).toBeUndefined();
    expect(match('Hikvision', 'DS-KH9310-WTE1(B)', 'Hikvision', 'B')).toBeUndefined();
  });

  it('reads x placeholders as exactly one character, keeping the rest of the model code', () => {
    const series = 'DS-2CD2xx2FWD Series';
    expect(match('Hikvision', series, 'Hikvision', 'DS-2CD2142FWD-I dome camera')).toMatchObject({
      via: 'series',
    });
    expect(match('Hikvision', series, 'Hikvision', 'DS-2CD2143G2-I dome camera')).toBeUndefined();
    expect(
      match('Hikvision', 'DS-2CD2xx2F-I Series', 'Hikvision', 'DS-2CD2142FWD-I dome camera'),
    ).toBeUndefined();
    expect(match('Hikvision', 'DS- 2CD4x2xFWD Series', 'Hikvision', 'DS-2CD4125FWD-IZ')).toBeDefined();
    expect(
      match('Dahua Technology Co, Ltd', 'DH-IPC-HDW1XXX', 'Dahua Technology', 'DH-IPC-HDW1120'),
    ).toBeDefined();
    expect(
      match('Dahua Technology Co, Ltd', 'DH-IPC-HDW1XXX', 'Dahua Technology', 'DH-IPC-HDW11200'),
    ).toBeUndefined();
    expect(
      match('Dahua Technology Co, Ltd', 'DH-IPC-HDW1XXX', 'Dahua Technology', 'DH-IPC-HDW2120'),
    ).toBeUndefined();
    expect(match('General Electric (GE)', 'TD220MAX series radio', 'GE', 'TD220MBX')).toBeUndefined();
  });

  it('lets a vendor series name match the models that begin with it, and only a series', () => {
    expect(match('Hikvision', 'DS-KH63 Series', 'Hikvision', 'DS-KH6320-WTE1 indoor station')).toBeDefined();
    expect(match('Hikvision', 'DS-KH63', 'Hikvision', 'DS-KH6320-WTE1 indoor station')).toBeUndefined();
  });

  it('expands a family to the member models the feed lists, across the vendor names it was sold under', () => {
    expect(match('Hitachi Energy', 'RTU500 series CMU Firmware', 'ABB', 'RTU560 (560CMG10)')).toEqual({
      via: 'family',
      matched: 'RTU560',
    });
    expect(match('Hitachi Energy', 'RTU500 series CMU Firmware', 'ABB', 'Relion REF615')).toBeUndefined();
    expect(match('Hitachi Energy', 'RTU500 series CMU Firmware', 'Siemens', 'RTU560')).toBeUndefined();
  });
});
