import { expect } from 'vitest';
import { ConfigError } from '../../src/errors.ts';

/** Run `fn`, expect it to throw a ConfigError, and return the problems it lists. */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}
