import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { parseVersionRange } from '../version/version-range.js';
import { importAdvisoryFile } from './advisory-file.js';
import type { CsafImport } from './advisory-import.js';

const FIXTURES = 'test/fixtures/advisories';
const REAL = '../shared/data/advisories/csaf/csaf_files/OT/white';
const csaf = (file: string): CsafImport => {
  const imp = importAdvisoryFile(file);
  if (imp.format !== 'csaf') throw new Error(`${file} is not CSAF`);
  return imp;
};
const real = (id: string) => {
  const year = `20${id.split('-')[1]}`;
  return csaf(join(REAL, year, `${id.toLowerCase()}.json`));
};

describe('CSAF import of written fixtures', () => {
  it('turns each affected product and CVE into a fact with score, fixed version and remedy', () => {
    const imp = csaf(`${FIXTURES}/csaf-econolite-eos.json`);
    expect(imp).toMatchObject({
      advisoryId: 'ICSA-23-026-02',
      published: '2023-01-26',
      vulnerabilities: 2,
      problems: [],
      skipped: [],
    });
    expect(imp.facts).toHaveLength(2);
    const weakHash = imp.facts.find((f) => f.cve === 'CVE-2023-0452')!;
    expect(weakHash).toMatchObject({
      vendor: 'Econolite',
      product: 'EOS',
      versions: ['< 3.2.23'],
      fixedVersion: '3.2.23',
      cvss: 9.8,
      source: 'csaf',
      kev: false,
    });
    expect(imp.facts.find((f) => f.cve === 'CVE-2023-0451')!.remediation).toMatch(/latest version/);
  });

  it('copes with the names of real CISA files: prose skipped, releases moved to the title product, model lists split, models in version fields skipped', () => {
    const imp = csaf(`${FIXTURES}/csaf-messy-names.json`);
    expect(imp.products.map((p) => `${p.product} ${p.versions.join()}`)).toEqual([
      'SEL-411L >=R118-V0|<=R118-V3',
      'GX450 < 4.9.4',
      'ES450 < 4.9.4',
    ]);
    expect(imp.skipped.map((s) => s.message)).toEqual([
      expect.stringMatching(/"Web server vulnerabilities" is a sentence about a weakness/),
      expect.stringMatching(/version field holds "DH-IPC-HDBW13A0SN,", which is not a version/),
      expect.stringMatching(/version range "< 7.03 \/7.04" not understood/),
    ]);
    expect(imp.problems).toEqual([]);
  });

  it('reports every malformed entry with its path and keeps what is sound', () => {
    const imp = csaf(`${FIXTURES}/csaf-malformed.json`);
    expect(imp.facts.map((f) => `${f.cve} ${f.product} ${f.versions.join()}`)).toEqual([
      'CVE-2022-2044 NPort 5110 2.1',
    ]);
    expect(imp.problems.map((p) => p.where)).toEqual([
      'product_tree.branches[0].branches[0].branches[1].product',
      'product_tree.branches[0].branches[0].branches[2].product',
      'product_tree.branches[0].branches[1].branches',
      'product_tree.branches[0].branches[2]',
      'vulnerabilities[0].product_status',
      'vulnerabilities[1]',
      'vulnerabilities[2].scores',
      'vulnerabilities[3]',
      'vulnerabilities[4]',
    ]);
  });

  it('refuses a CSAF document without a product tree as a whole', () => {
    try {
      importAdvisoryFile(`${FIXTURES}/csaf-without-product-tree.json`);
      expect.unreachable();
    } catch (err) {
      expect(isCityguardError(err, 'CG_POSTURE_ADVISORY_INVALID')).toBe(true);
    }
  });
});

describe.skipIf(!existsSync(REAL))(
  'CSAF import of the real CISA ICS advisories (skipped when ../shared/data is absent)',
  () => {
    it('imports all 40 files without a malformed entry, and every fact has a readable range', () => {
      const files = readdirSync(REAL, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.json'));
      expect(files).toHaveLength(40);
      for (const f of files) {
        const imp = csaf(join(REAL, f));
        expect(imp.problems, f).toEqual([]);
        for (const fact of imp.facts)
          for (const v of fact.versions) expect(parseVersionRange(v).ok, `${f} ${v}`).toBe(true);
      }
    });

    it('skips the GE advisory whose "products" are mitigation headings', () => {
      const imp = real('ICSA-21-075-02');
      expect(imp.facts).toEqual([]);
      expect(imp.skipped).toHaveLength(6);
      expect(imp.skipped.every((s) => /sentence about a weakness/.test(s.message))).toBe(true);
    });

    it('reads the SEL advisory that lists firmware releases as products as the SEL-411L', () => {
      const imp = real('ICSA-23-341-02');
      expect(new Set(imp.products.map((p) => p.product))).toEqual(new Set(['SEL-411L']));
      expect(imp.products.map((p) => p.versions[0])).toContain('>=R118-V0|<=R118-V3');
      expect(imp.products.map((p) => p.versions[0])).toContain('R128-V0');
    });

    it('skips Dahua and ATI entries that put model names in the version field', () => {
      expect(real('ICSA-17-124-02').facts).toEqual([]);
      expect(real('ICSA-17-124-02').skipped).toHaveLength(15);
      expect(real('ICSA-18-100-01').facts).toEqual([]);
    });

    it('keeps vendor spellings and series names as written, for the matcher to resolve', () => {
      expect(real('ICSA-20-343-03').products[0]).toMatchObject({
        vendor: 'Schneider Electric Software, LLC',
        product: 'Easergy T300 with firmware',
      });
      expect(real('ICSA-17-124-01').products[1]!.product).toBe('DS- 2CD4x2xFWD Series');
      expect(real('ICSA-22-179-06').products[0]).toMatchObject({
        product: 'ACE1000',
        versions: ['vers:all/*'],
      });
      expect(real('ICSA-24-116-01').products).toHaveLength(8);
    });
  },
);
