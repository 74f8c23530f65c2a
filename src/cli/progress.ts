// Renders runner events: a progress bar per agent on a terminal, plain periodic lines otherwise.
import cliProgress from 'cli-progress';
import type { RunEvent } from '../runner/run-bench.ts';

interface Counters {
  done: number;
  total: number;
  passed: number;
  tokens: number;
  infra: number;
}

export function createProgress(options: { tty: boolean; stream?: NodeJS.WriteStream; intervalMs?: number; label?: string }) {
  const stream = options.stream ?? process.stderr;
  const counters = new Map<string, Counters>();
  let multibar: cliProgress.MultiBar | null = null;
  const bars = new Map<string, cliProgress.SingleBar>();
  let lastLine = 0;
  let startedAt = Date.now();

  const payload = (c: Counters) => ({ passed: c.passed, tokens: c.tokens >= 1e6 ? `${(c.tokens / 1e6).toFixed(2)}M` : `${(c.tokens / 1e3).toFixed(1)}k`, infra: c.infra });

  const plainLine = () => {
    const elapsed = (Date.now() - startedAt) / 1000;
    const parts = [...counters.entries()].map(([a, c]) => `${a} ${c.done}/${c.total} pass ${c.passed}${c.infra ? ` infra ${c.infra}` : ''}`);
    stream.write(`[${elapsed.toFixed(0)}s]${options.label ? ` ${options.label}` : ''} ${parts.join(' · ')}\n`);
  };

  return {
    onEvent(event: RunEvent) {
      if (event.type === 'run-start') {
        startedAt = Date.now();
        for (const [agent, total] of Object.entries(event.total)) {
          counters.set(agent, { done: event.done[agent] ?? 0, total, passed: event.passed[agent] ?? 0, tokens: 0, infra: 0 });
        }
        if (event.resumed) stream.write(`resuming: ${event.resumed} attempts already recorded in ${event.dir}\n`);
        if (options.tty) {
          multibar = new cliProgress.MultiBar(
            {
              format: `{agent} [{bar}] {value}/{total} | pass {passed} | tok {tokens} | infra {infra} | ETA {eta_formatted}`,
              hideCursor: true,
              clearOnComplete: false,
              stream,
              etaBuffer: 50,
            },
            cliProgress.Presets.shades_classic,
          );
          for (const [agent, c] of counters) bars.set(agent, multibar.create(c.total, c.done, { agent: agent.padEnd(Math.max(5, ...[...counters.keys()].map((k) => k.length))), ...payload(c) }));
        } else plainLine();
      } else if (event.type === 'attempt-finish') {
        const r = event.record;
        const labelOf = r.system.replace(/^(agent|router):/, '');
        const c = counters.get(labelOf);
        if (!c) return;
        c.done++;
        if (r.passed) c.passed++;
        if (r.status === 'infra-error') c.infra++;
        c.tokens += r.usage.inputTokens + r.usage.outputTokens;
        const bar = bars.get(labelOf);
        if (bar) bar.update(c.done, payload(c));
        else if (Date.now() - lastLine > (options.intervalMs ?? 10_000)) {
          lastLine = Date.now();
          plainLine();
        }
      } else if (event.type === 'run-finish') {
        if (multibar) multibar.stop();
        else plainLine();
      }
    },
  };
}
