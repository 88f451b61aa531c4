// Who should own which partition, from the set of live members alone, so every member computes the
// same answer without talking to the others: members sorted by id take partitions in turn. Each owns
// ⌊P/n⌋ or ⌈P/n⌉ partitions; when a member joins or leaves some partitions move, which the lease
// protocol (partition-leases.ts) carries out — release first, then the new owner claims.

/** The member each partition belongs to; undefined when there are no members. */
export function desiredOwner(members: readonly string[], partition: number): string | undefined {
  if (members.length === 0) return undefined;
  const sorted = [...members].sort();
  return sorted[partition % sorted.length];
}

/** Partitions per member, for every member (each list ascending). */
export function assignPartitions(members: readonly string[], partitions: number): Map<string, number[]> {
  const sorted = [...new Set(members)].sort();
  const out = new Map<string, number[]>(sorted.map((m) => [m, []]));
  for (let p = 0; p < partitions && sorted.length > 0; p++) out.get(sorted[p % sorted.length]!)!.push(p);
  return out;
}
