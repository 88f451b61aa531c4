// Our own advisory feed format (content/advisories/*.yaml, schema AdvisoryFeedFile in
// src/domain/advisory.ts): loaded like all content — duplicate keys and unknown fields rejected,
// every version range parsed, every problem reported with file and line.
import { AdvisoryFeedFile } from '../../../domain/index.js';
import { loadContentText } from '../../../platform/content/index.js';
import { parseVersionRange } from '../version/version-range.js';

type Problem = { path: string; message: string };

/** Checks beyond the schema: ranges readable, product references resolvable, advisory ids unique. */
export function checkFeedFile(feed: AdvisoryFeedFile): Problem[] {
  const problems: Problem[] = [];
  const range = (text: string, path: string) => {
    const r = parseVersionRange(text);
    if (!r.ok) problems.push({ path, message: `version range not understood: ${r.reason}` });
  };
  const ids = new Map<string, number>();
  feed.advisories.forEach((a, i) => {
    if (ids.has(a.id))
      problems.push({
        path: `/advisories/${i}/id`,
        message: `duplicate advisory "${a.id}" (first at index ${ids.get(a.id)})`,
      });
    else ids.set(a.id, i);
    const names = new Set(a.products.map((p) => p.product));
    a.products.forEach((p, j) =>
      p.versions.forEach((v, k) => range(v, `/advisories/${i}/products/${j}/versions/${k}`)),
    );
    a.vulnerabilities.forEach((v, j) =>
      v.products?.forEach((p, k) => {
        if (!names.has(p))
          problems.push({
            path: `/advisories/${i}/vulnerabilities/${j}/products/${k}`,
            message: `"${p}" is not a product of this advisory`,
          });
      }),
    );
  });
  feed.endOfLife.forEach((e, i) => e.versions?.forEach((v, k) => range(v, `/endOfLife/${i}/versions/${k}`)));
  return problems;
}

/** Parses and checks a feed file; throws CG_CONTENT_INVALID listing every problem by line. */
export function parseFeedText(text: string, file: string): AdvisoryFeedFile {
  return loadContentText<AdvisoryFeedFile>(text, file, AdvisoryFeedFile, checkFeedFile);
}
