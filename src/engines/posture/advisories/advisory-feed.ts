// The advisory knowledge a posture report uses: normalised facts from our feed files and from
// imported CSAF advisories, the KEV catalogue (which flags facts whose CVE is known exploited),
// end-of-life entries, and the vendor aliases and product families names are resolved with.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { AdvisoryFact, AdvisoryFeedFile, EndOfLifeEntry, KevFact } from '../../../domain/index.js';
import { feedNotFound } from '../errors.js';
import { ProductNames } from '../names/product-names.js';
import { vendorKey } from '../names/vendor-names.js';
import type { AdvisoryImport, ImportProblem } from './advisory-import.js';
import { importAdvisoryText } from './advisory-file.js';
import { parseFeedText } from './feed-file.js';

/** One file that went into the feed, with its counts. */
export interface FeedSource {
  readonly file: string;
  readonly kind: 'feed' | 'kev' | 'csaf';
  readonly label: string;
  readonly facts: number;
  readonly skipped: number;
  readonly problems: number;
}

/** Everything the matcher needs, built once per report. */
export interface AdvisoryFeed {
  readonly facts: readonly AdvisoryFact[];
  readonly endOfLife: readonly EndOfLifeEntry[];
  readonly kev: ReadonlyMap<string, KevFact>;
  readonly names: ProductNames;
  readonly sources: readonly FeedSource[];
  /** Skipped and malformed entries of imported files, with their file. */
  readonly problems: ReadonlyArray<ImportProblem & { file: string }>;
}

/** Facts of the curated advisories of a feed file: one per vulnerability and product it affects. */
export function curatedFacts(feed: AdvisoryFeedFile): AdvisoryFact[] {
  return feed.advisories.flatMap((a) =>
    a.vulnerabilities.flatMap((v) =>
      a.products.flatMap((p, i): AdvisoryFact[] =>
        v.products && !v.products.includes(p.product)
          ? []
          : [
              {
                id: `${a.id}/${v.cve}/${i}`,
                advisoryId: a.id,
                source: 'curated',
                title: v.title ?? a.title,
                vendor: p.vendor,
                product: p.product,
                versions: [...p.versions],
                ...(p.fixed ? { fixedVersion: p.fixed } : {}),
                cve: v.cve,
                cvss: v.cvss,
                ...(v.vector ? { vector: v.vector } : {}),
                kev: v.kev,
                ...(a.remediation ? { remediation: a.remediation } : {}),
                ...(a.url ? { url: a.url } : {}),
              },
            ],
      ),
    ),
  );
}

/** Builds a feed from parsed feed files and imports; the first fact for the same advisory, CVE, product and range wins. */
export function buildAdvisoryFeed(input: {
  feeds?: ReadonlyArray<{ file: string; feed: AdvisoryFeedFile }>;
  imports?: readonly AdvisoryImport[];
}): AdvisoryFeed {
  const feeds = input.feeds ?? [];
  const imports = input.imports ?? [];
  const kev = new Map<string, KevFact>();
  for (const k of [
    ...feeds.flatMap((f) => f.feed.kev),
    ...imports.flatMap((i) => (i.format === 'kev' ? i.facts : [])),
  ]) {
    if (!kev.has(k.cve)) kev.set(k.cve, k);
  }
  const seen = new Set<string>();
  const facts: AdvisoryFact[] = [];
  const add = (f: AdvisoryFact) => {
    const key = [
      f.advisoryId,
      f.cve,
      vendorKey(f.vendor),
      f.product.toLowerCase(),
      f.versions.join('|'),
    ].join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    facts.push({ ...f, kev: f.kev || kev.has(f.cve) });
  };
  feeds.forEach((f) => curatedFacts(f.feed).forEach(add));
  imports.forEach((i) => i.format === 'csaf' && i.facts.forEach(add));
  const sources: FeedSource[] = [
    ...feeds.map((f) => ({
      file: f.file,
      kind: 'feed' as const,
      label: f.feed.feed.name,
      facts: curatedFacts(f.feed).length,
      skipped: 0,
      problems: 0,
    })),
    ...imports.map((i) =>
      i.format === 'kev'
        ? {
            file: i.file,
            kind: 'kev' as const,
            label: `CISA KEV ${i.catalogVersion ?? '(no version)'}`,
            facts: i.facts.length,
            skipped: 0,
            problems: i.problems.length,
          }
        : {
            file: i.file,
            kind: 'csaf' as const,
            label: i.advisoryId,
            facts: i.facts.length,
            skipped: i.skipped.length,
            problems: i.problems.length,
          },
    ),
  ];
  return {
    facts,
    endOfLife: feeds.flatMap((f) => f.feed.endOfLife),
    kev,
    names: new ProductNames(
      feeds.flatMap((f) => f.feed.vendors),
      feeds.flatMap((f) => f.feed.families),
    ),
    sources,
    problems: imports.flatMap((i) =>
      [...(i.format === 'csaf' ? i.skipped : []), ...i.problems].map((p) => ({ ...p, file: i.file })),
    ),
  };
}

function feedFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw feedNotFound(path);
  }
  const files = stat.isDirectory()
    ? readdirSync(path, { recursive: true })
        .map((f) => join(path, String(f)))
        .filter((f) => ['.yaml', '.yml', '.json'].includes(extname(f)) && statSync(f).isFile())
        .sort()
    : [path];
  return files;
}

/**
 * Loads feed folders or files: `.yaml` files in our feed format (content/advisories), `.json`
 * files as KEV or CSAF (detected by content). Throws CG_POSTURE_FEED_NOT_FOUND for a missing path
 * or a folder without feed files, CG_CONTENT_INVALID for a bad feed YAML file.
 */
export function loadAdvisoryFeed(paths: string | readonly string[]): AdvisoryFeed {
  const feeds: Array<{ file: string; feed: AdvisoryFeedFile }> = [];
  const imports: AdvisoryImport[] = [];
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    const files = feedFiles(path);
    if (files.length === 0) throw feedNotFound(path);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (extname(file) === '.json') imports.push(importAdvisoryText(text, file));
      else feeds.push({ file, feed: parseFeedText(text, file) });
    }
  }
  return buildAdvisoryFeed({ feeds, imports });
}
