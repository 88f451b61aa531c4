// Groups features that move together, as KitNET's feature mapper does: agglomerative clustering on
// correlation distance (1 − |ρ|), average linkage, never letting a group grow past `maxSize`.

/** Clusters the d columns of row-major `data` (n × d); each cluster lists column indices. */
export function correlationClusters(data: Float64Array, n: number, d: number, maxSize: number): number[][] {
  const dist = correlationDistance(data, n, d);
  let clusters = Array.from({ length: d }, (_, i) => [i]);
  for (;;) {
    let best = Infinity;
    let pair: [number, number] | null = null;
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        if (clusters[a]!.length + clusters[b]!.length > maxSize) continue;
        const link = averageLink(dist, d, clusters[a]!, clusters[b]!);
        if (link < best) {
          best = link;
          pair = [a, b];
        }
      }
    }
    if (pair === null || best >= 1) return clusters;
    const [a, b] = pair;
    const merged = [...clusters[a]!, ...clusters[b]!].sort((x, y) => x - y);
    clusters = clusters.filter((_, i) => i !== a && i !== b);
    clusters.push(merged);
  }
}

function averageLink(dist: Float64Array, d: number, a: number[], b: number[]): number {
  let sum = 0;
  for (const i of a) for (const j of b) sum += dist[i * d + j]!;
  return sum / (a.length * b.length);
}

function correlationDistance(data: Float64Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j]! += data[r * d + j]! / n;
  const cov = new Float64Array(d * d);
  for (let r = 0; r < n; r++) {
    const o = r * d;
    for (let a = 0; a < d; a++) {
      const da = data[o + a]! - mean[a]!;
      for (let b = a; b < d; b++) cov[a * d + b]! += da * (data[o + b]! - mean[b]!);
    }
  }
  const dist = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const denom = Math.sqrt(cov[a * d + a]! * cov[b * d + b]!);
      const rho = denom > 0 ? cov[a * d + b]! / denom : 0;
      dist[a * d + b] = dist[b * d + a] = 1 - Math.abs(rho);
    }
  }
  return dist;
}
