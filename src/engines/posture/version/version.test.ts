import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { compareToBound, compareVersions, parseVersion, type Version } from './version.js';

const v = (text: string): Version => {
  const parsed = parseVersion(text);
  if (!parsed) throw new Error(`not a version: ${text}`);
  return parsed;
};
const cmp = (a: string, b: string) => compareToBound(v(a), v(b));

describe('parseVersion', () => {
  it('reads the firmware strings vendors write', () => {
    expect(v('V4.1.2').parts).toEqual([4, 1, 2]);
    expect(v('3.2.23').parts).toEqual([3, 2, 23]);
    expect(v('1.0 build 17101611').parts).toEqual([1, 0, 'build', 17101611]);
    expect(v('2.0.1.1R3').parts).toEqual([2, 0, 1, 1, 'r', 3]);
    expect(v('R418-V0').parts).toEqual(['r', 418, 'v', 0]);
    expect(v('1.4.0_build221212').parts).toEqual([1, 4, 0, 'build', 221212]);
    expect(v('5.4.4  Build 161125').parts).toEqual([5, 4, 4, 'build', 161125]);
  });

  it('keeps a product name written before the version apart from the version', () => {
    expect(v('CPCI85 V05.30')).toMatchObject({ name: 'cpci85', parts: [5, 30] });
    expect(v('EOS 3.2.16')).toMatchObject({ name: 'eos', parts: [3, 2, 16] });
    expect(v('Version 2.2.0')).toMatchObject({ name: undefined, parts: [2, 2, 0] });
    expect(v('rev. 8.3.0')).toMatchObject({ name: undefined, parts: [8, 3, 0] });
  });

  it('refuses text without a number, such as a model name in a version field', () => {
    expect(parseVersion('MHPSS')).toBeUndefined();
    expect(parseVersion('')).toBeUndefined();
  });

  it('drops a trailing x placeholder so "4.x" means any 4', () => {
    expect(v('4.x').parts).toEqual([4]);
    expect(v('8.1x').parts).toEqual([8, 1]);
  });
});

describe('compareToBound', () => {
  it('orders numeric parts as numbers, not text', () => {
    expect(cmp('3.2.16', '3.2.23')).toBe(-1);
    expect(cmp('3.10', '3.9')).toBe(1);
    expect(cmp('4.3', '12.38')).toBe(-1);
    expect(cmp('9.8.65', '9.9.00')).toBe(-1);
  });

  it('compares at the bound’s precision: extra build numbers do not matter, missing parts are zero', () => {
    expect(cmp('5.4.0 build 160530', '5.4.0')).toBe(0);
    expect(cmp('V05.30', 'V05')).toBe(0);
    expect(cmp('3.9', '3.9.1')).toBe(-1);
    expect(cmp('3.9', '3.9.0')).toBe(0);
  });

  it('orders builds and suffixed releases', () => {
    expect(cmp('V5.4.0 build 160530', '5.4.4 Build 161125')).toBe(-1);
    expect(cmp('5.4.4 build 161124', '5.4.4 Build 161125')).toBe(-1);
    expect(cmp('2.0.1.1R3', '2.0.1.1R4')).toBe(-1);
    expect(cmp('R418-V0', 'R400-V2')).toBe(1);
    expect(cmp('1.0 beta 2', '1.0')).toBe(0);
    expect(compareVersions(v('1.0 beta 2'), v('1.0'))).toBe(-1);
  });

  it('refuses to compare versions of differently named firmware lines', () => {
    expect(cmp('CPCI85 V05.30', 'CPCI80 V05')).toBeUndefined();
    expect(cmp('CPCI85 V05.30', 'CPCI85 V05')).toBe(0);
  });
});

const versionText = fc
  .array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 })
  .chain((nums) =>
    fc.tuple(fc.constant(nums.join('.')), fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined })),
  )
  .map(([base, build]) => (build === undefined ? base : `${base} build ${build}`));

describe('compareVersions is a total order', () => {
  test.prop([versionText, versionText])('antisymmetric', (a, b) => {
    expect(Math.sign(compareVersions(v(a), v(b)))).toBe(-Math.sign(compareVersions(v(b), v(a))) || 0);
  });
  test.prop([versionText, versionText, versionText])('transitive', (a, b, c) => {
    const [x, y, z] = [v(a), v(b), v(c)];
    if (compareVersions(x, y) <= 0 && compareVersions(y, z) <= 0)
      expect(compareVersions(x, z)).toBeLessThanOrEqual(0);
  });
  test.prop([versionText])('a version equals itself as a bound', (a) => {
    expect(compareToBound(v(a), v(a))).toBe(0);
  });
});
