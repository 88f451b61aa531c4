// What importing one advisory file yields: normalised facts plus every entry that could not be used,
// each with where it is and why — counted and shown, never silently dropped.
import type { AdvisoryFact, KevFact } from '../../../domain/index.js';

/** One entry of an advisory file that was malformed or could not be used. */
export interface ImportProblem {
  /** Where in the file: "vulnerabilities[12]", "product_tree.branches[0].branches[1]". */
  readonly where: string;
  readonly message: string;
}

/** A CSAF product leaf normalised to vendor, product and affected versions. */
export interface CsafProduct {
  readonly productId: string;
  readonly vendor: string;
  readonly product: string;
  readonly versions: readonly string[];
  /** How the name was cleaned up, when it was ("product from the title: SEL-411L"). */
  readonly note?: string;
}

/** The result of importing a CISA KEV catalogue. */
export interface KevImport {
  readonly format: 'kev';
  readonly file: string;
  readonly catalogVersion: string | undefined;
  readonly declaredCount: number | undefined;
  readonly entries: number;
  readonly facts: readonly KevFact[];
  /** Malformed entries (skipped) and catalogue-level inconsistencies. */
  readonly problems: readonly ImportProblem[];
}

/** The result of importing one CSAF 2.0 advisory. */
export interface CsafImport {
  readonly format: 'csaf';
  readonly file: string;
  readonly advisoryId: string;
  readonly title: string;
  readonly published: string | undefined;
  readonly url: string | undefined;
  readonly products: readonly CsafProduct[];
  readonly vulnerabilities: number;
  readonly facts: readonly AdvisoryFact[];
  /** Well-formed entries we could not use honestly (prose as product name, no version stated). */
  readonly skipped: readonly ImportProblem[];
  /** Malformed entries: wrong types, missing ids, bad CVE ids, unknown product references. */
  readonly problems: readonly ImportProblem[];
}

/** Either import. */
export type AdvisoryImport = KevImport | CsafImport;

/** True for a plain JSON object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
