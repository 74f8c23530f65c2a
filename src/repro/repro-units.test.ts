// The pieces of `sale repro paper` one at a time: the protocol file and its checks, the paper's numbers,
// the call journal (an answered call is never made again, across processes; budgets), the estimate's
// scaling and the SIMULATED label on every line.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { ConfigError } from '../errors.ts';
import type { ChatRequest, ChatResponse, ModelClient } from '../models/types.ts';
import { estimateProtocol } from './estimate.ts';
import { BudgetReached, CallJournal } from './journal.ts';
import { ablationFlags, checkConfigAgainstProtocol, loadProtocol } from './protocol.ts';
import { loadReported, paperNumber } from './reported.ts';
import { labelEveryLine } from './reproduction.ts';
import { insideCell, diffCell } from './compare-cells.ts';
import { saleInProcess } from '../../tests/support/in-process.ts';
import { existsSync } from 'node:fs';

const tmp = () => mkdtempSync(join(tmpdir(), 'repro-'));

function countingClient(): ModelClient & { calls: number } {
  const c = {
    calls: 0,
    provider: 'fake',
    endpoint: 'in-process',
    describe: async (model: string) => ({ model, present: true }),
    ping: async () => ({ version: '0' }),
    chat: async (req: ChatRequest): Promise<ChatResponse> => {
      c.calls++;
      return {
        message: { role: 'assistant', content: `reply to ${req.messages.at(-1)?.content}` },
        usage: { inputTokens: 1000, outputTokens: 100 },
        timings: { totalNs: 2e9, loadNs: 0, promptEvalNs: 1e9, evalNs: 1e9 },
        finishReason: { unified: 'stop', raw: 'stop' },
        logprobs: [{ token: 'a', logprob: -Infinity, top: [{ token: 'a', logprob: 0 }] }],
        truncated: false,
        wallMs: 5,
        attempts: 1,
        simulated: false,
      };
    },
  };
  return c;
}

const request = (text: string, agent = '4b'): ChatRequest => ({
  model: `qwen3:${agent}`,
  messages: [{ role: 'user', content: text }],
  options: { temperature: 0, numCtx: 4096, numPredict: 64, think: false, seed: 0 },
  meta: { taskId: 't1', agent, callType: 'execute', turn: 0, seed: 0 },
});

