// One timer for every attempt of a client, and abort controllers reused only when they never fired:
// the limits still hold per attempt, an idle client holds no timer, and reuse never leaks listeners.
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../errors.ts';
import { chatRequest as request, useFakeOllama } from '../../../tests/support/ollama-provider.ts';
import { CONTROLLER_USES, ControllerPool, Watchdog, type Watched } from './watchdog.ts';

const fake = useFakeOllama();

/** A Watched that expires at a fixed time and records when it was told so. */
function due(at: number): Watched & { expiredAt?: number } {
  const w: Watched & { expiredAt?: number } = {
    nextWake: () => at,
    expire(now: number) {
      if (now < at) return false;
      w.expiredAt = now;
      return true;
    },
  };
  return w;
}

const activeTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('watchdog: one timer for all attempts', () => {
  it('an attempt with an earlier deadline re-arms the timer; each expires no earlier than its deadline', async () => {
    const dog = new Watchdog();
    const t0 = performance.now();
    const late = due(t0 + 400);
    const early = due(t0 + 40);
    dog.add(late, t0);
    dog.add(early, t0);
    await new Promise((r) => setTimeout(r, 200));
    expect(early.expiredAt).toBeGreaterThanOrEqual(t0 + 40);
    expect(late.expiredAt).toBeUndefined();
    expect(dog.size).toBe(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(late.expiredAt).toBeGreaterThanOrEqual(t0 + 400);
    expect(dog.size).toBe(0);
  });

  it('an idle watchdog keeps no referenced timer (a finished client never holds a process open)', () => {
    const before = activeTimers();
    const dog = new Watchdog();
    const w = due(performance.now() + 60_000);
    dog.add(w, performance.now());
    expect(activeTimers()).toBe(before + 1);
    dog.delete(w);
    expect(activeTimers()).toBe(before);
    dog.add(w, performance.now());
    expect(activeTimers()).toBe(before + 1);
    dog.delete(w);
  });

  it('concurrent stalled calls are each aborted at the stall limit, the healthy ones finish', async () => {
    const stall = { stall: { afterChunk: 0, ms: 'forever' as const } };
    fake.server.enqueue('qwen3:8b', { content: 'aaaa', chunks: 2, ...stall }, { content: 'ok-1' }, { content: 'bbbb', chunks: 2, ...stall }, { content: 'ok-2' });
    const c = fake.client({ retries: 0, stallTimeoutMs: 150 });
    const started = performance.now();
    const settled = await Promise.allSettled([c.chat(request()), c.chat(request()), c.chat(request()), c.chat(request())]);
    const elapsed = performance.now() - started;
    const failed = settled.filter((s) => s.status === 'rejected').map((s) => (s as PromiseRejectedResult).reason as ApiCallError);
    expect(failed).toHaveLength(2);
    for (const e of failed) expect(e.kind).toBe('stall');
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(150);
  });
});

describe('controller pool', () => {
  it('reuses a controller that never fired, never one that did, and retires it after CONTROLLER_USES uses', () => {
    const pool = new ControllerPool();
    const a = pool.take();
    pool.give(a);
    expect(pool.take()).toBe(a);
    a.controller.abort();
    pool.give(a);
    expect(pool.idle).toBe(0);
    const b = pool.take();
    for (let i = 1; i < CONTROLLER_USES; i++) {
      pool.give(b);
      expect(pool.take()).toBe(b);
    }
    pool.give(b);
    expect(pool.idle).toBe(0);
  });

  it('a client reuses controllers over many calls without a listener warning, and retries after a failed attempt', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const n = 3 * CONTROLLER_USES + 5;
      fake.server.enqueue('qwen3:8b', ...Array.from({ length: n }, (_, i) => ({ content: `r${i}` })));
      const c = fake.client();
      for (let i = 0; i < n; i++) expect((await c.chat(request())).message.content).toBe(`r${i}`);
      // A failed attempt (error line mid-stream) aborts its controller; the retry runs on another one.
      fake.server.enqueue('qwen3:8b', { content: 'half', errorLine: 'boom' }, { content: 'after' });
      const retried = await c.chat(request());
      expect([retried.message.content, retried.attempts]).toEqual(['after', 2]);
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
