// The `ollama` provider against the fake Ollama server: reply assembly, the request it sends, describe,
// ping and embed (failures: attempt.test.ts).
import { describe, expect, it } from 'vitest';
import { chatRequest as request, useFakeOllama } from '../../../tests/support/ollama-provider.ts';
import { splitThinkTags } from './index.ts';

const fake = useFakeOllama();
const client = fake.client;

describe('ollama provider: assembling a streamed reply', () => {
  it('joins content streamed in several chunks', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'def add(a, b):\n    return a + b\n', chunks: 5 });
    const res = await client().chat(request());
    expect(res.message).toEqual({ role: 'assistant', content: 'def add(a, b):\n    return a + b\n' });
    expect(res.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(res.attempts).toBe(1);
    expect(res.simulated).toBe(false);
    expect(res.wallMs).toBeGreaterThan(0);
    expect(res.logprobs).toBeUndefined();
    expect(fake.server.requests.chat.at(-1)?.stream).toBe(true);
  });

  it('keeps thinking apart from content', async () => {
    fake.server.enqueue('qwen3:8b', { thinking: 'The user wants addition. Simple.', content: 'return a + b' });
    const res = await client().chat(request({ options: { think: true } }));
    expect(res.message.thinking).toBe('The user wants addition. Simple.');
    expect(res.message.content).toBe('return a + b');
  });

  it('moves <think>…</think> found in content (old qwen3 builds) into thinking', async () => {
    fake.server.enqueue('qwen3:8b', { thinkInContent: true, thinking: 'hidden reasoning', content: 'The answer is 4.', chunks: 6 });
    const res = await client().chat(request({ options: { think: true } }));
    expect(res.message.content).toBe('The answer is 4.');
    expect(res.message.thinking).toBe('hidden reasoning');
  });

  it('splitThinkTags handles closed, unclosed and opening-less tags and leaves plain text alone', () => {
    expect(splitThinkTags('<think>a</think>\n\nb')).toEqual({ thinking: 'a', content: 'b' });
    expect(splitThinkTags('  <think>\ncut off while reasoning')).toEqual({ thinking: 'cut off while reasoning', content: '' });
    expect(splitThinkTags('reasoning</think>answer')).toEqual({ thinking: 'reasoning', content: 'answer' });
    expect(splitThinkTags('x = "<think>" is a string')).toEqual({ thinking: '', content: 'x = "<think>" is a string' });
  });

  it('returns tool calls with object arguments (no id, in a chunk before the final one)', async () => {
    fake.server.enqueue('qwen3:8b', { toolCalls: [{ name: 'run_python', arguments: { code: 'print(1)', timeout: 5 } }] });
    const res = await client().chat(request());
    expect(res.message.toolCalls).toEqual([{ name: 'run_python', arguments: { code: 'print(1)', timeout: 5 } }]);
    expect(res.message.content).toBe('');
    expect(res.finishReason).toEqual({ unified: 'tool-calls', raw: 'stop' });
  });

  it('keeps call ids, accepts index, and collects tool calls from any chunk', async () => {
    fake.server.enqueue(
      'qwen3:8b',
      {
        content: 'Let me search.',
        chunks: 3,
        toolCallsAt: 0,
        toolCalls: [
          { name: 'search', arguments: { query: 'capital of France' }, id: 'call_ab12cd34', index: 0 },
          { name: 'fetch', arguments: { url: 'https://example.org' }, id: 'call_ef56gh78', index: 1 },
        ],
      },
      { toolCallsAt: 'final', toolCalls: [{ name: 'finish', arguments: { answer: 'Paris' } }] },
    );
    const c = client();
    const early = await c.chat(request());
    expect(early.message.content).toBe('Let me search.');
    expect(early.message.toolCalls).toEqual([
      { id: 'call_ab12cd34', name: 'search', arguments: { query: 'capital of France' } },
      { id: 'call_ef56gh78', name: 'fetch', arguments: { url: 'https://example.org' } },
    ]);
    const inFinal = await c.chat(request());
    expect(inFinal.message.toolCalls).toEqual([{ name: 'finish', arguments: { answer: 'Paris' } }]);
    expect(inFinal.finishReason.unified).toBe('tool-calls');
  });

  it('parses string arguments and keeps unparsable ones as _raw', async () => {
    fake.server.enqueue('qwen3:8b', {
      toolCalls: [
        { name: 'a', arguments: '{"x": 1}' },
        { name: 'b', arguments: '{not json' },
      ],
    });
    const res = await client().chat(request());
    expect(res.message.toolCalls).toEqual([
      { name: 'a', arguments: { x: 1 } },
      { name: 'b', arguments: { _raw: '{not json' } },
    ]);
  });

  it('accepts a final chunk without a message field (after a tool result)', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'The file has 3 lines.', noFinalMessage: true });
    const res = await client().chat(
      request({
        messages: [
          { role: 'user', content: 'count lines' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'shell', arguments: { cmd: 'wc -l f' } }] },
          { role: 'tool', toolName: 'shell', content: '3 f' },
        ],
      }),
    );
    expect(res.message.content).toBe('The file has 3 lines.');
    expect(res.usage.outputTokens).toBeGreaterThan(0);
  });

  it('returns an empty message as it is (think + tools + format sometimes yields nothing)', async () => {
    fake.server.enqueue('qwen3:8b', { content: '', evalCount: 1 });
    const res = await client().chat(
      request({
        tools: [{ name: 'x', description: 'x', parameters: { type: 'object', properties: {}, required: [] } }],
        options: { think: true, format: 'json' },
      }),
    );
    expect(res.message).toEqual({ role: 'assistant', content: '' });
    expect(res.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
  });

  it('assembles logprobs from every chunk when top logprobs are asked for', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'abcdefgh', chunks: 4 });
    const res = await client().chat(request({ options: { topLogprobs: 3 } }));
    expect(res.logprobs).toHaveLength(4);
    expect(res.logprobs!.map((l) => l.token).join('')).toBe('abcdefgh');
    for (const l of res.logprobs!) {
      expect(l.top).toHaveLength(3);
      expect(l.top[0]).toEqual({ token: l.token, logprob: l.logprob });
      expect(l.logprob).toBeLessThan(0);
    }
    expect(res.logprobsTopK).toBe(3);
  });

  it('keeps explicit logprobs in order across chunks', async () => {
    const lp = [
      { token: 'Par', logprob: -0.01, top_logprobs: [{ token: 'Par', logprob: -0.01 }, { token: 'Lon', logprob: -4.6 }] },
      { token: 'is', logprob: -0.002, top_logprobs: [{ token: 'is', logprob: -0.002 }, { token: 'ma', logprob: -6.2 }] },
    ];
    fake.server.enqueue('qwen3:8b', { content: 'Paris', chunks: 2, logprobs: lp });
    const res = await client().chat(request({ options: { topLogprobs: 2 } }));
    expect(res.logprobs).toEqual([
      { token: 'Par', logprob: -0.01, top: [{ token: 'Par', logprob: -0.01 }, { token: 'Lon', logprob: -4.6 }] },
      { token: 'is', logprob: -0.002, top: [{ token: 'is', logprob: -0.002 }, { token: 'ma', logprob: -6.2 }] },
    ]);
  });

  it('maps counters and timings from the final chunk', async () => {
    fake.server.enqueue('qwen3:8b', {
      content: 'ok',
      promptEvalCount: 321,
      evalCount: 45,
      durations: { total_duration: 9_000_000_000, load_duration: 1_000_000, prompt_eval_duration: 2_000_000, eval_duration: 3_000_000 },
    });
    const res = await client().chat(request());
    expect(res.usage).toEqual({ inputTokens: 321, outputTokens: 45 });
    expect(res.timings).toEqual({ totalNs: 9_000_000_000, loadNs: 1_000_000, promptEvalNs: 2_000_000, evalNs: 3_000_000 });
    expect(res.truncated).toBe(false);
  });

  it("uses the fake engine's deterministic counter when no counts are scripted", async () => {
    fake.server.enqueue('qwen3:8b', { content: '12345678' });
    const res = await client().chat(request({ messages: [{ role: 'user', content: 'x'.repeat(41) }] }));
    expect(res.usage).toEqual({ inputTokens: 11, outputTokens: 2 });
  });

  it("flags done_reason 'length'", async () => {
    fake.server.enqueue('qwen3:8b', { content: 'def f(', doneReason: 'length' });
    const res = await client().chat(request());
    expect(res.finishReason).toEqual({ unified: 'length', raw: 'length' });
  });

  it("maps other done reasons to 'other'", async () => {
    fake.server.enqueue('qwen3:8b', { content: '', doneReason: 'load' });
    const res = await client().chat(request());
    expect(res.finishReason).toEqual({ unified: 'other', raw: 'load' });
  });

  it('flags a prompt that filled num_ctx as truncated', async () => {
    fake.server.enqueue('qwen3:8b', { promptEvalCount: 4095 }, { promptEvalCount: 4094 }, {});
    const c = client();
    expect((await c.chat(request({ options: { numCtx: 4096 } }))).truncated).toBe(true);
    expect((await c.chat(request({ options: { numCtx: 4096 } }))).truncated).toBe(false);
    // The fake engine caps its prompt count at num_ctx, as Ollama's truncation does.
    const big = await c.chat(request({ messages: [{ role: 'user', content: 'y'.repeat(4000) }], options: { numCtx: 512 } }));
    expect(big.usage.inputTokens).toBe(512);
    expect(big.truncated).toBe(true);
  });
});

