// HotpotQA import (fixture written for this test in the official layout): τ spreads over ≥ 3 bins from
// what each record holds, `validate --reference` passes (a year inside a full date, units written with
// another word), `--limit` is a seeded stratified sample, `--tau-file` overrides, and the tasks run under
// the real-world system prompt.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load.ts';
import { ConfigError } from '../../../errors.ts';
import { loadTasks } from '../../../tasks/load.ts';
import { loadCorpus } from '../corpus.ts';
import { createDeepsearchSuite } from '../index.ts';
import { validateDeepsearch } from '../validate.ts';
import { importHotpotqa } from './hotpotqa.ts';
import { sale } from '../../../../tests/support/cli.ts';

const FILE = join(import.meta.dirname, '__fixtures__', 'hotpotqa-spread.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-hotpot-'));
const suiteFor = (tasks: ReturnType<typeof loadTasks>) => createDeepsearchSuite('hotpotqa', { ...loadConfig().suites.deepsearch!, datasets: ['/nowhere'] }, tasks, { cacheDir: null });

describe('HotpotQA import: τ spread and reference validation', () => {
  const out = tmp();
  const r = importHotpotqa(FILE, { out });
  const tasks = loadTasks([join(out, 'tasks')]);

  it('spreads τ over at least three bins, from type, level, paragraphs and hops', () => {
    expect(r.perBin.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    const tau = (id: string) => tasks.find((t) => t.id === `hotpotqa/${id}`)!.tau;
    // easy single-hop < medium < hard; a long unnamed bridge paragraph is the slowest.
    expect(tau('a7')).toBeLessThan(tau('a2'));
    expect(tau('a1')).toBeLessThan(tau('a8'));
    expect(Math.max(...tasks.map((t) => t.tau))).toBe(tau('a6'));
    expect(tau('a6')).toBeGreaterThan(2.5);
    for (const t of tasks) expect(t.tau_source).toMatchObject({ kind: 'estimator', name: 'hotpotqa-read', version: '3' });
  });

  it('passes validate --reference: a year inside a full date, a quantity written with another unit word', () => {
    const suite = suiteFor(tasks);
    const v = validateDeepsearch(tasks, suite.corpus, suite.index());
    expect(v.checks.filter((c) => c.problems.length)).toEqual([]);
    const checked = (id: string) => v.checks.find((c) => c.taskId === `hotpotqa/${id}`)!.answerInEvidence;
    expect([checked('a3'), checked('a4'), checked('a5')]).toEqual([true, true, true]);
  });

  it('runs the tasks under the real-world system prompt (the bundled one says the world may be fictional)', () => {
    const suite = suiteFor(tasks);
    const prompt = suite.systemPrompt(tasks[0]!);
    expect(prompt).toMatch(/real-world documents/);
    expect(prompt).not.toMatch(/fictional/);
    expect(suite.prompts.map((p) => p.name)).toContain('system-real-world.md');
    const untagged = { ...tasks[0]!, tags: ['hotpotqa'] };
    expect(suite.systemPrompt(untagged)).toMatch(/fictional/);
  });
});

describe('HotpotQA import --limit and --tau-file', () => {
  const ids = (dir: string) => loadTasks([join(dir, 'tasks')]).map((t) => t.id);

  it('--limit takes a seeded stratified sample: every bin and answer kind first, the same for the same seed', () => {
    const a = tmp();
    const r = importHotpotqa(FILE, { out: a, limit: 3, seed: 1 });
    expect(r.tasks).toBe(3);
    expect(r.perBin.filter((n) => n > 0).length).toBe(3); // one per bin
    const b = tmp();
    importHotpotqa(FILE, { out: b, limit: 3, seed: 1 });
    expect(ids(b)).toEqual(ids(a));
    // Seven picks: round-robin over the bins, and inside a bin over type × answer kind, so the 3 picks of
    // the ≤2.5 bin are 3 different strata and every answer kind of the file is in.
    const c = tmp();
    importHotpotqa(FILE, { out: c, limit: 7, seed: 2 });
    const kinds = loadTasks([join(c, 'tasks')]).map((t) => t.tags![3]);
    expect(new Set(kinds)).toEqual(new Set(['entity', 'yes-no', 'date', 'number']));
    // The corpus holds the context paragraphs of the kept questions only.
    const kept = loadTasks([join(a, 'tasks')]);
    const docs = loadCorpus(join(a, 'corpus.jsonl')).docs.map((d) => d.id);
    for (const t of kept) for (const e of (t.payload as { evidence: string[] }).evidence) expect(docs).toContain(e);
    expect(docs.length).toBeLessThan(loadCorpus(join(tmpImport(), 'corpus.jsonl')).docs.length);
  });

  it('--tau-file overrides τ by task id or _id and rejects ids that match nothing', () => {
    const out = tmp();
    importHotpotqa(FILE, { out, tauOverrides: new Map([['hotpotqa/a1', 30], ['a2', 0.05]]), tauFileName: 'tau.csv' });
    const tasks = loadTasks([join(out, 'tasks')]);
    expect(tasks.find((t) => t.id === 'hotpotqa/a1')).toMatchObject({ tau: 30, tau_source: { kind: 'annotated', rationale: 'from τ file tau.csv' } });
    expect(tasks.find((t) => t.id === 'hotpotqa/a2')!.tau).toBe(0.05);
    try {
      importHotpotqa(FILE, { out: tmp(), tauOverrides: new Map([['zz9', 1]]), tauFileName: 'tau.csv' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toEqual(["tau.csv: 1 id(s) match no imported question: 'zz9'"]);
    }
  });
});

function tmpImport(): string {
  const out = tmp();
  importHotpotqa(FILE, { out });
  return out;
}

it('the fixture is the official layout (a JSON list of records with the official keys)', () => {
  const raw = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>[];
  for (const q of raw) expect(Object.keys(q).sort()).toEqual(['_id', 'answer', 'context', 'level', 'question', 'supporting_facts', 'type']);
});

it('through the binary: --limit, --seed and --tau-file parse, and a bad --limit is one clear error', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'tau.csv'), 'id,tau\na6,40\n');
  const ok = await sale(['datasets', 'import', 'hotpotqa', FILE, '--out', join(dir, 'out'), '--limit', '3', '--seed', '1', '--tau-file', join(dir, 'tau.csv')]);
  expect(ok.code, ok.stderr).toBe(0);
  expect(ok.stdout).toMatch(/wrote 3 tasks/);
  expect(ok.stdout).toMatch(/note: --limit 3: kept a stratified sample \(seed 1\) of 3 of 8 questions/);
  expect(loadTasks([join(dir, 'out', 'tasks')]).find((t) => t.id === 'hotpotqa/a6')).toMatchObject({ tau: 40 });
  const bad = await sale(['datasets', 'import', 'hotpotqa', FILE, '--out', join(dir, 'bad'), '--limit', '0']);
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toMatch(/--limit: '0' is not an integer ≥ 1/);
});
