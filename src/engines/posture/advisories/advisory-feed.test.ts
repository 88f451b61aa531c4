import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { importAdvisoryFile } from './advisory-file.js';
import { buildAdvisoryFeed, loadAdvisoryFeed } from './advisory-feed.js';
import { parseFeedText } from './feed-file.js';
import { feedFileFromImport } from './feed-writer.js';

const FIXTURES = 'test/fixtures/advisories';

describe('advisory feed', () => {
  it('loads the curated feed shipped with the product, every range readable', () => {
    const feed = loadAdvisoryFeed('content/advisories');
    expect(feed.facts.length).toBeGreaterThan(20);
    expect(new Set(feed.facts.map((f) => f.advisoryId))).toContain('ICSA-23-348-15');
    expect(feed.facts.find((f) => f.cve === 'CVE-2023-6448')?.kev).toBe(true);
    expect(feed.endOfLife.some((e) => e.product === 'Windows 7')).toBe(true);
    expect(feed.names.vendors.same('Schneider Electric Software, LLC', 'Schneider Electric')).toBe(true);
  });

  it('flags a fact as known exploited when an imported KEV catalogue lists its CVE', () => {
    const eos = importAdvisoryFile(`${FIXTURES}/csaf-econolite-eos.json`);
    const kev = importAdvisoryFile(`${FIXTURES}/kev-catalogue.json`);
    expect(buildAdvisoryFeed({ imports: [eos] }).facts.every((f) => !f.kev)).toBe(true);
    const fakeKev =
      kev.format === 'kev'
        ? { ...kev, facts: [...kev.facts, { ...kev.facts[0]!, cve: 'CVE-2023-0452' }] }
        : kev;
    const feed = buildAdvisoryFeed({ imports: [eos, fakeKev] });
    expect(feed.facts.find((f) => f.cve === 'CVE-2023-0452')?.kev).toBe(true);
    expect(feed.facts.find((f) => f.cve === 'CVE-2023-0451')?.kev).toBe(false);
    expect(feed.kev.size).toBe(4);
  });

  it('reports a feed file with an unreadable range by file and line', () => {
    const text = stringify({
      feed: { name: 'bad', updated: '2026-01-01' },
      advisories: [
        {
          id: 'X-1',
          source: 'vendor',
          title: 'x',
          products: [{ vendor: 'Moxa', product: 'NPort 5150', versions: ['< 7.03 /7.04'] }],
          vulnerabilities: [{ cve: 'CVE-2020-0001', cvss: 5, products: ['NPort 9999'] }],
        },
      ],
    });
    try {
      parseFeedText(text, 'bad.yaml');
      expect.unreachable();
    } catch (err) {
      expect(isCityguardError(err, 'CG_CONTENT_INVALID')).toBe(true);
      const problems = (err as { details: { problems: Array<{ line: number; message: string }> } }).details
        .problems;
      expect(problems.map((p) => p.message)).toEqual([
        expect.stringMatching(/version range not understood/),
        expect.stringMatching(/"NPort 9999" is not a product of this advisory/),
      ]);
      expect(problems[0]!.line).toBeGreaterThan(1);
    }
  });

  it('writes an import as a feed file that loads back to the same facts', () => {
    for (const file of ['csaf-econolite-eos.json', 'csaf-messy-names.json', 'kev-catalogue.json']) {
      const imp = importAdvisoryFile(`${FIXTURES}/${file}`);
      const dir = mkdtempSync(join(tmpdir(), 'cg-feed-'));
      writeFileSync(join(dir, 'feed.yaml'), stringify(feedFileFromImport(imp, '2026-11-26')));
      const loaded = loadAdvisoryFeed(dir);
      const direct = buildAdvisoryFeed({ imports: [imp] });
      const key = (f: {
        cve: string;
        vendor: string;
        product: string;
        versions: readonly string[];
        cvss: number;
      }) => `${f.cve}|${f.vendor}|${f.product}|${f.versions.join()}|${f.cvss}`;
      expect(loaded.facts.map(key).sort(), file).toEqual(direct.facts.map(key).sort());
      expect(loaded.kev.size).toBe(direct.kev.size);
    }
  });

  it('refuses a path with no feed in it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'cg-empty-'));
    for (const path of [empty, join(empty, 'missing')]) {
      try {
        loadAdvisoryFeed(path);
        expect.unreachable();
      } catch (err) {
        expect(isCityguardError(err, 'CG_POSTURE_FEED_NOT_FOUND')).toBe(true);
      }
    }
  });
});
