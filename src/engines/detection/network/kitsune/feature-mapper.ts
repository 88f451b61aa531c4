// Kitsune's feature mapper (NDSS 2018 §IV-C): during a grace period it tracks the correlation
// between features incrementally, then clusters them hierarchically (single linkage on
// 1 − correlation) and cuts the tree into groups of at most `maxGroupSize` features, each of
// which gets its own small autoencoder.

/** Incremental correlation statistics over feature vectors. */
export class FeatureCorrelation {
  private n = 0;
  private readonly sum: Float64Array;
  private readonly sumSq: Float64Array;
  private readonly products: Float64Array;
  private readonly residual: Float64Array;

  constructor(readonly size: number) {
    this.sum = new Float64Array(size);
    this.sumSq = new Float64Array(size);
    this.products = new Float64Array(size * size);
    this.residual = new Float64Array(size);
  }

  /** Adds one feature vector (residuals against the running mean, as corClust does). */
  add(x: Float64Array): void {
    const m = this.size;
    this.n++;
    for (let i = 0; i < m; i++) {
      this.sum[i]! += x[i]!;
      const r = x[i]! - this.sum[i]! / this.n;
      this.residual[i] = r;
      this.sumSq[i]! += r * r;
    }
    const p = this.products;
    const r = this.residual;
    for (let i = 0; i < m; i++) {
      const ri = r[i]!;
      if (ri === 0) continue;
      const row = i * m;
      for (let j = i; j < m; j++) p[row + j]! += ri * r[j]!;
    }
  }

  /** Correlation distance 1 − |ρ| clipped to [0, 1] between features i < j (1 when either is constant). */
  distance(i: number, j: number): number {
    const [a, b] = i < j ? [i, j] : [j, i];
    const denom = Math.sqrt(this.sumSq[a]! * this.sumSq[b]!);
    if (denom <= 0) return 1;
    const d = 1 - this.products[a * this.size + b]! / denom;
    return d < 0 ? 0 : d > 1 ? 1 : d;
  }

  /** Groups of feature indexes, each at most `maxGroupSize` long, from the single-linkage tree. */
  groups(maxGroupSize: number): number[][] {
    const tree = singleLinkage(this.size, (i, j) => this.distance(i, j));
    const out: number[][] = [];
    const cut = (node: TreeNode) => {
      if (node.leaves.length <= maxGroupSize) out.push(node.leaves);
      else {
        cut(node.left!);
        cut(node.right!);
      }
    };
    cut(tree);
    return out;
  }
}

interface TreeNode {
  leaves: number[];
  left?: TreeNode;
  right?: TreeNode;
}

/** Single-linkage agglomerative clustering; O(n²) memory, O(n³) time — fine for n ≈ 115. */
function singleLinkage(n: number, distance: (i: number, j: number) => number): TreeNode {
  const clusters: TreeNode[] = Array.from({ length: n }, (_, i) => ({ leaves: [i] }));
  const d: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? Infinity : distance(i, j))));
  const alive = clusters.map((_, i) => i);
  while (alive.length > 1) {
    let best = Infinity;
    let bi = 0;
    let bj = 1;
    for (let x = 0; x < alive.length; x++) {
      for (let y = x + 1; y < alive.length; y++) {
        const v = d[alive[x]!]![alive[y]!]!;
        if (v < best) [best, bi, bj] = [v, x, y];
      }
    }
    const i = alive[bi]!;
    const j = alive[bj]!;
    clusters[i] = { leaves: [...clusters[i]!.leaves, ...clusters[j]!.leaves], left: clusters[i]!, right: clusters[j]! };
    for (const k of alive) d[i]![k] = d[k]![i] = k === i ? Infinity : Math.min(d[i]![k]!, d[j]![k]!);
    alive.splice(bj, 1);
  }
  return clusters[alive[0]!]!;
}
