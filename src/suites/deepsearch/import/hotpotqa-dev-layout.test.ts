// The HotpotQA τ estimator on a fixture written to mirror the real dev distractor file's fields (every
// question "hard"; type "comparison" exactly for yes/no answers; two supporting paragraphs, both titles
// usually named in the question; supporting-fact indices on the sentence holding the answer, else 0;
// paragraphs from one short sentence to a 16-sentence, 250-word one; quantity, difference and list-answer
// questions). τ comes from what the records hold: a snippet lookup is quicker than a long read, a
// difference or a list answer costs more, and the sentence a question points to is read to even when the
// listed fact stops at sentence 0. On such hard two-paragraph questions the estimator spans bins ≤0.5 and
// ≤2.5 (README, "HotpotQA τ"): a person needs two lookups for any of them, about half a minute at least.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTasks } from '../../../tasks/load.ts';
import { importHotpotqa } from './hotpotqa.ts';

const FILE = join(import.meta.dirname, '__fixtures__', 'hotpotqa-dev-layout.json');

describe('HotpotQA τ on records in the real dev layout', () => {
  const out = mkdtempSync(join(tmpdir(), 'sale-hotpot-dev-'));
  const r = importHotpotqa(FILE, { out });
  const tasks = loadTasks([join(out, 'tasks')]);
  const tau = (id: string) => tasks.find((t) => t.id === `hotpotqa/${id}`)!.tau;
  const why = (id: string) => (tasks.find((t) => t.id === `hotpotqa/${id}`)!.tau_source as { rationale: string }).rationale;

  it('spreads hard questions by what they need, not by level (every one is hard)', () => {
    expect(new Set(tasks.map((t) => t.tags![2]))).toEqual(new Set(['hard']));
    expect(r.perBin.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    // yes/no with both facts in the snippets < which-first (dates) < a list answer < a difference read deep into a long page
    expect(Math.max(tau('d1'), tau('d6'))).toBeLessThan(tau('d2'));
    expect(tau('d2')).toBeLessThan(tau('d4'));
    expect(tau('d4')).toBeLessThan(tau('d3'));
    expect(Math.max(...tasks.map((t) => t.tau)) / Math.min(...tasks.map((t) => t.tau))).toBeGreaterThan(4);
  });

  it('reads to the sentence the question points at when the listed fact stops at sentence 0', () => {
    // Harrow Athletic's fact is listed at sentence 0 (the answer is not in its page); "league titles" is in sentence 3.
    expect(why('d3')).toMatch(/search 15 characters\), read to sentence 3/);
    expect(why('d3')).toMatch(/bridge \+ difference/);
    expect(why('d4')).toMatch(/2 answer items/);
    expect(why('d5')).toMatch(/bridge paragraph, fact in snippet/);
  });
});
