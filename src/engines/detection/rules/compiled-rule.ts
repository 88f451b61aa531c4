// A rule after loading: every path, condition and template compiled, frozen, ready for the engine.
// Compiled rules hold no state; each RuleEngine keeps its own windows, so one set serves many engines.
import type { AssetKind, AssetSelector, EventType, IcsTactic, Rule, RulePattern, Severity } from '../../../domain/index.js';
import type { ConditionNode, ConditionTrace } from './condition.js';
import type { EventContext } from './event-context.js';
import type { FieldPath } from './field-path.js';
import type { CompiledTemplate } from './template.js';

/** Which events a rule or step looks at, compiled. The engine's index checks type and kind first. */
export interface CompiledFilter {
  readonly type: EventType;
  /** Asset kinds the scope allows; undefined means any asset (or none). */
  readonly kinds: readonly AssetKind[] | undefined;
  readonly scope: AssetSelector | undefined;
  readonly text: string;
  /** Scope and conditions (type and kind are the index's job). */
  test(ctx: EventContext): boolean;
  /** Why the event passes or not, for diagnostics. */
  explain(ctx: EventContext): ConditionTrace & { inScope: boolean };
  readonly where: ConditionNode | undefined;
}

/** A loaded, compiled rule. */
export interface CompiledRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly enabled: boolean;
  readonly technique: { readonly id: string; readonly name: string };
  readonly tactic: IcsTactic;
  readonly pattern: RulePattern;
  /** The rule as written (frozen), for display and examples. */
  readonly source: Rule;
  readonly file: string;
  readonly match: CompiledFilter;
  readonly threshold?: { readonly count: number; readonly withinMs: number; readonly groupBy: readonly FieldPath[]; readonly distinct?: FieldPath };
  readonly sequence?: {
    readonly after: CompiledFilter;
    readonly withinMs: number;
    /** Alternative key pairs (the first from by/afterBy); the events pair when any one matches. */
    readonly keys: ReadonlyArray<{ readonly by: readonly FieldPath[]; readonly afterBy: readonly FieldPath[] }>;
  };
  readonly absence?: {
    readonly missing: CompiledFilter;
    readonly withinMs: number;
    readonly graceMs: number;
    readonly by: readonly FieldPath[];
    readonly missingBy: readonly FieldPath[];
  };
  readonly silence?: { readonly forMs: number };
  readonly suppress: { readonly forMs: number; readonly by: readonly FieldPath[] | undefined };
  readonly facts: readonly FieldPath[];
  readonly explanation: { readonly what: CompiledTemplate; readonly why: CompiledTemplate; readonly whatToDo: readonly CompiledTemplate[] };
}
