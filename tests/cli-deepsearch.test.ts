// The deep-search commands through the real `sale` binary: import (hotpotqa, qa), validate --reference,
// bench run --suite deepsearch on the import, and the errors that name file and line.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sale } from './support/cli.ts';

const FIX = fileURLToPath(new URL('./fixtures/deepsearch/', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-cli-ds-'));

describe('sale deep-search commands', () => {
  it('imports HotpotQA, validates the import and runs it with the sim provider', async () => {
    const dir = tmp();
    const out = join(dir, 'hotpot');
    const imp = await sale(['datasets', 'import', 'hotpotqa', join(FIX, 'import', 'hotpotqa-mini.json'), '--out', out]);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/wrote 3 tasks to .*tasks\/hotpotqa\.jsonl and 6 documents to .*corpus\.jsonl/);
    const val = await sale(['datasets', 'validate', '--reference', join(out, 'tasks')]);
    expect(val.code, val.stdout + val.stderr).toBe(0);
    expect(val.stdout).toMatch(/deep search: 3\/3 tasks ok/);
    expect(val.stdout).toMatch(/recall@10 %/);
    const run = await sale(['bench', 'run', '--suite', 'deepsearch', '--tasks', join(out, 'tasks'), '--provider', 'sim', '--out', join(dir, 'run'), '--judge', '32b']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'run', 'summary.csv'), 'utf8')).toMatch(/^SIMULATED,deepsearch,agent:4b,all,3,3,/m);
    expect(readFileSync(join(dir, 'run', 'summary.md'), 'utf8')).toMatch(/judge\/rules agreement %/);
  });

  it('imports a short-answer CSV against a corpus; a missing --corpus or an unknown judge is a usage error', async () => {
    const dir = tmp();
    const r = await sale(['datasets', 'import', 'qa', join(FIX, 'import', 'simpleqa-mini.csv'), '--corpus', join(FIX, 'corpus.jsonl'), '--out', join(dir, 'sq'), '--suite', 'simpleqa']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wrote 3 tasks .* and 10 documents/);
    expect(existsSync(join(dir, 'sq', 'tasks', 'simpleqa.jsonl'))).toBe(true);
    const noCorpus = await sale(['datasets', 'import', 'qa', join(FIX, 'import', 'simpleqa-mini.csv'), '--out', join(dir, 'x')]);
    expect(noCorpus.code).toBe(2);
    expect(noCorpus.stderr).toMatch(/--corpus CORPUS is required/);
    const judge = await sale(['bench', 'run', '--suite', 'deepsearch', '--tasks', join(dir, 'sq', 'tasks'), '--provider', 'sim', '--judge', 'gpt5', '--out', join(dir, 'r')]);
    expect(judge.code).toBe(2);
    expect(judge.stderr).toMatch(/--judge: unknown agent 'gpt5'/);
  });

  it('a malformed corpus line or a dangling evidence id stops the run, naming file and line', async () => {
    const dir = tmp();
    const lines = readFileSync(join(FIX, 'corpus.jsonl'), 'utf8').trim().split('\n');
    lines[3] = '{"id": "port-aldry", "title": "Port Aldry"';
    writeFileSync(join(dir, 'corpus.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'tasks.jsonl'), readFileSync(join(FIX, 'tasks', 'ds-mini.jsonl')));
    const bad = await sale(['bench', 'run', '--suite', 'deepsearch', '--tasks', join(dir, 'tasks.jsonl'), '--provider', 'sim', '--out', join(dir, 'run')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/corpus\.jsonl:4: not valid JSON/);
    writeFileSync(join(dir, 'corpus.jsonl'), readFileSync(join(FIX, 'corpus.jsonl')));
    writeFileSync(join(dir, 'tasks.jsonl'), readFileSync(join(FIX, 'tasks', 'ds-mini.jsonl'), 'utf8').replace('"lake-orsay"', '"lake-nowhere"'));
    const dangling = await sale(['bench', 'run', '--suite', 'deepsearch', '--tasks', join(dir, 'tasks.jsonl'), '--provider', 'sim', '--out', join(dir, 'run')]);
    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toMatch(/tasks\.jsonl:4 \(task ds-mini\/deeper-lake\): payload\.evidence\.1: no document 'lake-nowhere'/);
    expect(existsSync(join(dir, 'run'))).toBe(false);
  });
});
