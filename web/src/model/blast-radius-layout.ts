// Lays out the blast radius for drawing: every node of the incident's dependency paths in a column
// by its furthest position on any path (devices first, services last), and the edges between them.
import type { AffectedService } from '../../../src/domain/index.js';

/** A node of the graph: a device or service id, its column and its row in that column. */
export interface BlastNode {
  id: string;
  depth: number;
  row: number;
  service?: AffectedService;
}

/** Lays out every node of the dependency paths in columns by its furthest position on any path. */
export function layoutBlastRadius(services: readonly AffectedService[]): { nodes: BlastNode[]; edges: Array<[string, string]> } {
  const depth = new Map<string, number>();
  const edges = new Map<string, [string, string]>();
  for (const s of services) {
    const path = s.via.at(-1) === s.serviceId ? s.via : [...s.via, s.serviceId];
    path.forEach((id, i) => depth.set(id, Math.max(depth.get(id) ?? 0, i)));
    for (let i = 1; i < path.length; i++) edges.set(`${path[i - 1]}>${path[i]}`, [path[i - 1]!, path[i]!]);
  }
  const byService = new Map(services.map((s) => [s.serviceId, s]));
  const rows = new Map<number, number>();
  const nodes = [...depth.entries()].map(([id, d]) => {
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    const service = byService.get(id);
    return { id, depth: d, row, ...(service ? { service } : {}) };
  });
  return { nodes, edges: [...edges.values()] };
}

