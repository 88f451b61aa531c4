import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { importAdvisoryFile, importAdvisoryText } from './advisory-file.js';
import { importKev } from './kev-import.js';

const FIXTURES = 'test/fixtures/advisories';
const REAL_KEV = '../shared/data/advisories/kev/known_exploited_vulnerabilities.json';

describe('KEV import', () => {
  it('imports every entry of a valid catalogue with its ransomware flag', () => {
    const imp = importAdvisoryFile(`${FIXTURES}/kev-catalogue.json`);
    expect(imp.format).toBe('kev');
    if (imp.format !== 'kev') return;
    expect(imp).toMatchObject({ catalogVersion: '2025.08.25', declaredCount: 3, entries: 3, problems: [] });
    expect(imp.facts.map((f) => f.cve)).toEqual(['CVE-2023-6448', 'CVE-2021-36260', 'CVE-2022-42475']);
    expect(imp.facts.find((f) => f.cve === 'CVE-2022-42475')).toMatchObject({
      vendor: 'Fortinet',
      product: 'FortiOS',
      ransomware: true,
    });
  });

  it('keeps the good entries of a malformed catalogue and reports each bad one by index', () => {
    const imp = importAdvisoryFile(`${FIXTURES}/kev-malformed.json`);
    if (imp.format !== 'kev') throw new Error('not kev');
    expect(imp.facts.map((f) => f.cve)).toEqual(['CVE-2023-6448']);
    const where = imp.problems.map((p) => p.where);
    expect(where).toEqual([
      'count',
      'vulnerabilities[1]',
      'vulnerabilities[2] (CVE-2022-42475)',
      'vulnerabilities[3] (CVE-22-1)',
      'vulnerabilities[4] (CVE-2023-6448)',
      'vulnerabilities[5]',
      'vulnerabilities[6] (CVE-2021-36260)',
    ]);
    expect(imp.problems[0]!.message).toMatch(/count says 9 but the catalogue lists 7/);
    expect(imp.problems[2]!.message).toMatch(/dateAdded "2022-13-45" is not a date/);
    expect(imp.problems[4]!.message).toMatch(/duplicate/);
  });

  it('refuses a document without an entry list, and text that is not JSON, with their codes', () => {
    expect(() => importKev({ catalogVersion: 'x', vulnerabilities: 'none' }, 'x.json')).toThrow(
      /vulnerabilities/,
    );
    try {
      importAdvisoryFile(`${FIXTURES}/truncated.json`);
      expect.unreachable();
    } catch (err) {
      expect(isCityguardError(err, 'CG_POSTURE_ADVISORY_UNREADABLE')).toBe(true);
    }
    try {
      importAdvisoryFile(`${FIXTURES}/not-an-advisory.json`);
      expect.unreachable();
    } catch (err) {
      expect(isCityguardError(err, 'CG_POSTURE_ADVISORY_FORMAT_UNKNOWN')).toBe(true);
    }
  });

  it.skipIf(!existsSync(REAL_KEV))(
    'imports the real CISA catalogue 2025.08.25 completely (skipped when ../shared/data is absent)',
    () => {
      const imp = importAdvisoryText(readFileSync(REAL_KEV, 'utf8'), REAL_KEV);
      if (imp.format !== 'kev') throw new Error('not kev');
      expect(imp.entries).toBe(1404);
      expect(imp.declaredCount).toBe(1404);
      expect(imp.facts).toHaveLength(1404);
      expect(imp.problems).toEqual([]);
      expect(imp.facts.find((f) => f.cve === 'CVE-2023-6448')?.vendor).toBe('Unitronics');
    },
  );
});
