import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTasks } from '../../tasks/load.ts';
import type { Task } from '../../tasks/types.ts';
import { loadCorpus } from './corpus.ts';
import { buildIndex } from './search-index.ts';
import { formatDeepsearchValidation, validateDeepsearch } from './validate.ts';

const FIXTURE = fileURLToPath(new URL('../../../tests/fixtures/deepsearch/', import.meta.url));
const corpus = loadCorpus(join(FIXTURE, 'corpus.jsonl'));
const index = buildIndex(corpus);
const tasks = loadTasks([join(FIXTURE, 'tasks')]);

const withPayload = (t: Task, payload: Partial<Extract<Task['payload'], { kind: 'qa' }>>, tags?: string[]): Task => ({
  ...t,
  payload: { ...(t.payload as Extract<Task['payload'], { kind: 'qa' }>), ...payload },
  ...(tags ? { tags } : {}),
});

describe('validateDeepsearch', () => {
  it('passes the fixture suite and reports recall@10 per bin', () => {
    const v = validateDeepsearch(tasks, corpus, index);
    expect(v.ok).toBe(true);
    expect(v.bins.map((b) => b.bin)).toEqual([0, 1, 2, 3, 4, 'all']);
    expect(v.bins.at(-1)).toMatchObject({ tasks: 6, failed: 0, answerChecked: 4 });
    // computed (years-between) and yes/no (deeper-lake) answers are not looked for in the text
    expect(v.checks.filter((c) => c.answerInEvidence === null).map((c) => c.taskId).sort()).toEqual(['ds-mini/deeper-lake', 'ds-mini/years-between']);
    const table = formatDeepsearchValidation(v);
    expect(table.split('\n')[0]).toMatch(/^bin\s+tasks\s+problems\s+answer checked\s+recall@10 %\s+all evidence @10 %$/);
    expect(table).toMatch(/^τ ≤0\.1\s+1\s+0\s+1\s+100\.0\s+100\.0$/m);
  });

  it('flags missing evidence, an answer absent from its evidence, and measures partial recall', () => {
    const [birthplace, , founding] = tasks;
    const bad = [
      withPayload(birthplace!, { evidence: ['orrin-castelbrook', 'ghost-doc'] }),
      withPayload(birthplace!, { answer: 'Dunmere', aliases: [] }),
      // Tagged computed: the answer need not occur.
      withPayload(birthplace!, { answer: 'Dunmere', aliases: [] }, ['computed']),
      withPayload(founding!, { evidence: ['ardent-shipping', 'lake-orsay'] }),
    ].map((t, i) => ({ ...t, id: `v/${i}` }));
    const v = validateDeepsearch(bad, corpus, index);
    expect(v.ok).toBe(false);
    expect(v.checks[0]!.problems).toEqual(["evidence id 'ghost-doc' is not in the corpus"]);
    expect(v.checks[0]!.answerInEvidence).toBeNull();
    expect(v.checks[1]!.problems).toEqual(['the answer "Dunmere" occurs in none of its evidence documents']);
    expect(v.checks[2]!.problems).toEqual([]);
    expect(v.checks[3]!.recallAt10).toBe(0.5);
    expect(v.bins.at(-1)!.failed).toBe(2);
  });
});
