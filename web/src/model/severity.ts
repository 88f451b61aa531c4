// Severity order for sorting (the domain's order: info < low < medium < high < critical).
import type { Severity } from '../../../src/domain/index.js';

const ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** 0 for info … 4 for critical. */
export function severityOrder(s: Severity): number {
  return ORDER.indexOf(s);
}
