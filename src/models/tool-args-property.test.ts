// Property tests of tool-call argument parsing, from the wire to the tools: arbitrary tool calls (from
// Ollama's JSON, from raw Qwen output, with arbitrary arguments for the real tools) never throw; the
// agent loop turns every bad call into a message the model sees.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scriptedClient } from '../../tests/support/scripted-client.ts';
import { runToolAgent } from '../agents/tool-agent.ts';
import type { AgentContext, Tool } from '../agents/types.ts';
import { loadConfig } from '../config/load.ts';
import { submitChoiceTool, submitCodeTool } from '../suites/coding/tools.ts';
import { createDeepsearchSuite } from '../suites/deepsearch/index.ts';
import { loadTasks } from '../tasks/load.ts';
import { parseQwenOutput } from './llamacpp/parse-output.ts';
import { fromWireToolCall } from './ollama/wire.ts';

const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

describe('tool-call arguments (property)', () => {
  it('a wire tool call of any shape becomes a named call with an argument object', () => {
    // JSON as it may come off the wire, keys such as toString and __proto__ included.
    const key = fc.oneof(fc.string(), fc.constantFrom('toString', 'valueOf', '__proto__', 'constructor', 'name', 'arguments'));
    const wire = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 3 })),
    })).value;
    fc.assert(
      fc.property(fc.oneof(fc.anything(), wire), fc.oneof(fc.anything(), wire), fc.oneof(fc.anything(), wire), (name, args, id) => {
        const call = fromWireToolCall(JSON.parse(JSON.stringify({ id, function: { name, arguments: args } }) ?? '{}') as never);
        expect(typeof call.name).toBe('string');
        expect(isPlainObject(call.arguments)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('raw Qwen output with arbitrary <tool_call> blocks: calls have names and argument objects, nothing throws', () => {
    const block = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => `<tool_call>${JSON.stringify(v)}</tool_call>`),
      fc.record({ name: fc.string(), arguments: fc.oneof(fc.jsonValue(), fc.string()) }).map((c) => `<tool_call>${JSON.stringify(c)}</tool_call>`),
      fc.constantFrom('<tool_call>', '</tool_call>', '<think>', '</think>', '{"name":"x","arguments":"{"}'),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), (parts) => {
        const out = parseQwenOutput(parts.join(''));
        for (const c of out.toolCalls) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(isPlainObject(c.arguments)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the real tools behind the agent loop: arbitrary arguments end in a reply, a submission or a budget stop', async () => {
    const config = loadConfig();
    const FIXTURE = fileURLToPath(new URL('../../tests/fixtures/deepsearch', import.meta.url));
    const dsTasks = loadTasks([join(FIXTURE, 'tasks')]);
    const ds = createDeepsearchSuite('ds-mini', { ...config.suites.deepsearch!, datasets: ['/nowhere'] }, dsTasks, { cacheDir: null });
    const codingTask = loadTasks([fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url))])[0]!;
    const tools: Tool[] = [...ds.tools(dsTasks[0]!, { sandbox: undefined as never }).filter((t) => t.spec.name !== 'answer'), submitChoiceTool(codingTask), submitCodeTool()];
    const names = [...tools.map((t) => t.spec.name), 'no_such_tool'];
    const args = fc.dictionary(fc.constantFrom('query', 'q', 'k', 'id', 'doc_id', 'page', 'answer', 'code', 'text', 'x'), fc.anything(), { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ name: fc.constantFrom(...names), arguments: args }), { minLength: 1, maxLength: 3 }), async (calls) => {
        const client = scriptedClient(calls.map((c) => ({ toolCalls: [c as { name: string; arguments: Record<string, unknown> }] })));
        const ctx: AgentContext = {
          task: dsTasks[0]!, agent: config.agents[0]!, client, seed: 0, systemPrompt: 's', userPrompt: 'u', tools,
          parseFinalText: () => null, budgets: { maxSteps: calls.length, maxTokens: 1e6 }, toolOutputChars: 2000,
        };
        const run = await runToolAgent(ctx);
        expect(['submitted', 'step-budget']).toContain(run.stopReason);
        for (const m of run.messages.filter((x) => x.role === 'tool')) expect(typeof m.content).toBe('string');
      }),
      { numRuns: 150 },
    );
  });
});
