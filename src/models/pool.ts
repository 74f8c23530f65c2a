// Clients made of clients: several endpoints serving one agent, and a pool whose agents are served by
// different providers (an Ollama box for the small agents, a vLLM node for 32B).
//
// EndpointSet: least-outstanding-requests dispatch over the healthy endpoints; a call that fails with an
// infrastructure error a retry could cure (connection, 5xx, stall, timeout, stream, 429) goes to another
// healthy endpoint, and drains the failing one for a cool-down (a 429/503 only narrows its window), so a box that dies mid-run loses no call. A
// drained endpoint comes back after the cool-down when a cheap probe (`ping`) answers. Each endpoint's
// concurrency adapts (AIMD): a 429/503 or a call far slower than the endpoint's running median halves
// its window, each success widens it by 1 / window, between 1 and `maxWindow`. Every response says
// which endpoint served it (`ChatResponse.endpoint`).
import { ApiCallError } from '../errors.ts';
import type { ChatRequest, ChatResponse, ModelClient, ModelInfo } from './types.ts';

export interface EndpointSetOptions {
  /** Milliseconds a failing endpoint stays drained before it is probed again (default 30 s). */
  cooldownMs?: number;
  /** Upper bound of an endpoint's adaptive window (default 16). */
  maxWindow?: number;
  /** A call slower than this many times the endpoint's median counts as congestion (default 4). */
  slowFactor?: number;
}

interface Endpoint {
  client: ModelClient;
  outstanding: number;
  window: number;
  drainedUntil: number;
  latencies: number[];
  served: number;
}

const failover = (e: unknown) => e instanceof ApiCallError && e.isRetryable;
const congestion = (e: unknown) => e instanceof ApiCallError && (e.status === 429 || e.status === 503);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Infinity;
}

export class EndpointSet implements ModelClient {
  readonly provider: string;
  readonly endpoint: string;
  private readonly eps: Endpoint[];
  private readonly waiters: (() => void)[] = [];
  private readonly cooldownMs: number;
  private readonly maxWindow: number;
  private readonly slowFactor: number;

  constructor(clients: ModelClient[], o: EndpointSetOptions = {}) {
    if (clients.length === 0) throw new Error('EndpointSet needs at least one endpoint');
    this.provider = clients[0]!.provider;
    this.endpoint = clients.map((c) => c.endpoint).join(',');
    this.cooldownMs = o.cooldownMs ?? 30_000;
    this.maxWindow = o.maxWindow ?? 16;
    this.slowFactor = o.slowFactor ?? 4;
    this.eps = clients.map((client) => ({ client, outstanding: 0, window: Math.min(4, this.maxWindow), drainedUntil: 0, latencies: [], served: 0 }));
  }

  /** Calls served per endpoint so far (for the manifest). */
  stats(): { endpoint: string; served: number; window: number; drained: boolean }[] {
    const now = Date.now();
    return this.eps.map((e) => ({ endpoint: e.client.endpoint, served: e.served, window: Math.round(e.window * 100) / 100, drained: e.drainedUntil > now }));
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    const tried = new Set<Endpoint>();
    let lastError: unknown;
    for (;;) {
      const ep = await this.acquire(tried);
      if (!ep) throw lastError ?? new ApiCallError(`no healthy endpoint left for ${req.model} (${this.endpoint})`, { kind: 'connection', url: this.endpoint, isRetryable: true });
      tried.add(ep);
      const t0 = performance.now();
      try {
        const r = await ep.client.chat(req);
        const ms = performance.now() - t0;
        const slow = ep.latencies.length >= 8 && ms > this.slowFactor * median(ep.latencies);
        ep.latencies.push(ms);
        if (ep.latencies.length > 64) ep.latencies.shift();
        ep.window = slow ? Math.max(1, ep.window / 2) : Math.min(this.maxWindow, ep.window + 1 / ep.window);
        ep.served++;
        return { ...r, endpoint: ep.client.endpoint };
      } catch (e) {
        lastError = e;
        if (congestion(e)) ep.window = Math.max(1, ep.window / 2);
        if (!failover(e) || req.signal?.aborted) throw e;
        // Congestion narrows the window; anything else drains the endpoint for the cool-down.
        if (!congestion(e)) ep.drainedUntil = Date.now() + this.cooldownMs;
      } finally {
        ep.outstanding--;
        this.wake();
      }
    }
  }

  /** The healthy endpoint with the fewest outstanding calls and room in its window; waits for room. */
  private async acquire(tried: Set<Endpoint>): Promise<Endpoint | undefined> {
    for (;;) {
      const now = Date.now();
      for (const e of this.eps) if (e.drainedUntil && e.drainedUntil <= now) await this.probe(e);
      const healthy = this.eps.filter((e) => e.drainedUntil <= Date.now() && !tried.has(e));
      if (healthy.length === 0) return undefined;
      const open = healthy.filter((e) => e.outstanding < Math.floor(e.window));
      if (open.length) {
        const best = open.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
        best.outstanding++;
        return best;
      }
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  private async probe(e: Endpoint): Promise<void> {
    try {
      await e.client.ping();
      e.drainedUntil = 0;
    } catch {
      e.drainedUntil = Date.now() + this.cooldownMs;
    }
  }

  private wake(): void {
    this.waiters.splice(0).forEach((w) => w());
  }

  async describe(model: string): Promise<ModelInfo> {
    let last: unknown;
    for (const e of this.eps) {
      try {
        return await e.client.describe(model);
      } catch (err) {
        last = err;
      }
    }
    throw last;
  }

  async ping(): Promise<{ version: string }> {
    const results = await Promise.allSettled(this.eps.map((e) => e.client.ping()));
    const ok = results.find((r): r is PromiseFulfilledResult<{ version: string }> => r.status === 'fulfilled');
    if (ok) return ok.value;
    throw (results[0] as PromiseRejectedResult).reason;
  }
}

/** Agents served by different clients: each call goes to its agent's client (`meta.agent`). */
export class AgentPool implements ModelClient {
  readonly provider: string;
  readonly endpoint: string;
  constructor(
    private readonly byAgent: Map<string, ModelClient>,
    private readonly byModel: Map<string, ModelClient>,
  ) {
    const clients = [...new Set(byAgent.values())];
    this.provider = [...new Set(clients.map((c) => c.provider))].join('+');
    this.endpoint = clients.map((c) => c.endpoint).join(' ');
  }

  private pick(agent: string | undefined, model: string): ModelClient {
    const c = (agent !== undefined ? this.byAgent.get(agent) : undefined) ?? this.byModel.get(model);
    if (!c) throw new Error(`agent pool: no client serves agent '${agent}' (model ${model})`);
    return c;
  }

  chat(req: ChatRequest): Promise<ChatResponse> {
    return this.pick(req.meta.agent, req.model).chat(req);
  }

  describe(model: string): Promise<ModelInfo> {
    return this.pick(undefined, model).describe(model);
  }

  async ping(): Promise<{ version: string }> {
    const versions = await Promise.all([...new Set(this.byAgent.values())].map((c) => c.ping()));
    return { version: versions.map((v) => v.version).join(', ') };
  }
}
