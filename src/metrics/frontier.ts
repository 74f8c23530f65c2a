// Cost–quality frontiers and router-quality scores (AIQ, APGR; METRICS.md). Pure functions.

export interface CostQuality {
  cost: number;
  quality: number;
}

/**
 * Non-dominated points when cost is to be minimised and quality maximised, cheapest first: a point
 * stays when no other point is at most as expensive and at least as good (and better in one).
 */
export function paretoFrontier<T extends CostQuality>(points: readonly T[]): T[] {
  const sorted = [...points].filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.quality)).sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const out: T[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.quality > best) {
      out.push(p);
      best = p.quality;
    }
  }
  return out;
}

/**
 * Vertices of the non-decreasing concave (upper convex) hull of points in the (cost, quality) plane,
 * cheapest first, extended flat to `extendTo` at the best quality: spending more never lowers the
 * best quality reachable, and mixing two operating points at random reaches any point on the
 * segment between them.
 */
export function nonDecreasingHull(points: readonly CostQuality[], extendTo = -Infinity): CostQuality[] {
  const finite = points.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.quality));
  if (finite.length === 0) return [];
  const best = Math.max(...finite.map((p) => p.quality));
  const right = Math.max(extendTo, ...finite.map((p) => p.cost));
  const all = [...finite, { cost: right, quality: best }].sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  // One point per cost (the best), then Andrew's monotone chain for the upper hull.
  const unique = all.filter((p, i) => i === 0 || p.cost !== all[i - 1]!.cost);
  const hull: CostQuality[] = [];
  for (const p of unique) {
    while (hull.length >= 2) {
      const o = hull[hull.length - 2]!;
      const a = hull[hull.length - 1]!;
      // Drop a when it lies on or below the segment o → p.
      const cross = (a.cost - o.cost) * (p.quality - o.quality) - (a.quality - o.quality) * (p.cost - o.cost);
      if (cross >= 0) hull.pop();
      else break;
    }
    hull.push(p);
  }
  return hull;
}

/**
 * AIQ (RouterBench): area under the non-decreasing convex hull of a system's (cost, quality) points
 * over the cost range [cmin, cmax], divided by cmax − cmin. Below the cheapest point the system has no
 * operating point, so the hull counts as 0 there (decision: METRICS.md is silent).
 */
export function aiq(points: readonly CostQuality[], range: [number, number]): number {
  const [cmin, cmax] = range;
  if (!(cmax > cmin)) return Number.NaN;
  const hull = nonDecreasingHull(points, cmax);
  if (hull.length === 0) return Number.NaN;
  let area = 0;
  for (let i = 0; i + 1 < hull.length; i++) {
    const p = hull[i]!;
    const q = hull[i + 1]!;
    const lo = Math.max(p.cost, cmin);
    const hi = Math.min(q.cost, cmax);
    if (hi <= lo) continue;
    const at = (c: number) => p.quality + ((q.quality - p.quality) * (c - p.cost)) / (q.cost - p.cost);
    area += ((at(lo) + at(hi)) / 2) * (hi - lo);
  }
  return area / (cmax - cmin);
}

/**
 * APGR (RouteLLM): the area under the router's performance-gap-recovered curve over x = the strong
 * agent's workload share, i.e. (AUC_R − AUC_weak)/(AUC_strong − AUC_weak) with AUC_weak = weak pass@1 and
 * AUC_strong = strong pass@1 (flat lines over x ∈ [0, 1]). The router's curve joins its operating
 * points with its sweep's ends: x = 0 is the weak agent alone, x = 1 the strong agent alone.
 * NaN when weak and strong score the same.
 */
export function apgr(operatingPoints: readonly { share: number; quality: number }[], weak: number, strong: number): number {
  if (!(Math.abs(strong - weak) > 1e-12)) return Number.NaN;
  const pts = [{ share: 0, quality: weak }, ...operatingPoints.filter((p) => p.share >= 0 && p.share <= 1), { share: 1, quality: strong }].sort((a, b) => a.share - b.share);
  let auc = 0;
  for (let i = 0; i + 1 < pts.length; i++) auc += ((pts[i]!.quality + pts[i + 1]!.quality) / 2) * (pts[i + 1]!.share - pts[i]!.share);
  return (auc - weak) / (strong - weak);
}
