// Posture findings: a weakness of the city's inventory, configuration or software found without an
// attack happening — with the evidence behind it, the standards it maps to and what fixing it takes.
// The posture report bundles them with a risk score per asset and service and a remediation list.
import Type, { type Static } from 'typebox';
import { CveId } from './advisory.js';
import { Id, Scalar, Severity } from './common.js';

/** What kind of weakness a finding is. */
export const FINDING_CATEGORIES = [
  'inventory',
  'vulnerability',
  'end-of-life',
  'credentials',
  'plaintext-protocol',
  'exposed-management',
  'unsigned-firmware',
  'zone-crossing',
  'remote-access',
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];
export const FindingCategory = Type.Enum(FINDING_CATEGORIES);

/** One fact a check relied on, and where it was read. */
export const FindingEvidence = Type.Object(
  {
    source: Type.Union([
      Type.Literal('city-file'),
      Type.Literal('inventory-csv'),
      Type.Literal('observed'),
      Type.Literal('advisory'),
      Type.Literal('end-of-life-list'),
    ]),
    where: Type.String({ description: 'JSON path in the city file, advisory id, or observation' }),
    fact: Type.String({ minLength: 1, description: 'the fact in words' }),
    value: Type.Optional(Scalar),
  },
  { additionalProperties: false },
);
export type FindingEvidence = Static<typeof FindingEvidence>;

/** A NIST CSF 2.0 subcategory, e.g. PR.AA-01 in function PROTECT. */
export const CsfRef = Type.Object(
  {
    function: Type.Union([
      Type.Literal('GV'),
      Type.Literal('ID'),
      Type.Literal('PR'),
      Type.Literal('DE'),
      Type.Literal('RS'),
      Type.Literal('RC'),
    ]),
    category: Type.String({ pattern: '^(GV|ID|PR|DE|RS|RC)\\.[A-Z]{2}$' }),
    subcategory: Type.String({ pattern: '^(GV|ID|PR|DE|RS|RC)\\.[A-Z]{2}-[0-9]{2}$' }),
    name: Type.String(),
  },
  { additionalProperties: false },
);
export type CsfRef = Static<typeof CsfRef>;

/** An IEC 62443 requirement: a system requirement of 62443-3-3 ("SR 1.5") or another part ("62443-2-3"). */
export const Iec62443Ref = Type.Object(
  { id: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);
export type Iec62443Ref = Static<typeof Iec62443Ref>;

/** How much work a fix is, for planning: minutes on one device, a planned change, or a project. */
export const Effort = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);
export type Effort = Static<typeof Effort>;

/** The advisory behind a vulnerability finding. */
export const FindingAdvisory = Type.Object(
  {
    advisoryId: Type.String(),
    source: Type.String(),
    cves: Type.Array(CveId),
    maxCvss: Type.Number({ minimum: 0, maximum: 10 }),
    kev: Type.Boolean(),
    fixedVersion: Type.Optional(Type.String()),
    matchedProduct: Type.String({ description: 'vendor / product / version range that matched' }),
  },
  { additionalProperties: false },
);
export type FindingAdvisory = Static<typeof FindingAdvisory>;

/** One posture finding. `id` is stable across runs for the same weakness on the same assets. */
export const Finding = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    check: Type.String({ minLength: 1, description: 'the check that found it, e.g. default-credentials' }),
    category: FindingCategory,
    severity: Severity,
    title: Type.String({ minLength: 1 }),
    why: Type.String({ minLength: 1, description: 'why it matters, in plain words' }),
    assetIds: Type.Array(Id),
    zones: Type.Array(Id, { default: [] }),
    evidence: Type.Array(FindingEvidence, { minItems: 1 }),
    advisory: Type.Optional(FindingAdvisory),
    fix: Type.String({ minLength: 1, description: 'what to do, in one or two sentences' }),
    effort: Effort,
    csf: Type.Array(CsfRef, { minItems: 1 }),
    iec62443: Type.Array(Iec62443Ref, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type Finding = Static<typeof Finding>;

/** Risk of one asset: likelihood (exposure × weakness) times impact (criticality, people), 0–100. */
export const AssetRisk = Type.Object(
  {
    assetId: Id,
    score: Type.Number({ minimum: 0, maximum: 100 }),
    exposure: Type.Number({ minimum: 0, maximum: 1 }),
    weakness: Type.Number({ minimum: 0, maximum: 1 }),
    impact: Type.Number({ minimum: 0, maximum: 1 }),
    peopleDepending: Type.Integer({ minimum: 0 }),
    findingIds: Type.Array(Type.String()),
    reasons: Type.Array(Type.String(), { description: 'the factors behind the score, in words' }),
  },
  { additionalProperties: false },
);
export type AssetRisk = Static<typeof AssetRisk>;

/** Risk of one public service: its riskiest dependency, weighted by the people it serves. */
export const ServiceRisk = Type.Object(
  {
    serviceId: Id,
    name: Type.String(),
    score: Type.Number({ minimum: 0, maximum: 100 }),
    peopleServed: Type.Integer({ minimum: 0 }),
    riskiestAssets: Type.Array(Id),
    findingCount: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type ServiceRisk = Static<typeof ServiceRisk>;

/** When to fix: now (this week), next (this quarter's plan), later (when touching the system anyway). */
export const RemediationPriority = Type.Union([
  Type.Literal('now'),
  Type.Literal('next'),
  Type.Literal('later'),
]);
export type RemediationPriority = Static<typeof RemediationPriority>;

/** One line of the remediation list: an action covering one or more findings. */
export const RemediationItem = Type.Object(
  {
    priority: RemediationPriority,
    action: Type.String({ minLength: 1 }),
    how: Type.String({ minLength: 1, description: 'how to do it, in plain words' }),
    effort: Effort,
    assetIds: Type.Array(Id),
    findingIds: Type.Array(Type.String(), { minItems: 1 }),
    riskScore: Type.Number({ minimum: 0, maximum: 100, description: 'highest asset risk the action lowers' }),
    reason: Type.String({ description: 'why it sits at this priority' }),
  },
  { additionalProperties: false },
);
export type RemediationItem = Static<typeof RemediationItem>;

/** The posture report of a city: findings, risk per asset and service, and what to fix in which order. */
export const PostureReport = Type.Object(
  {
    city: Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false }),
    asOf: Type.String({ format: 'date', description: 'the day end-of-life dates were compared with' }),
    inventory: Type.Object(
      {
        declared: Type.Integer({ minimum: 0 }),
        discovered: Type.Integer({ minimum: 0 }),
        imported: Type.Integer({ minimum: 0, description: 'assets added from an inventory CSV' }),
      },
      { additionalProperties: false },
    ),
    advisories: Type.Object(
      {
        facts: Type.Integer({ minimum: 0 }),
        endOfLife: Type.Integer({ minimum: 0 }),
        kev: Type.Integer({ minimum: 0 }),
        sources: Type.Array(Type.String()),
      },
      { additionalProperties: false },
    ),
    counts: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
      description: 'findings per severity',
    }),
    findings: Type.Array(Finding),
    assets: Type.Array(AssetRisk),
    services: Type.Array(ServiceRisk),
    remediation: Type.Array(RemediationItem),
  },
  { additionalProperties: false },
);
export type PostureReport = Static<typeof PostureReport>;