describe('ollama provider: the request it sends', () => {
  it('sends options, think, keep_alive, format, tools and history in Ollama form', async () => {
    const c = client({ keepAlive: '30m' });
    await c.chat(
      request({
        messages: [
          { role: 'system', content: 'sys' },
          { role: 'user', content: 'what is in f?' },
          { role: 'assistant', content: '', thinking: 'use the tool', toolCalls: [{ id: 'call_x', name: 'shell', arguments: { cmd: 'cat f' } }] },
          { role: 'tool', toolName: 'shell', content: 'hello' },
        ],
        tools: [
          {
            name: 'shell',
            description: 'Run a shell command',
            parameters: { type: 'object', properties: { cmd: { type: 'string', description: 'the command' } }, required: ['cmd'] },
          },
        ],
        options: { temperature: 0.7, seed: 42, numCtx: 16384, numPredict: 2048, think: true, stop: ['</answer>'], format: 'json' },
      }),
    );
    const body = fake.server.requests.chat.at(-1)!;
    expect(body.model).toBe('qwen3:8b');
    expect(body.stream).toBe(true);
    expect(body.think).toBe(true);
    expect(body.keep_alive).toBe('30m');
    expect(body.format).toBe('json');
    expect(body.options).toEqual({ temperature: 0.7, seed: 42, num_ctx: 16384, num_predict: 2048, stop: ['</answer>'] });
    expect(body.logprobs).toBeUndefined();
    expect(body.top_logprobs).toBeUndefined();
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'shell',
          description: 'Run a shell command',
          parameters: { type: 'object', properties: { cmd: { type: 'string', description: 'the command' } }, required: ['cmd'] },
        },
      },
    ]);
    expect(body.messages).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'what is in f?' },
      { role: 'assistant', content: '', thinking: 'use the tool', tool_calls: [{ id: 'call_x', function: { name: 'shell', arguments: { cmd: 'cat f' } } }] },
      { role: 'tool', content: 'hello', tool_name: 'shell' },
    ]);
  });

  it('sends think:false explicitly, logprobs with top_logprobs, a JSON-schema format, and a per-call keep_alive', async () => {
    const schema = { type: 'object', properties: { bid: { type: 'number' } }, required: ['bid'] };
    await client({ keepAlive: '30m' }).chat(request({ options: { think: false, topLogprobs: 5, format: schema, keepAlive: '0' } }));
    const body = fake.server.requests.chat.at(-1)!;
    expect(body.think).toBe(false);
    expect(body.logprobs).toBe(true);
    expect(body.top_logprobs).toBe(5);
    expect(body.format).toEqual(schema);
    expect(body.keep_alive).toBe('0');
    expect(body.tools).toBeUndefined();
    expect(body.options).toEqual({ temperature: 0.6, num_ctx: 8192, num_predict: 1024 });
  });
});
