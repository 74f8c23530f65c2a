/**
 * Wilson score interval for a binomial proportion (METRICS.md): centre (p̂ + z²/2n)/(1 + z²/n),
 * half-width z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n). Returns NaNs for n = 0.
 */
export function wilson(successes: number, n: number, z = 1.96): { p: number; low: number; high: number } {
  if (n === 0) return { p: Number.NaN, low: Number.NaN, high: Number.NaN };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
