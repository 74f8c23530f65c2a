// Section `provider`: chat requests/s through our Ollama provider vs the raw official `ollama` client,
// both against the fake Ollama server of tests/support, at concurrency 1 and 8. Two measurements:
//  - the target rows: each side in a fresh process of its own (provider-side.ts), alternating pairs,
//    median of the paired ratios — nothing shared but the machine;
//  - informational rows: both sides interleaved in this one process (rounds below), where each client's
//    garbage is collected during the other's rounds, so a round also measures its neighbour.
import { Ollama } from 'ollama';
import { createOllamaClient } from '../../src/models/ollama/index.ts';
import { drive, log, median, metric, type BenchOptions, type Metric, type SectionResult } from './common.ts';
import { BENCH_REPLY, startServer } from './fake-ollama.ts';
import { clientCpuComparison, oursChat, rawChat } from './provider-cpu.ts';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Requests per side, fixed so the section stays bounded (11 802 requests in all, about ten seconds):
 *  - a shared warm-up first (at concurrency 8): V8 needs on the order of a thousand calls before both
 *    code paths run optimised, and a short warm-up measures JIT tiering (which punishes the side with
 *    more code) rather than the steady-state overhead the target is about;
 *  - then per concurrency level a short warm-up at that level and `timed` requests per side, cut into
 *    `--rounds` alternating rounds (more rounds = finer interleaving, same number of requests).
 */
const WARMUP_PER_SIDE = 1000;
const LEVELS = [
  { concurrency: 1, timed: 2000, warmup: 50 },
  { concurrency: 8, timed: 2800, warmup: 50 },
] as const;
const PROVIDER_TARGET = 0.97;

/** JSON with sorted keys, to compare two request bodies whatever order their fields were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export async function providerSection(options: BenchOptions): Promise<SectionResult> {
  const server = await startServer(options.server);
  try {
    const ours = createOllamaClient({ host: server.url });
    const raw = new Ollama({ host: server.url });
    let seq = 0;
    const sides = {
      ours: () => oursChat(ours, seq++),
      raw: () => rawChat(raw),
    } as const;

    // Both sides must send the same body, or the comparison is unfair.
    await sides.ours();
    await sides.raw();
    const [oursBody, rawBody] = await server.lastChats(2);
    const sameBody = canonical(oursBody) === canonical(rawBody);
    if (!sameBody) log(`provider: WARNING the two sides sent different bodies:\n  ours: ${canonical(oursBody)}\n  raw:  ${canonical(rawBody)}`);
    let sent = 2;

    // Shared warm-up, alternating sides in slices.
    for (let i = 0; i < 5; i++) {
      await drive(WARMUP_PER_SIDE / 5, 8, sides.ours);
      await drive(WARMUP_PER_SIDE / 5, 8, sides.raw);
    }
    sent += 2 * WARMUP_PER_SIDE;

    const metrics: Metric[] = [];
    const levelDetails: Record<string, unknown>[] = [];
    for (const { concurrency, timed, warmup } of LEVELS) {
      const perRound = Math.max(10, Math.floor(timed / options.rounds));
      await drive(warmup, concurrency, sides.ours);
      await drive(warmup, concurrency, sides.raw);
      sent += 2 * warmup;
      const rps: Record<'ours' | 'raw', number[]> = { ours: [], raw: [] };
      // Process CPU time per request (client + fake server, all threads): less sensitive than wall time
      // to other processes taking the cores; the server's share is the same for both sides.
      const cpuUs: Record<'ours' | 'raw', number[]> = { ours: [], raw: [] };
      for (let round = 0; round < options.rounds; round++) {
        // Alternate which side goes first, so a trend (thermal, other load) does not favour one side.
        const order: ('ours' | 'raw')[] = round % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours'];
        for (const side of order) {
          const cpu0 = process.cpuUsage();
          const ms = await drive(perRound, concurrency, sides[side]);
          const cpu = process.cpuUsage(cpu0);
          rps[side].push(perRound / (ms / 1000));
          cpuUs[side].push((cpu.user + cpu.system) / perRound);
          sent += perRound;
        }
      }
      const oursMedian = median(rps.ours);
      const rawMedian = median(rps.raw);
      const ratio = oursMedian / rawMedian;
      // Each round's two halves ran back to back: their ratio cancels slow drifts of the machine.
      const pairedRatios = rps.ours.map((v, i) => v / rps.raw[i]!);
      const pairedMedian = median(pairedRatios);
      const oursCpu = median(cpuUs.ours);
      const rawCpu = median(cpuUs.raw);
      log(
        `provider c=${concurrency}: ours ${rps.ours.map((v) => v.toFixed(0)).join(' ')} req/s | raw ${rps.raw.map((v) => v.toFixed(0)).join(' ')} req/s` +
          ` | ratio of medians ${ratio.toFixed(3)}, median paired ratio ${pairedMedian.toFixed(3)}` +
          ` | CPU µs/req ours ${oursCpu.toFixed(0)} raw ${rawCpu.toFixed(0)}`,
      );
      const tag = `c=${concurrency}`;
      const rounds = `median of ${options.rounds} rounds x ${perRound} req`;
      metrics.push(metric('provider', `ours req/s ${tag}`, oursMedian, 'req/s', { note: rounds }));
      metrics.push(metric('provider', `raw req/s ${tag}`, rawMedian, 'req/s', { note: rounds }));
      metrics.push(
        metric('provider', `ratio ours/raw ${tag} (interleaved, one process)`, ratio, 'x', {
          note: `shared heap and GC; median paired ratio ${pairedMedian.toFixed(3)} (range ${Math.min(...pairedRatios).toFixed(2)}-${Math.max(...pairedRatios).toFixed(2)})`,
        }),
      );
      const apart = await separateProcesses(concurrency);
      metrics.push(
        metric('provider', `ratio ours/raw ${tag}`, apart.medianPaired, 'x', {
          target: { min: PROVIDER_TARGET },
          note: `a fresh process per side, ${SEPARATE_PAIRS} alternating pairs x ${SEPARATE_TIMED} req, median paired ratio (range ${Math.min(...apart.paired).toFixed(3)}-${Math.max(...apart.paired).toFixed(3)}); CPU µs/req ours ${median(apart.oursCpu).toFixed(0)} raw ${median(apart.rawCpu).toFixed(0)}`,
        }),
      );
      metrics.push(
        metric('provider', `CPU-time ratio raw/ours ${tag}`, rawCpu / oursCpu, 'x', {
          note: `process CPU µs/req: ours ${oursCpu.toFixed(0)}, raw ${rawCpu.toFixed(0)} (incl. fake server)`,
        }),
      );
      levelDetails.push({
        concurrency,
        perRound,
        warmup,
        rounds: options.rounds,
        oursReqPerSec: rps.ours,
        rawReqPerSec: rps.raw,
        ratioOfMedians: ratio,
        pairedRatios,
        pairedMedian,
        oursCpuUsPerReq: cpuUs.ours,
        rawCpuUsPerReq: cpuUs.raw,
        separateProcesses: apart,
      });
    }
    // What the provider adds per call, measured without a server (provider-cpu.ts).
    const clientCpu = await clientCpuComparison(options.rounds);
    metrics.push(...clientCpu.metrics);
    const received = await server.chatCount();
    if (received !== sent) throw new Error(`provider bench: sent ${sent} chat requests but the server received ${received}`);
    return {
      metrics,
      details: { server: server.where, reply: BENCH_REPLY, requests: sent, warmupPerSide: WARMUP_PER_SIDE, sameWireBody: sameBody, levels: levelDetails, clientCpu: clientCpu.details },
    };
  } finally {
    await server.close();
  }
}

/** Pairs of fresh processes per concurrency level (provider-side.ts), each warmed up, then timed. */
const SEPARATE_PAIRS = 6;
const SEPARATE_WARMUP = 2000;
const SEPARATE_TIMED = 4000;
const run = promisify(execFile);
const sideScript = fileURLToPath(new URL('./provider-side.ts', import.meta.url));

