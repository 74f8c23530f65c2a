// Property tests of the configuration loader: arbitrary YAML text, arbitrary values at any key of the
// bundled files, and arbitrary hosts never throw anything but a ConfigError.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { typedOrValue } from '../../tests/support/typed-errors.ts';
import { agentsFlag, binsFlag, intFlag, isolationFlag } from '../cli/options.ts';
import { DEFAULT_CONFIG_DIR, loadConfig, normaliseHost } from './load.ts';
import { agentsFileSchema, suitesFileSchema } from './schema.ts';
import { parseYamlText } from './yaml-file.ts';

const FILES = ['agents.yaml', 'ollama.yaml', 'suites.yaml', 'sim.yaml'];

/** Every key path of a parsed YAML value. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v as Record<string, unknown>);
  return [prefix, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
}

describe('config loader (property)', () => {
  it('arbitrary YAML text for each schema: a value or a ConfigError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue().map((v) => stringify(v))), (text) => {
        typedOrValue(() => parseYamlText(text, 'agents.yaml', agentsFileSchema));
        typedOrValue(() => parseYamlText(text, 'suites.yaml', suitesFileSchema));
      }),
      { numRuns: 300 },
    );
  });

  it('any key of the bundled files set to an arbitrary value: loads, or a ConfigError naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-cfg-prop-'));
    cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
    const originals = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(DEFAULT_CONFIG_DIR, f), 'utf8')]));
    const keyPaths = Object.fromEntries(FILES.map((f) => [f, paths(parseDocument(originals[f]!).toJS()).filter((p) => p.length > 0)]));
    fc.assert(
      fc.property(fc.constantFrom(...FILES), fc.nat(), fc.jsonValue(), (file, i, value) => {
        const doc = parseDocument(originals[file]!);
        const ps = keyPaths[file]!;
        doc.setIn(ps[i % ps.length]!, value);
        writeFileSync(join(dir, file), doc.toString());
        try {
          let error: unknown;
          try {
            loadConfig(dir);
          } catch (e) {
            error = e;
          }
          if (error) {
            typedOrValue(() => {
              throw error;
            });
            expect((error as Error).message).toContain(file.replace('.yaml', ''));
          }
        } finally {
          writeFileSync(join(dir, file), originals[file]!);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('arbitrary hosts and flag values: a value or a ConfigError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const host = typedOrValue(() => normaliseHost(s));
        if (host !== undefined) expect(host).toMatch(/^https?:\/\/[^/]+$/);
        typedOrValue(() => normaliseHost(`http://${s}`));
        typedOrValue(() => intFlag('--limit', s, 1));
        typedOrValue(() => binsFlag(s));
        typedOrValue(() => agentsFlag(s));
        typedOrValue(() => isolationFlag(s));
      }),
      { numRuns: 400 },
    );
  });
});