describe('configs/paper.yaml', () => {
  it('loads, agrees with configs/, and names the ablation flags', () => {
    const p = loadProtocol();
    expect(Object.keys(p.agents)).toEqual(['4b', '8b', '14b', '32b']);
    expect(p.sale.orders).toBe(5);
    checkConfigAgainstProtocol(p, loadConfig());
    expect(ablationFlags(p)).toEqual(['--no-price', '--no-length', '--no-entropy', '--no-jury', '--no-memory', '--jury', 'self,peer,single']);
  });

  it('refuses a bad key with the file, the line and a fix', () => {
    const dir = tmp();
    const text = readFileSync(join(process.cwd(), 'configs', 'paper.yaml'), 'utf8').replace('orders: 5', 'orders: five');
    writeFileSync(join(dir, 'paper.yaml'), text);
    try {
      loadProtocol(join(dir, 'paper.yaml'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toMatch(/paper\.yaml:\d+: .*sale\.orders/);
      expect((e as ConfigError).fix).toMatch(/correct .*paper\.yaml/);
    }
  });

  it('refuses an unknown baseline and a configuration that disagrees on a price, naming both values', () => {
    const dir = tmp();
    const text = readFileSync(join(process.cwd(), 'configs', 'paper.yaml'), 'utf8');
    writeFileSync(join(dir, 'a.yaml'), text.replace('baselines: [random,', 'baselines: [bogus, random,'));
    expect(() => loadProtocol(join(dir, 'a.yaml'))).toThrow(/baselines: 'bogus' is not a router/);
    writeFileSync(join(dir, 'b.yaml'), text.replace('price_per_mtok: 0.36', 'price_per_mtok: 0.40'));
    expect(() => checkConfigAgainstProtocol(loadProtocol(join(dir, 'b.yaml')), loadConfig())).toThrow(/agents\.32b\.price_per_mtok is 0\.36, .*b\.yaml says 0\.4/);
  });

  it('the paper\'s numbers are data with their source', () => {
    const r = loadReported();
    expect(paperNumber(r, { system: 'sale', metric: 'pass_at_1', domain: 'coding', bin: 'all' })?.value).toBe(61.1);
    expect(paperNumber(r, { system: 'agent:4b', metric: 'ratio_to_largest', domain: 'coding', bin: 'le60' })).toMatchObject({ value: 17, high: 25 });
    expect(r.numbers.every((n) => n.source.length > 0)).toBe(true);
  });
});

describe('the call journal', () => {
  it('answers a call already made from its file, in another process too, and keeps -Infinity', async () => {
    const file = join(tmp(), 'calls.jsonl');
    const engine = countingClient();
    const a = new CallJournal(file, new Map([['4b', 0.05]])).wrap(engine);
    const first = await a.chat(request('x'));
    await Promise.all([a.chat(request('y')), a.chat(request('y'))]); // identical calls in flight: one engine call
    expect(engine.calls).toBe(2);
    const journal = new CallJournal(file, new Map([['4b', 0.05]]));
    const again = await journal.wrap(engine).chat(request('x'));
    expect(engine.calls).toBe(2);
    expect(journal.replayedCalls).toBe(1);
    expect(again).toEqual(first);
    expect(again.logprobs![0]!.logprob).toBe(-Infinity);
    expect(journal.spent().usd).toBeCloseTo((2 * 1100 * 0.05) / 1e6, 12);
  });

  it('passes a provider\'s own capabilities through, journaling the clients they return', async () => {
    const file = join(tmp(), 'calls.jsonl');
    const engine = countingClient();
    const special = countingClient();
    const sim = Object.assign(engine, { withAuction: (_s: unknown) => special, resolve: (m: string) => `/models/${m}` });
    const j = new CallJournal(file, new Map());
    const wrapped = j.wrap(sim) as typeof sim;
    expect(wrapped.resolve('x')).toBe('/models/x');
    const auction = wrapped.withAuction({});
    await auction.chat(request('bid'));
    await auction.chat(request('bid'));
    expect(special.calls).toBe(1);
    expect(engine.calls).toBe(0);
    expect(j.costs).toHaveLength(1);
  });

  it('a GPU-hours budget counts engine time, the pilot\'s included', async () => {
    const j = new CallJournal(join(tmp(), 'calls.jsonl'), new Map(), { gpuHours: 2.5 / 3600 });
    j.offset = { usd: 0, gpuHours: 1 / 3600 }; // the pilot used 1 GPU-second
    const client = j.wrap(countingClient()); // 2 GPU-seconds a call
    await client.chat(request('1'));
    await expect(client.chat(request('2'))).rejects.toThrow(/budget reached: .*0\.0008 GPU-hours spent \(budget: 0\.000694\d* GPU-hours\)/);
  });

  it('skips a line torn by a kill and makes that call again', async () => {
    const file = join(tmp(), 'calls.jsonl');
    const engine = countingClient();
    await new CallJournal(file, new Map()).wrap(engine).chat(request('x'));
    appendFileSync(file, '{"k":"abc","z":"tor');
    const j = new CallJournal(file, new Map());
    await j.wrap(engine).chat(request('x'));
    await j.wrap(engine).chat(request('z'));
    expect(engine.calls).toBe(2);
    expect(new CallJournal(file, new Map()).costs).toHaveLength(2);
  });

  it('refuses the call that would pass the budget, and remembers it', async () => {
    const file = join(tmp(), 'calls.jsonl');
    const j = new CallJournal(file, new Map([['4b', 100]]), { usd: 0.15 });
    const client = j.wrap(countingClient());
    await client.chat(request('1')); // $0.11
    await client.chat(request('2')); // $0.22: over, but it was asked under the budget
    await expect(client.chat(request('3'))).rejects.toBeInstanceOf(BudgetReached);
    expect(j.budgetHit?.spent.usd).toBeCloseTo(0.22, 9);
    // Calls already answered are free: no budget needed to read them back.
    await expect(client.chat(request('1'))).resolves.toBeDefined();
  });
});

describe('the estimate and REPRODUCTION.md', () => {
  it('scales each stratum by its tasks, each weighted by τ^b with b fitted on the pilot', () => {
    const cost = (task: string, tokens: number) => ({ stage: 'matrix', task, agent: '4b', type: 'execute' as const, inputTokens: tokens, outputTokens: 0, usd: tokens / 1e6, gpuSeconds: 1, wallMs: 1 });
    const s = (bin: string, tau: number) => ({ domain: 'coding', bin, tau });
    // Pilot tokens exactly proportional to τ (b = 1): the estimate is Σ τ over the full protocol's tasks.
    const e = estimateProtocol({
      costs: [cost('a', 100), cost('b', 200), cost('c', 10_000)],
      pilotTasks: new Map([['a', s('le0.1', 0.01)], ['b', s('le0.1', 0.02)], ['c', s('le60', 1)]]),
      fullTasks: [...Array.from({ length: 10 }, () => s('le0.1', 0.05)), s('le60', 1), s('le60', 2), s('le60', 3)],
      pilotWallMs: 3600_000,
    });
    expect(e.inputTokens).toBeCloseTo(10 * 0.05 * 1e4 + 6 * 1e4, 3);
    expect(e.tasks).toEqual({ pilot: 3, full: 13 });
    expect(e.wallHours).toBeCloseTo(e.inputTokens / 10_300, 9);
    // τ all equal in the pilot: no slope, the plain count ratio.
    const flat = estimateProtocol({ costs: [cost('a', 100), cost('b', 300)], pilotTasks: new Map([['a', s('le0.1', 0.05)], ['b', s('le0.1', 0.05)]]), fullTasks: Array.from({ length: 10 }, () => s('le0.1', 0.07)), pilotWallMs: 1 });
    expect(flat.inputTokens).toBeCloseTo(2000, 6);
    // The bound if SALE refined at every chance: 3 cheaper agents per auction, each refined plan judged by 4.
    const sale = (type: 'refine' | 'judge', tokens: number) => ({ ...cost('a', tokens), stage: 'sale', type });
    const bound = estimateProtocol({ costs: [cost('a', 100), sale('refine', 10), sale('judge', 1)], pilotTasks: new Map([['a', s('le0.1', 0.05)]]), fullTasks: [s('le0.1', 0.05), s('le0.1', 0.05)], pilotWallMs: 1, auctions: { pilot: 2, agents: 4 } });
    expect(bound.inputTokens).toBeCloseTo(222, 6);
    expect(bound.upperTokens).toBeCloseTo(222 - 20 + 4 * 3 * (10 + 4 * 1), 6);
  });

  it('labels every line of a simulated report', () => {
    const lines = labelEveryLine(['# Title', '', 'text', '| a | b |', '|---|---|', '| 1 | 2 |', '', '![fig](x.png)', '### sub'], 'SIMULATED');
    // Every line with words (a table's |---| separator has none).
    for (const l of lines.filter((x) => /\w/.test(x))) expect(l).toContain('SIMULATED');
    expect(lines[4]).toBe('|---|---|---|');
  });

  it('says whether the paper\'s number lies inside our interval, for a range too', () => {
    const ours = { value: 0.6, low: 0.5, high: 0.7 };
    expect(insideCell(ours, { value: 61.1 } as never)).toBe('yes');
    expect(insideCell(ours, { value: 48.7 } as never)).toBe('no');
    expect(insideCell(ours, { value: 40, high: 55 } as never)).toBe('yes');
    expect(diffCell(ours, { value: 58.4 } as never)).toBe('+1.6');
    expect(insideCell({ value: 0.6 }, { value: 60 } as never)).toBe('no interval');
  });
});

describe('sale repro paper: bad input', () => {
  it.each([
    [['--limit', '5'], /error: --limit 5: SALE's training split would be empty[^\n]*\nfix: use --limit 15 or more/],
    [['--budget-usd', 'abc'], /error: --budget-usd: 'abc' is not a positive number\nfix: /],
    [['--budget-usd', '1', '--budget-gpu-hours', '2'], /error: --budget-usd and --budget-gpu-hours: give one budget/],
    [['--provider', 'bogus'], /error: unknown provider 'bogus'/],
  ])('%j: one error and its fix, a failing exit, nothing written', async (args, message) => {
    const out = join(tmp(), 'run');
    const r = await saleInProcess(['repro', 'paper', '--provider', 'sim', ...args, '--out', out]);
    expect(r.code).toBeGreaterThan(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
  });
});