interface SideResult {
  reqPerSec: number;
  cpuUsPerReq: number;
}

async function side(name: 'ours' | 'raw', concurrency: number): Promise<SideResult> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', sideScript, name, String(concurrency), String(SEPARATE_WARMUP), String(SEPARATE_TIMED)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as SideResult;
}

/**
 * Our provider and the raw client, each in a fresh process with its own server, in alternating order
 * (ours first in even pairs): nothing shared but the machine. Each pair's ratio cancels slow drifts.
 */
async function separateProcesses(concurrency: number): Promise<{ paired: number[]; medianPaired: number; oursRps: number[]; rawRps: number[]; oursCpu: number[]; rawCpu: number[] }> {
  const out = { paired: [] as number[], medianPaired: 0, oursRps: [] as number[], rawRps: [] as number[], oursCpu: [] as number[], rawCpu: [] as number[] };
  for (let i = 0; i < SEPARATE_PAIRS; i++) {
    const first = i % 2 === 0 ? 'ours' : 'raw';
    const a = await side(first, concurrency);
    const b = await side(first === 'ours' ? 'raw' : 'ours', concurrency);
    const [o, r] = first === 'ours' ? [a, b] : [b, a];
    out.oursRps.push(o.reqPerSec);
    out.rawRps.push(r.reqPerSec);
    out.oursCpu.push(o.cpuUsPerReq);
    out.rawCpu.push(r.cpuUsPerReq);
    out.paired.push(o.reqPerSec / r.reqPerSec);
  }
  out.medianPaired = median(out.paired);
  log(`provider c=${concurrency} (a process per side): ours ${out.oursRps.map((v) => v.toFixed(0)).join(' ')} req/s | raw ${out.rawRps.map((v) => v.toFixed(0)).join(' ')} req/s | paired ${out.paired.map((v) => v.toFixed(3)).join(' ')}`);
  return out;
}
