// The coding τ model (coding-reading v1): reading at 200 wpm plus the annotated solving work, and every
// bundled coding task's τ follows its own rationale.
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadTasks } from '../../tasks/load.ts';
import { codingRationale, codingTau, codingTauCheck, readingWords, readMinutes } from './tau-model.ts';

describe('coding τ model', () => {
  it('reads prompt and options at 200 wpm, code fences not counted, and caps at 60 minutes', () => {
    expect(readingWords('What prints?\n```python\nprint(1 + 2)\n```')).toBe(5);
    expect(readMinutes('one two three four', { A: 'x y', B: 'z' })).toEqual({ words: 7, minutes: 7 / 200 });
    expect(codingTau(0.5, 70)).toEqual({ tau: 60, capped: true });
    expect(codingTau(0.26, 0.4)).toEqual({ tau: 0.66, capped: false });
  });

  it('a rationale carries its own numbers and is checked against the task text', () => {
    const prompt = 'Write `f(x)` that returns x doubled.';
    const r = codingRationale(6, 6 / 200, 0.2, 'one-line function, direct builtin use');
    expect(r).toBe('τ = read 6 words / 200 wpm (0.03) + solve 0.20 (one-line function, direct builtin use) = 0.23 min');
    expect(codingTauCheck(prompt, undefined, r)).toBe(0.23);
    expect(codingTauCheck(`${prompt} More words.`, undefined, r)).toBeNull();
  });

  it('every bundled coding task has τ = read + solve from its rationale, so each is at least its reading time', () => {
    const tasks = loadTasks([fileURLToPath(new URL('../../../datasets/coding', import.meta.url))]);
    expect(tasks.length).toBe(264);
    expect(tasks.filter((t) => t.bin === 0).length).toBe(44); // the one-line glance questions (b1-glance.jsonl)
    for (const t of tasks) {
      const options = t.payload.kind === 'multiple_choice' ? t.payload.options : undefined;
      expect(t.tau_source, t.id).toMatchObject({ kind: 'estimator', name: 'coding-reading', version: '1' });
      expect(codingTauCheck(t.prompt, options, (t.tau_source as { rationale: string }).rationale), t.id).toBe(t.tau);
      expect(t.tau + 0.005, t.id).toBeGreaterThanOrEqual(readMinutes(t.prompt, options).minutes);
    }
  });

  it('the one-line glance questions are what their generator makes, each answer verified by running the line', async () => {
    const script = fileURLToPath(new URL('../../../scripts/gen-coding-glance.py', import.meta.url));
    const r = await execa('python3', [script, '--check'], { reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    const glance = loadTasks([fileURLToPath(new URL('../../../datasets/coding/b1-glance.jsonl', import.meta.url))]);
    const letters = glance.map((t) => (t.payload as { answer: string }).answer);
    for (const l of 'ABCD') expect(letters.filter((x) => x === l).length).toBe(11);
  });
});
