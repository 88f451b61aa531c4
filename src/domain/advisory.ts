// Advisory facts: what a vulnerability advisory or end-of-life notice says about a vendor's product
// and version range, normalised from CSAF 2.0, the CISA KEV catalogue or our curated feed
// (content/advisories). Version ranges stay text here; the posture engine parses and compares them.
import Type, { type Static } from 'typebox';

/** A CVE id, e.g. CVE-2023-0452 (the number part may have more than four digits). */
export const CveId = Type.String({ pattern: '^CVE-[0-9]{4}-[0-9]{4,19}$', description: 'CVE id' });
export type CveId = Static<typeof CveId>;

/** Where an advisory fact came from. */
export const AdvisorySource = Type.Union([
  Type.Literal('csaf'),
  Type.Literal('kev'),
  Type.Literal('curated'),
]);
export type AdvisorySource = Static<typeof AdvisorySource>;

const versionRange = Type.String({
  minLength: 1,
  description:
    'a version range: "< 3.2.23", ">= 5.3.1 build 150410 | <= 5.4.4 build 161125", "vers:generic/>=1.0|<2.0", "vers:all/*", or an exact version',
});

/** One vendor product and the versions an advisory says are affected. */
export const AdvisoryProduct = Type.Object(
  {
    vendor: Type.String({ minLength: 1, description: 'vendor as the advisory names it' }),
    product: Type.String({ minLength: 1, description: 'product or model as the advisory names it' }),
    versions: Type.Array(versionRange, {
      minItems: 1,
      description: 'affected versions; any one range matching is enough',
    }),
    fixed: Type.Optional(
      Type.String({ minLength: 1, description: 'first version without the vulnerability' }),
    ),
  },
  { additionalProperties: false },
);
export type AdvisoryProduct = Static<typeof AdvisoryProduct>;

/** One vulnerability of an advisory, with its score. */
export const AdvisoryVulnerability = Type.Object(
  {
    cve: CveId,
    title: Type.Optional(Type.String()),
    cvss: Type.Number({ minimum: 0, maximum: 10, description: 'CVSS v3 base score' }),
    vector: Type.Optional(Type.String({ pattern: '^CVSS:3\\.[01]/' })),
    kev: Type.Boolean({
      default: false,
      description: 'listed in the CISA Known Exploited Vulnerabilities catalogue',
    }),
    products: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'products of the advisory it affects (default: all of them)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AdvisoryVulnerability = Static<typeof AdvisoryVulnerability>;

/** An advisory in our curated feed format: products and versions, vulnerabilities, remediation. */
export const CuratedAdvisory = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'the publisher’s id, e.g. ICSA-23-026-02' }),
    source: Type.Union([Type.Literal('csaf'), Type.Literal('vendor')], {
      description: 'the format the facts were verified in',
    }),
    title: Type.String({ minLength: 1 }),
    published: Type.Optional(Type.String({ format: 'date' })),
    url: Type.Optional(Type.String()),
    products: Type.Array(AdvisoryProduct, { minItems: 1 }),
    vulnerabilities: Type.Array(AdvisoryVulnerability, { minItems: 1 }),
    remediation: Type.Optional(
      Type.String({ description: 'what the vendor or CISA recommends, in a sentence' }),
    ),
  },
  { additionalProperties: false },
);
export type CuratedAdvisory = Static<typeof CuratedAdvisory>;

/** A vendor under every name advisories and cities use for it ("Moxa Inc.", "MOXA"). */
export const VendorAliases = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    aliases: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    software: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'software products of this vendor that run on other vendors’ hardware, e.g. Windows',
    }),
  },
  { additionalProperties: false },
);
export type VendorAliases = Static<typeof VendorAliases>;

/** A product family an advisory names as a whole ("RTU500 series") with its member models, listed explicitly. */
export const ProductFamily = Type.Object(
  {
    vendors: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: 'every vendor name the family was sold under',
    }),
    family: Type.String({ minLength: 1 }),
    aliases: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'other names advisories use for the family',
    }),
    members: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    source: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type ProductFamily = Static<typeof ProductFamily>;

/** A product whose vendor support has ended. */
export const EndOfLifeEntry = Type.Object(
  {
    vendor: Type.String({ minLength: 1 }),
    product: Type.String({
      minLength: 1,
      description: 'product as named in firmware or model strings, e.g. Windows 10 Enterprise 22H2',
    }),
    versions: Type.Optional(
      Type.Array(versionRange, { description: 'affected versions (default: every version)' }),
    ),
    endOfLife: Type.String({ format: 'date', description: 'last day of vendor support, YYYY-MM-DD' }),
    replacement: Type.Optional(Type.String()),
    source: Type.String({ minLength: 1, description: 'where the date is published' }),
  },
  { additionalProperties: false },
);
export type EndOfLifeEntry = Static<typeof EndOfLifeEntry>;

/** One entry of the CISA KEV catalogue, as kept in our feed. */
export const KevFact = Type.Object(
  {
    cve: CveId,
    vendor: Type.String({ minLength: 1 }),
    product: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    dateAdded: Type.String({ format: 'date' }),
    dueDate: Type.Optional(Type.String({ format: 'date' })),
    ransomware: Type.Boolean({ default: false, description: 'knownRansomwareCampaignUse is "Known"' }),
  },
  { additionalProperties: false },
);
export type KevFact = Static<typeof KevFact>;

/** A feed file of content/advisories (or a city's own feed folder); every section is optional. */
export const AdvisoryFeedFile = Type.Object(
  {
    feed: Type.Object(
      {
        name: Type.String({ minLength: 1 }),
        updated: Type.String({ format: 'date' }),
        description: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
    vendors: Type.Array(VendorAliases, { default: [] }),
    families: Type.Array(ProductFamily, { default: [] }),
    advisories: Type.Array(CuratedAdvisory, { default: [] }),
    endOfLife: Type.Array(EndOfLifeEntry, { default: [] }),
    kev: Type.Array(KevFact, { default: [] }),
  },
  { additionalProperties: false },
);
export type AdvisoryFeedFile = Static<typeof AdvisoryFeedFile>;

/** One normalised fact: a vendor product, its affected versions and one vulnerability. Matching uses these only. */
export const AdvisoryFact = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'advisory id / CVE / product index' }),
    advisoryId: Type.String({ minLength: 1 }),
    source: AdvisorySource,
    title: Type.String({ minLength: 1 }),
    vendor: Type.String({ minLength: 1 }),
    product: Type.String({ minLength: 1 }),
    versions: Type.Array(versionRange, { minItems: 1 }),
    fixedVersion: Type.Optional(Type.String()),
    cve: CveId,
    cvss: Type.Number({ minimum: 0, maximum: 10 }),
    vector: Type.Optional(Type.String()),
    kev: Type.Boolean(),
    remediation: Type.Optional(Type.String()),
    url: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type AdvisoryFact = Static<typeof AdvisoryFact>;
