// Forwarding for rules that span assets. The event stream is partitioned by asset; a rule keyed by
// anything else (a user, a source address, a set of substations) runs on the routed-event topic,
// in the partition its rule id hashes to, and gets every event that passes one of its filters —
// from every event partition, each stream in its own order. Message ids make a forward repeated
// after a failure (a partition replayed from its checkpoint) a duplicate the stream drops.
import type { Event } from '../../domain/index.js';
import type { CompiledRule, RuleRouter } from '../../engines/detection/index.js';
import { TOPICS, type NatsBus } from '../../platform/bus/index.js';

/** Rules spanning assets that run in a routed partition. */
export function rulesOfRoutedPartition(rules: readonly CompiledRule[], bus: NatsBus, partition: number): CompiledRule[] {
  return rules.filter((r) => bus.partitionOf(r.id) === partition);
}

/** Sends each event to the routed partitions of the rules it matters to. */
export class EventForwarder {
  constructor(
    private readonly bus: NatsBus,
    private readonly router: RuleRouter,
  ) {}

  /** Publishes and resolves once every forward is stored; returns how many messages went. */
  async forward(events: readonly Event[]): Promise<number> {
    const sends: Promise<void>[] = [];
    for (const e of events) {
      const rules = this.router.route(e);
      if (rules.length === 0) continue;
      const targets = new Set<number>();
      for (const r of rules) {
        const q = this.bus.partitionOf(r.id);
        if (targets.has(q)) continue;
        targets.add(q);
        // The rule id as key puts the message on that rule's partition.
        sends.push(this.bus.publish(TOPICS.eventRouted, e, { key: r.id, id: `${e.id}@${q}` }));
      }
    }
    await Promise.all(sends);
    return sends.length;
  }
}
