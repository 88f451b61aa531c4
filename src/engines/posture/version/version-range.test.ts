import { describe, expect, it } from 'vitest';
import { firstFixedVersion, parseVersionRange, rangeContains, type VersionRange } from './version-range.js';
import { parseVersion } from './version.js';

const range = (text: string): VersionRange => {
  const r = parseVersionRange(text);
  if (!r.ok) throw new Error(r.reason);
  return r.range;
};
const inRange = (text: string, version: string) => rangeContains(range(text), parseVersion(version)!);

describe('parseVersionRange', () => {
  it('reads the CVSS-like ranges of CISA CSAF files, with their stray spaces', () => {
    const r = range('>=  5.3.1 build 150410 | <= 5.4.4  Build 161125');
    expect(r.constraints.map((c) => c.op)).toEqual(['>=', '<=']);
    expect(r.scheme).toBeUndefined();
  });

  it('reads vers ranges, including "all versions" and a named bound', () => {
    expect(range('vers:all/*').constraints).toEqual([{ op: '*' }]);
    const named = range('vers:all/<CPCI85 V05');
    expect(named.scheme).toBe('all');
    expect(named.constraints[0]).toMatchObject({ op: '<', version: { name: 'cpci85', parts: [5] } });
  });

  it('reads a bare list of versions as exact versions', () => {
    expect(range('1.1 | 1.2.3 | 2.0').constraints.map((c) => c.op)).toEqual(['=', '=', '=']);
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(parseVersionRange('< 7.03 /7.04')).toMatchObject({ ok: false });
    expect(parseVersionRange('<')).toMatchObject({ ok: false });
    expect(parseVersionRange('vers:generic/')).toMatchObject({ ok: false });
    expect(parseVersionRange('MHPSS')).toMatchObject({ ok: false });
  });
});

describe('rangeContains', () => {
  it('admits versions inside a closed interval and nothing outside it', () => {
    const r = '>=  5.3.1 build 150410 | <= 5.4.4  Build 161125';
    expect(inRange(r, 'V5.4.0 build 160530')).toBe(true);
    expect(inRange(r, 'V5.4.4 build 161125')).toBe(true);
    expect(inRange(r, 'V5.4.5 build 170101')).toBe(false);
    expect(inRange(r, 'V5.3.0 build 150101')).toBe(false);
    expect(inRange(r, 'V5.7.3 build 220112')).toBe(false);
  });

  it('treats each pair of bounds as its own interval (SEL and Hitachi Energy write several)', () => {
    const sel = '>=R101-V0|<R302-V3';
    expect(inRange(sel, 'R301-V2')).toBe(true);
    expect(inRange(sel, 'R418-V0')).toBe(false);
    expect(inRange('>=13.4.1|<=13.4.4', '13.4.2')).toBe(true);
    expect(inRange('>=13.4.1|<=13.4.4', '13.4.5')).toBe(false);
    expect(inRange('>=12.0.1|<=12.0.14|>=13.4.1|<=13.4.4', '12.0.9')).toBe(true);
  });

  it('handles open-ended and exclusive bounds', () => {
    expect(inRange('< 3.2.23', '3.2.16')).toBe(true);
    expect(inRange('< 3.2.23', '3.2.23')).toBe(false);
    expect(inRange('<= 3.7', '3.9 Build 19041817')).toBe(false);
    expect(inRange('<= 3.7', '3.7 Build 17030709')).toBe(true);
    expect(inRange('>=G4', 'G5')).toBe(true);
  });

  it('matches exact versions, exclusions and all-versions', () => {
    expect(inRange('1.1 | 1.2.3 | 2.0', '1.2.3')).toBe(true);
    expect(inRange('1.1 | 1.2.3 | 2.0', '1.2.4')).toBe(false);
    expect(inRange('vers:generic/>=1.0|!=1.5|<2.0', '1.5')).toBe(false);
    expect(inRange('vers:generic/>=1.0|!=1.5|<2.0', '1.6')).toBe(true);
    expect(inRange('vers:all/*', 'anything 1')).toBe(true);
  });

  it('compares a named bound with the same firmware line only', () => {
    expect(inRange('vers:all/<CPCI85 V05', 'CPCI85 V04.90')).toBe(true);
    expect(inRange('vers:all/<CPCI85 V05', 'CPCI85 V05.30')).toBe(false);
    expect(inRange('vers:all/<CPCI85 V05', 'CPCI80 V04.90')).toBeUndefined();
  });

  it('names the first fixed version of a range ending in an exclusive bound', () => {
    expect(firstFixedVersion(range('< 3.2.23'))).toBe('3.2.23');
    expect(firstFixedVersion(range('<= 3.7'))).toBeUndefined();
  });
});
