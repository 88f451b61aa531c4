// Which rules can run beside a partition of the event stream. The stream is partitioned by asset id,
// so a rule whose windows and suppression are all keyed by the asset sees every event it needs in one
// partition ("asset-local"). Any other rule — a threshold grouped by source address, a sequence from
// the VPN gateway to a console, suppression by user — needs events from every partition, and runs
// where they are brought together (RuleRouter picks the events it needs).
import type { CompiledRule } from './compiled-rule.js';
import type { FieldPath } from './field-path.js';

/** True for a path that names the event's own asset. */
function isAssetPath(p: FieldPath): boolean {
  return p.text === 'assetId' || p.text === 'asset.id';
}

const keyedByAsset = (paths: readonly FieldPath[]) => paths.some(isAssetPath);

/** Suppression without `by` keys by the firing's group, else by its asset. */
function suppressionLocal(rule: CompiledRule, groupLocal: boolean): boolean {
  return rule.suppress.by === undefined ? groupLocal : keyedByAsset(rule.suppress.by);
}

/** True when every piece of the rule's state is keyed by the asset the event is about. */
export function isAssetLocal(rule: CompiledRule): boolean {
  switch (rule.pattern) {
    case 'threshold':
      return suppressionLocal(rule, keyedByAsset(rule.threshold!.groupBy));
    case 'sequence':
      return suppressionLocal(rule, rule.sequence!.keys.every((k) => keyedByAsset(k.by) && keyedByAsset(k.afterBy)));
    case 'absence':
      return suppressionLocal(rule, keyedByAsset(rule.absence!.by) && keyedByAsset(rule.absence!.missingBy));
    default:
      // Single events and silences are keyed by the asset (no group); suppression may say otherwise.
      return suppressionLocal(rule, true);
  }
}

/** Splits a rule set into asset-local rules and those that need events from every partition. */
export function splitByLocality(rules: readonly CompiledRule[]): { local: CompiledRule[]; global: CompiledRule[] } {
  const local: CompiledRule[] = [];
  const global: CompiledRule[] = [];
  for (const r of rules) if (r.enabled) (isAssetLocal(r) ? local : global).push(r);
  return { local, global };
}
