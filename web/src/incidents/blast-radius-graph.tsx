// The blast radius as a graph: from the devices the attack touched, along the dependency paths the
// platform found, to the public services they carry and the people those serve. Drawn as SVG
// columns (devices on the left, services on the right); the list below says the same in words.
import type { AffectedService } from '../../../src/domain/index.js';
import { layoutBlastRadius } from '../model/blast-radius-layout.js';
import { formatPeople } from '../model/plain-words.js';

const NODE_W = 210;
const NODE_H = 46;
const COL_GAP = 70;
const ROW_GAP = 12;

function short(text: string, max = 28): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The graph and its word version. `names` maps device ids to names. */
export function BlastRadiusGraph({ services, names }: { services: readonly AffectedService[]; names: ReadonlyMap<string, string> }) {
  if (services.length === 0) return <p>No public service is reached from the devices involved.</p>;
  const { nodes, edges } = layoutBlastRadius(services);
  const columns = Math.max(...nodes.map((n) => n.depth)) + 1;
  const maxRows = Math.max(...[...Array(columns).keys()].map((c) => nodes.filter((n) => n.depth === c).length));
  const width = columns * NODE_W + (columns - 1) * COL_GAP + 8;
  const height = maxRows * (NODE_H + ROW_GAP) + 8;
  const at = new Map(nodes.map((n) => [n.id, { x: 4 + n.depth * (NODE_W + COL_GAP), y: 4 + n.row * (NODE_H + ROW_GAP) }]));
  const total = Math.max(...services.map((s) => s.peopleServed));
  return (
    <>
      <svg
        className="blast-graph"
        viewBox={`0 0 ${width} ${height}`}
        style={{ maxWidth: width }}
        role="img"
        aria-label={`Dependency graph: ${nodes.filter((n) => !n.service).length} devices lead to ${services.length} services serving up to ${formatPeople(total)}.`}
        data-testid="blast-graph"
      >
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#3d4a57" />
          </marker>
        </defs>
        {edges.map(([from, to]) => {
          const a = at.get(from)!;
          const b = at.get(to)!;
          const x1 = a.x + NODE_W;
          const y1 = a.y + NODE_H / 2;
          const x2 = b.x - 2;
          const y2 = b.y + NODE_H / 2;
          const mid = (x1 + x2) / 2;
          return <path key={`${from}>${to}`} d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`} fill="none" stroke="#3d4a57" strokeWidth="1.5" markerEnd="url(#arrow)" />;
        })}
        {nodes.map((n) => {
          const p = at.get(n.id)!;
          const name = n.service ? n.service.name : (names.get(n.id) ?? n.id);
          return (
            <g key={n.id} transform={`translate(${p.x},${p.y})`} className={n.service ? 'node service' : 'node device'}>
              <title>{name}</title>
              <rect width={NODE_W} height={NODE_H} rx={n.service ? 12 : 3} />
              <text x="10" y="19">
                {short(name)}
              </text>
              <text x="10" y="37" className="sub">
                {n.service ? formatPeople(n.service.peopleServed) : n.depth === 0 ? 'device involved' : 'depends on it'}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="blast-list">
        {services.map((s) => (
          <li key={s.serviceId}>
            <strong>{s.name}</strong> ({formatPeople(s.peopleServed)}) — reached through {s.via.filter((id) => id !== s.serviceId).map((id) => names.get(id) ?? id).join(' → ')}
          </li>
        ))}
      </ul>
    </>
  );
}
