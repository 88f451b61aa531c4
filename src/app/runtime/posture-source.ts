// The posture report the API serves: the advisory feed is loaded once at start, the report is
// recomputed at most once a minute (it takes ~0.1 s for the sample city).
import type { CityModel, PostureReport, RuntimeConfig } from '../../domain/index.js';
import { loadAdvisoryFeed, postureReport } from '../../engines/posture/index.js';
import type { Clock } from '../../platform/clock/index.js';
import { contentPath } from './paths.js';

const REFRESH_MS = 60_000;

/** Returns a function giving the current report; throws at start if a feed file is unusable. */
export function createPostureSource(config: RuntimeConfig, city: CityModel, clock: Clock): () => PostureReport {
  // Vendor aliases and product families live beside the curated feed; always include them.
  const paths = config.advisories ? [...config.advisories, contentPath('advisories', 'vendor-names.yaml')] : [contentPath('advisories')];
  const feed = loadAdvisoryFeed(paths);
  let cached: { report: PostureReport; atMs: number } | undefined;
  return () => {
    const now = clock.now();
    if (!cached || now - cached.atMs > REFRESH_MS) {
      cached = { report: postureReport(city, feed, { asOf: new Date(now).toISOString().slice(0, 10) }), atMs: now };
    }
    return cached.report;
  };
}
