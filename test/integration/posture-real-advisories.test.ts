// The posture report fed straight from the publishers' files in ../shared/data/advisories (40 CISA
// ICS advisories in CSAF 2.0 and the KEV catalogue) finds the same vulnerable devices as the curated
// feed written from them — and nothing on vendor alone. Skipped with a message when the data is absent.
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdvisoryFeed, postureReport } from '../../src/engines/posture/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';

const DATA = '../shared/data/advisories';
const present = existsSync(`${DATA}/csaf`) && existsSync(`${DATA}/kev/known_exploited_vulnerabilities.json`);
if (!present)
  console.warn(
    `posture-real-advisories: ${DATA} not found; skipping the tests on the real CSAF and KEV files`,
  );

describe.skipIf(!present)('posture report from the real CSAF and KEV files', () => {
  // Loaded before the tests, not while vitest collects them: a skipped suite is still collected.
  const city = loadCityFile('content/cities/sample-city.yaml');
  let real: ReturnType<typeof loadAdvisoryFeed>;
  let curated: ReturnType<typeof loadAdvisoryFeed>;
  beforeAll(() => {
    real = loadAdvisoryFeed(['content/advisories/vendor-names.yaml', `${DATA}/csaf`, `${DATA}/kev/known_exploited_vulnerabilities.json`]);
    curated = loadAdvisoryFeed('content/advisories');
  });
  const vulnerable = (feed: typeof real) =>
    postureReport(city, feed, { asOf: '2026-11-26' })
      .findings.filter((f) => f.check === 'known-vulnerability')
      .map((f) => `${f.id} kev=${f.advisory!.kev}`)
      .sort();

  it('loads 40 advisories and the 1,404-entry KEV catalogue, counting what it could not use', () => {
    expect(real.sources.filter((s) => s.kind === 'csaf')).toHaveLength(40);
    expect(real.kev.size).toBe(1404);
    expect(real.problems.length).toBeGreaterThan(0); // GE prose, Dahua/ATI models in version fields
    expect(real.problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('finds exactly the vulnerable devices the curated feed finds, with the KEV flag from the catalogue', () => {
    const fromReal = vulnerable(real);
    expect(fromReal).toEqual(vulnerable(curated));
    expect(fromReal).toContain('known-vulnerability:bs-hill-plc:ICSA-23-348-15 kev=true');
    expect(fromReal).toContain('known-vulnerability:cam-murbruecke:ICSA-17-124-01 kev=false');
    expect(fromReal).toContain('known-vulnerability:rtu-ss-east:ICSA-24-116-01 kev=false');
  });

  it('leaves the city’s SEL-751A alone although SEL publishes SEL-751 advisories, and its SIPROTEC 4 7SJ64 although 7SJ66 is affected', () => {
    const ids = vulnerable(real).join('\n');
    expect(ids).not.toMatch(/relay-ss-east-2|relay-ss-north-1/);
  });
});
