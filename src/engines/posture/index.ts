// The posture engine: inventory (declared, CSV, discovered), advisories (CISA KEV, CSAF 2.0, our
// curated feed), matching by vendor AND product AND version range, configuration audit with
// evidence, risk per asset and service, and the ordered remediation list. Usable on its own.
export { postureReport, auditFindings, type PostureOptions } from './report/posture-report.js';
export { renderPostureReport, type RenderOptions } from './report/render-report.js';
export {
  loadAdvisoryFeed,
  buildAdvisoryFeed,
  curatedFacts,
  type AdvisoryFeed,
  type FeedSource,
} from './advisories/advisory-feed.js';
export { importAdvisoryFile, importAdvisoryText } from './advisories/advisory-file.js';
export { importKev, looksLikeKev } from './advisories/kev-import.js';
export { importCsaf, looksLikeCsaf } from './advisories/csaf-import.js';
export { parseFeedText, checkFeedFile } from './advisories/feed-file.js';
export { feedFileFromImport } from './advisories/feed-writer.js';
export type {
  AdvisoryImport,
  CsafImport,
  CsafProduct,
  ImportProblem,
  KevImport,
} from './advisories/advisory-import.js';
export { AdvisoryMatcher, type AdvisoryMatch } from './matching/advisory-matcher.js';
export { endOfLifeMatches, type EndOfLifeMatch } from './matching/end-of-life.js';
export {
  importInventoryCsv,
  REQUIRED_COLUMNS,
  OPTIONAL_COLUMNS,
  type InventoryImport,
  type InventoryRowError,
} from './inventory/inventory-csv.js';
export {
  mergeInventory,
  isPrivateAddress,
  type Inventory,
  type AssetOrigin,
} from './inventory/inventory-merge.js';
export {
  parseObservations,
  type Observations,
  type ObservedDevice,
  type ObservedFlow,
  type ObservationProblem,
} from './inventory/observations.js';
export { deviceIdentities, type DeviceIdentity } from './inventory/device-identity.js';
export { CHECKS, type CheckId, type CheckDefinition } from './audit/check-catalogue.js';
export { DEFAULT_POSTURE_POLICY, type PosturePolicy } from './risk/posture-policy.js';
export { ProductNames, type ProductMatch } from './names/product-names.js';
export { parseVersion, compareToBound, compareVersions, type Version } from './version/version.js';
export {
  parseVersionRange,
  rangeContains,
  type VersionRange,
  type VersionConstraint,
} from './version/version-range.js';
