// `sale datasets validate --mutants` end to end, on a small fixture (not the bundled suite, to stay fast).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sale } from '../../../../tests/support/cli.ts';

const FIXTURE = fileURLToPath(new URL('../../../../tests/fixtures/mutants-mini.jsonl', import.meta.url));

describe('sale datasets validate --mutants', () => {
  it('exits 0 under low thresholds and prints per-task scores, survivors, the overall score and the time', async () => {
    const r = await sale(['datasets', 'validate', '--mutants', FIXTURE, '--min-score', '0.5', '--min-task-score', '0.5']);
    expect(r.code, r.stderr).toBe(0);
    // Weakest first.
    const order = ['mutmini/abs', 'mutmini/parity', 'mutmini/count-below'].map((id) => r.stdout.indexOf(`  ${id}`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.stdout).toMatch(/0\.600\s+3\/5\s+5\s+mutmini\/abs/);
    expect(r.stdout).toMatch(/line 2:8 flip-comparison: `<` -> `<=`/);
    expect(r.stdout).toContain('+    if x <= 0:');
    expect(r.stdout).toMatch(/mutation score: 15\/18 viable mutants killed = 0\.833 \(min 0\.5\).*1 exempt.*\d+\.\d s/);
  }, 60_000);

  it('exits non-zero with --min-score 0.99, naming the weakest tasks', async () => {
    const strict = await sale(['datasets', 'validate', '--mutants', FIXTURE, '--min-score', '0.99', '--min-task-score', '0']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/below --min-score 0\.99; weakest: mutmini\/abs \(0\.600\), mutmini\/parity \(0\.857\)$/m);
    expect(strict.stderr).not.toContain('count-below');
    const task = await sale(['datasets', 'validate', '--mutants', FIXTURE, '--min-score', '0']);
    expect(task.code).toBe(1);
    expect(task.stderr).toMatch(/: 1 task below --min-task-score 0\.75; weakest: mutmini\/abs \(0\.600\)$/m);
    expect(task.stdout).toMatch(/mutmini\/abs  ← below 0\.75/);
  }, 60_000);

  it('rejects a threshold outside [0, 1] before running anything', async () => {
    const r = await sale(['datasets', 'validate', '--mutants', FIXTURE, '--min-score', '95']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--min-score: '95' is not a number between 0 and 1/);
    expect(r.stdout).not.toContain('mutation score');
  }, 60_000);

  it('--help documents --mutants with an example', async () => {
    const r = await sale(['datasets', 'validate', '--help']);
    expect(r.stdout).toMatch(/--mutants/);
    expect(r.stdout).toMatch(/--min-task-score <x>/);
    expect(r.stdout).toMatch(/\$ sale datasets validate --mutants/);
  }, 60_000);
});
