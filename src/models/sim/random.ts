import { createHash } from 'node:crypto';

/** A uniform number in [0, 1) derived from a key: the same key always gives the same number. */
export function hashUniform(...key: (string | number)[]): number {
  const digest = createHash('sha256').update(key.join('\u241f')).digest();
  // 48 bits are plenty and exact in a double.
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** A standard normal number derived from a key (Box–Muller on two hashed uniforms). */
export function hashNormal(...key: (string | number)[]): number {
  const u1 = Math.max(hashUniform(...key, 'u1'), 1e-12);
  const u2 = hashUniform(...key, 'u2');
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const y =
    1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}
