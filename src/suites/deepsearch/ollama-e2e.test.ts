// The deep-search agent end to end through the `ollama` provider and the official client, against the
// Ollama-compatible test server: search, open and answer tool calls on the wire, the real corpus index,
// grader and runner, and the judge's JSON verdict.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeEvalTokens, fakePromptTokens, startOllamaTestServer, type OllamaTestServer, type ScriptedToolCall, type WireChatRequest } from '../../../tests/support/ollama-test-server.ts';
import { loadConfig } from '../../config/load.ts';
import { createModelClient } from '../../models/registry.ts';
import { runBench } from '../../runner/run-bench.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { loadTasks } from '../../tasks/load.ts';
import { createDeepsearchSuite } from './index.ts';
import { createAnswerJudge } from './judge.ts';

const FIXTURE = fileURLToPath(new URL('../../../tests/fixtures/deepsearch/', import.meta.url));
// Deep search never touches the sandbox; the runner only records its isolation level.
const sandbox = { isolation: 'rlimit', warnings: [] } as unknown as Sandbox;

describe('deep-search agent through the ollama provider', () => {
  let server: OllamaTestServer;
  beforeAll(async () => {
    server = await startOllamaTestServer();
  });
  afterEach(() => server.clearQueues());
  afterAll(() => server.close());

  const setup = (taskId: string) => {
    const config = loadConfig(undefined, { host: server.url, agents: ['8b'] });
    const tasks = loadTasks([join(FIXTURE, 'tasks')]).filter((t) => t.id === taskId);
    const suite = createDeepsearchSuite('ds-mini', { ...config.suites.deepsearch!, datasets: ['/nowhere'] }, tasks, { cacheDir: null });
    return { config, tasks, suite, client: createModelClient('ollama', { config, tasks }) };
  };

  it('plays search → open → open → answer over the wire and records counters, trace, evidence recall and grade', async () => {
    const { config, tasks, suite, client } = setup('ds-mini/founding-year');
    const expected: { prompt: number; eval: number }[] = [];
    const script: ScriptedToolCall[] = [
      { name: 'search', arguments: { query: 'explorer born in Port Aldry shipping company', k: 3 }, id: 'call_1' },
      { name: 'open', arguments: { id: 'orrin-castelbrook' } },
      { name: 'open', arguments: { id: 'ardent-shipping' } },
      { name: 'answer', arguments: { text: '1871' } },
    ];
    const replies = script.map((call) => (req: WireChatRequest) => {
      expected.push({ prompt: fakePromptTokens(req), eval: fakeEvalTokens('', '', [call]) });
      return { toolCalls: [call] };
    });
    server.enqueue('qwen3:8b', ...replies);
    const dir = mkdtempSync(join(tmpdir(), 'sale-ds-ollama-'));
    const result = await runBench({ suites: [suite], agents: config.agents, client, sandbox, dir, resume: false, concurrency: 1, seed: 3, command: ['test'] });
    const [record] = result.records;
    expect(record!.simulated).toBe(false);
    expect(record!.status).toBe('passed');
    expect(record!.stopReason).toBe('submitted');
    expect(record!.submission).toEqual({ kind: 'answer', text: '1871' });
    expect(record!.grade!.reason).toBe('answered "1871": exact match (F1 1.00; evidence 2/2 opened)');
    expect(record!.grade!.details).toMatchObject({ exactMatch: true, f1: 1, evidenceRecall: 1, opened: ['orrin-castelbrook', 'ardent-shipping'] });
    // Engine counters, call by call.
    expect(record!.calls).toHaveLength(4);
    expect(record!.calls.map((c) => c.inputTokens)).toEqual(expected.map((e) => e.prompt));
    expect(record!.calls.map((c) => c.outputTokens)).toEqual(expected.map((e) => e.eval));
    expect(record!.usage.inputTokens).toBe(expected.reduce((s, e) => s + e.prompt, 0));
    // The trace: what the tools answered, as the model saw it.
    const toolMessages = record!.messages.filter((m) => m.role === 'tool');
    expect(toolMessages.map((m) => m.toolName)).toEqual(['search', 'open', 'open', 'answer']);
    expect(toolMessages[0]!.content).toMatch(/^Results for "explorer born in Port Aldry shipping company":\n1\. \[/);
    expect(toolMessages[0]!.content.split('\n').filter((l) => /^\d+\. \[/.test(l))).toHaveLength(3);
    expect(toolMessages[1]!.content).toMatch(/^\[orrin-castelbrook\] Orrin Castelbrook\nPage 1 of 1\n/);
    expect(toolMessages[2]!.content).toContain('established in 1871');
    const openDetails = record!.trace.filter((e) => e.message.toolName === 'open').map((e) => e.details);
    expect(openDetails).toEqual([
      { docId: 'orrin-castelbrook', found: true, page: 1, pages: 1 },
      { docId: 'ardent-shipping', found: true, page: 1, pages: 1 },
    ]);
    // What went over the wire.
    const sent = server.requests.chat;
    expect(sent).toHaveLength(4);
    expect(sent[0]!.tools!.map((t) => t.function.name)).toEqual(['search', 'open', 'answer']);
    expect(sent[0]!.messages![0]!.content).toMatch(/Never answer from memory/);
    expect(sent[0]!.messages![1]!.content).toContain(`Question: ${tasks[0]!.prompt}`);
    expect(sent[1]!.messages!.at(-1)).toMatchObject({ role: 'tool', tool_name: 'search' });
    expect(sent[3]!.messages!.at(-1)).toMatchObject({ role: 'tool', tool_name: 'open' });
    expect(sent[0]!.options).toMatchObject({ seed: 3, num_ctx: 32768 });
    expect(result.manifest.fingerprint.prompts['ds-mini/search-settings']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('recovers from an unknown id; an answer that fails exact match passes when the judge says it matches', async () => {
    const { config, suite, client } = setup('ds-mini/birthplace');
    server.enqueue(
      'qwen3:8b',
      { toolCalls: [{ name: 'open', arguments: { id: 'Orrin Castelbrook' } }] },
      { toolCalls: [{ name: 'open', arguments: { id: 'orrin-castelbrook' } }] },
      { toolCalls: [{ name: 'answer', arguments: { text: 'the harbour city of Port Aldry' } }] },
    );
    server.enqueue('qwen3:32b', { content: '{"match": true, "reason": "Names the same city."}' });
    const judgeAgent = loadConfig(undefined, { host: server.url }).agents.find((a) => a.name === '32b')!;
    const judge = createAnswerJudge({ client, agent: judgeAgent });
    const dir = mkdtempSync(join(tmpdir(), 'sale-ds-ollama-'));
    const result = await runBench({
      suites: [suite],
      agents: config.agents,
      client,
      sandbox,
      dir,
      resume: false,
      concurrency: 1,
      seed: 0,
      command: ['test'],
      judge,
      fingerprintExtra: { judge: { agent: '32b' } },
    });
    const [record] = result.records;
    const firstOpen = record!.messages.filter((m) => m.role === 'tool')[0]!;
    expect(firstOpen.content).toMatch(/^Error: there is no document with id 'Orrin Castelbrook'\. Did you mean \[orrin-castelbrook\]/);
    expect(record!.status).toBe('passed');
    expect(record!.grade!.details).toMatchObject({
      exactMatch: false,
      passedBy: 'judge',
      evidenceRecall: 1,
      judge: { match: true, reason: 'Names the same city.', agent: '32b', model: 'qwen3:32b' },
    });
    expect(record!.grade!.reason).toMatch(/judge 32b: match$/);
    const judgeCall = server.requests.chat.find((r) => r.model === 'qwen3:32b')!;
    expect(judgeCall.format).toMatchObject({ type: 'object', required: ['match', 'reason'] });
    expect(judgeCall.think).toBe(false);
    expect(judgeCall.options).toMatchObject({ num_predict: 128, temperature: 0 });
    expect(judgeCall.tools).toBeUndefined();
    const prompt = judgeCall.messages![0]!.content;
    expect(prompt).toContain('Gold answer: "Port Aldry"');
    expect(prompt.trim().split('\n').at(-1)).toBe('Proposed answer: the harbour city of Port Aldry');
  });
});
