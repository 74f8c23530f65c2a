// One side of the `provider` section in a process of its own: our provider or the raw official client,
// against its own fake Ollama server (a worker thread), at one concurrency. Prints one JSON line:
// {"side", "concurrency", "requests", "reqPerSec", "cpuUsPerReq"}.
//
// Why a process per side: interleaved in one process, each client's garbage is collected during the
// other's rounds and both share one JIT and one heap, so a round's time also measures its neighbour.
// Alternating fresh processes (provider.ts) compare the two clients with nothing shared but the machine.
//
// Usage: node --import tsx scripts/bench/provider-side.ts ours|raw CONCURRENCY WARMUP TIMED
import { Ollama } from 'ollama';
import { createOllamaClient } from '../../src/models/ollama/index.ts';
import { drive } from './common.ts';
import { startServer } from './fake-ollama.ts';
import { oursChat, rawChat } from './provider-cpu.ts';

async function main(): Promise<void> {
  const [side, c, w, t] = process.argv.slice(2);
  if (side !== 'ours' && side !== 'raw') throw new Error('usage: provider-side.ts ours|raw CONCURRENCY WARMUP TIMED');
  const concurrency = Number(c);
  const warmup = Number(w);
  const timed = Number(t);
  const server = await startServer('thread');
  try {
    let one: () => Promise<void>;
    if (side === 'ours') {
      const ours = createOllamaClient({ host: server.url });
      let seq = 0;
      one = () => oursChat(ours, seq++);
    } else {
      const raw = new Ollama({ host: server.url });
      one = () => rawChat(raw);
    }
    await drive(warmup, concurrency, one);
    const cpu0 = process.cpuUsage();
    const ms = await drive(timed, concurrency, one);
    const cpu = process.cpuUsage(cpu0);
    const received = await server.chatCount();
    if (received !== warmup + timed) throw new Error(`provider bench: sent ${warmup + timed} chat requests but the server received ${received}`);
    process.stdout.write(`${JSON.stringify({ side, concurrency, requests: timed, reqPerSec: timed / (ms / 1000), cpuUsPerReq: (cpu.user + cpu.system) / timed })}\n`);
  } finally {
    await server.close();
  }
}

await main();
