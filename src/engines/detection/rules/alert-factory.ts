// Builds an Alert from what a rule saw. The dedupKey hashes the rule id and the triggering inputs
// (event ids, group, window), and the alert id hashes the dedupKey: the same inputs always give
// the same alert, so a redelivered event can never raise a second one.
import { createHash } from 'node:crypto';
import type { Alert, Event, Scalar } from '../../../domain/index.js';
import type { CompiledRule } from './compiled-rule.js';
import type { EventContext } from './event-context.js';
import type { TemplateData, WindowFacts } from './template.js';

/** What a detector hands the engine when its rule fires. */
export interface Trigger {
  rule: CompiledRule;
  /** The event that completed the pattern (read synchronously: it may be the engine's reused context). */
  ctx: EventContext;
  ts: number;
  eventIds: readonly string[];
  /** Everything that makes this firing unique, e.g. the ids of the events in the window. */
  inputs: string;
  groupKey?: string | undefined;
  prev?: EventContext | undefined;
  window?: WindowFacts | undefined;
  /** Further assets involved, e.g. every breaker in a burst. */
  assetIds?: readonly string[] | undefined;
}

const MAX_EVIDENCE_IDS = 100;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The deduplication key of a firing: rule id plus a hash of its inputs. */
export function dedupKeyOf(ruleId: string, inputs: string): string {
  return `${ruleId}:${sha256(inputs).slice(0, 32)}`;
}

/** The alert id belonging to a dedupKey. */
export function alertIdOf(dedupKey: string): string {
  return `al-${sha256(dedupKey).slice(0, 24)}`;
}

/** Who and what an event names, recorded as evidence and used by correlation to link alerts. */
export function entityFacts(e: Event): Record<string, Scalar> {
  switch (e.type) {
    case 'command':
      return pick({ command: e.command, user: e.actor.user, host: e.actor.host, srcIp: e.actor.ip, result: e.result });
    case 'auth':
      return pick({ user: e.user, srcIp: e.srcIp, method: e.method, outcome: e.outcome, mfa: e.mfa });
    case 'network':
      return pick({ srcIp: e.srcIp, dstIp: e.dstIp, dstPort: e.dstPort, protocol: e.protocol, action: e.action });
    case 'log':
      return pick({ host: e.host, app: e.app });
    default:
      return {};
  }
}

function pick(o: Record<string, Scalar | undefined>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

function scalar(v: unknown): Scalar | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(String).join(', ');
  return undefined;
}

/** Builds the alert for a firing whose dedupKey is already known. */
export function buildAlert(t: Trigger, dedupKey: string, cityName: string): Alert {
  const { rule, ctx } = t;
  const event = ctx.event;
  const asset = ctx.asset();
  const data: TemplateData = { ctx, prev: t.prev, window: t.window, rule: { id: rule.id, title: rule.title }, cityName };
  const facts = entityFacts(event);
  for (const p of rule.facts) {
    const v = scalar(p.get(ctx));
    if (v !== undefined) facts[p.text] = v;
  }
  if (t.window?.group) facts['group'] = t.window.group;
  const assetIds = new Set<string>();
  for (const id of [asset?.id ?? event.assetId, ctx.actorAsset()?.id, t.prev?.asset()?.id ?? t.prev?.event.assetId, ...(t.assetIds ?? [])]) {
    if (id) assetIds.add(id);
  }
  const district = asset?.district ?? event.district;
  return {
    id: alertIdOf(dedupKey),
    ts: t.ts,
    severity: rule.severity,
    detector: { kind: 'rule', id: rule.id, name: rule.title },
    technique: { id: rule.technique.id, name: rule.technique.name },
    tactic: rule.tactic,
    title: rule.title,
    explanation: {
      what: rule.explanation.what.render(data),
      why: rule.explanation.why.render(data),
      whatToDo: rule.explanation.whatToDo.map((s) => s.render(data)),
    },
    assetIds: [...assetIds],
    ...(district ? { district } : {}),
    evidence: {
      eventIds: t.eventIds.slice(-MAX_EVIDENCE_IDS),
      facts,
      ...(t.window ? { window: { fromTs: t.window.fromTs, toTs: t.window.toTs } } : {}),
    },
    dedupKey,
  };
}
