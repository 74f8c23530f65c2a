// The README's "How to add a suite / a router / a provider" examples are these files (the README quotes
// them verbatim, checked here), and they work together through the real runner: the example suite's
// tasks, answered by the example provider, routed by the example router through the System seam.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.ts';
import { routerSystem } from '../src/routers/system.ts';
import { runBench } from '../src/runner/run-bench.ts';
import { createSandbox } from '../src/sandbox/index.ts';
import { loadTasks } from '../src/tasks/load.ts';
import { createEchoClient } from './examples/add-a-provider.ts';
import { twoStepRouter } from './examples/add-a-router.ts';
import { createLetterSuite } from './examples/add-a-suite.ts';

const EXAMPLES = ['add-a-suite.ts', 'add-a-router.ts', 'add-a-provider.ts'];

describe('README examples', () => {
  it('are quoted verbatim in the README', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    for (const file of EXAMPLES) {
      const source = readFileSync(fileURLToPath(new URL(`./examples/${file}`, import.meta.url)), 'utf8');
      const block = new RegExp(`<!-- example: tests/examples/${file.replace('.', '\\.')} -->\\n\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1];
      expect(block, `README block for tests/examples/${file}`).toBe(source);
    }
  });

  it('run together: suite + provider alone and behind the router', async () => {
    const config = loadConfig(undefined, { agents: ['4b', '32b'] });
    const [mc] = loadTasks([fileURLToPath(new URL('./fixtures/mini-coding.jsonl', import.meta.url))]).filter((t) => t.payload.kind === 'multiple_choice');
    // The fixture's question (answer B) and a copy whose answer is C: the echo provider always says B.
    const tasks = [mc!, { ...mc!, id: 'mini/mc-copy', payload: { ...mc!.payload, answer: 'C' } }];
    const suite = createLetterSuite('letters', config.suites.coding!, tasks);
    const sandbox = await createSandbox({ isolation: 'rlimit' });
    const base = { suites: [suite], agents: config.agents, client: createEchoClient('B'), sandbox, resume: false, concurrency: 2, seed: 0, command: [] };

    const alone = await runBench({ ...base, dir: join(mkdtempSync(join(tmpdir(), 'sale-ex-')), 'run') });
    const answers = new Map(tasks.map((t) => [t.id, t.payload.kind === 'multiple_choice' ? t.payload.answer : '']));
    expect(alone.records.map((r) => [r.taskId, r.passed]).sort()).toEqual(config.agents.flatMap((a) => [[mc!.id, true], ['mini/mc-copy', false]]).sort());
    for (const r of alone.records) expect(r.passed).toBe(answers.get(r.taskId) === 'B');

    const agents = config.agents.map((a) => ({ name: a.name, pricePerMTok: a.pricePerMTok })).sort((a, b) => a.pricePerMTok - b.pricePerMTok);
    const router = await twoStepRouter({ agents, training: [], seed: 0, params: {} });
    const routed = await runBench({ ...base, dir: join(mkdtempSync(join(tmpdir(), 'sale-ex-')), 'run'), systems: [routerSystem(router)] });
    expect(routed.records.map((r) => r.system)).toEqual(tasks.map(() => 'router:two-step'));
    // A wrong cheap answer escalates: two attempts paid for (tokens and cost summed), the dearest agent's outcome counts.
    const byTask = new Map(routed.records.map((r) => [r.taskId, r]));
    expect(byTask.get(mc!.id)!.route!.attempts.map((a) => a.agent)).toEqual(['4b']);
    const escalated = byTask.get('mini/mc-copy')!;
    expect(escalated.route!.attempts.map((a) => a.agent)).toEqual(['4b', '32b']);
    expect(escalated.passed).toBe(false);
    expect(escalated.costUsd).toBeCloseTo(escalated.route!.attempts.reduce((t, a) => t + a.costUsd, 0), 12);
  });
});
