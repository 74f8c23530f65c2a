// For property tests: arbitrary input may be refused, but only with one of the project's typed errors.
import { expect } from 'vitest';
import { SaleError } from '../../src/errors.ts';

/** Run `fn`; a throw must be a SaleError (ConfigError, …). Returns the value, or undefined when refused. */
export function typedOrValue<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    expect(SaleError.isInstance(e), `not a typed error: ${(e as Error)?.stack ?? String(e)}`).toBe(true);
    return undefined;
  }
}

export async function typedOrValueAsync<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    expect(SaleError.isInstance(e), `not a typed error: ${(e as Error)?.stack ?? String(e)}`).toBe(true);
    return undefined;
  }
}
