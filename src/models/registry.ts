// Provider registry: a provider is a factory from the configuration to a ModelClient.
// Adding a provider = one adapter file implementing ModelClient + one entry here.
import type { Config } from '../config/types.ts';
import { ApiCallError, ConfigError, NoSuchNameError } from '../errors.ts';
import type { Task } from '../tasks/types.ts';
import { createLlamaCppClient } from './llamacpp/client.ts';
import { prepareLlamaCppRun } from './llamacpp/cli-support.ts';
import { llamaCppSettingsFromEnv } from './llamacpp/settings.ts';
import { createOllamaClient } from './ollama/index.ts';
import { createOpenAiClient } from './openai/index.ts';
import { AgentPool, EndpointSet } from './pool.ts';
import { SwapGate } from './swap-gate.ts';
import type { SimSuiteProtocol } from './sim/protocol.ts';
import { createSimClient } from './sim/sim-client.ts';
import type { ModelClient } from './types.ts';

export const PROVIDERS = ['ollama', 'openai', 'llamacpp', 'sim'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface ProviderContext {
  config: Config;
  /** The tasks of the run (the sim provider plays them). */
  tasks: Task[];
  /** How the sim provider plays the suites it does not know itself (src/suites/index.ts simProtocolsOf). */
  simProtocols?: SimSuiteProtocol[];
}

const ollamaAt = (config: Config, host: string): ModelClient => {
  const client = createOllamaClient({
    host,
    stallTimeoutMs: config.ollama.stall_timeout_s * 1000,
    requestTimeoutMs: config.ollama.request_timeout_s * 1000,
    retries: config.ollama.retries,
    backoffMs: config.ollama.backoff_ms,
  });
  // A box that cannot hold every model: serve one model's backlog before loading the next.
  const slots = config.ollama.resident_models;
  return slots ? new SwapGate(client, { slots }) : client;
};

const openaiAt = (config: Config, baseURL: string): ModelClient => {
  const o = config.openai;
  const apiKey = process.env[o.api_key_env];
  return createOpenAiClient({
    baseURL,
    ...(apiKey ? { apiKey } : {}),
    stallTimeoutMs: o.stall_timeout_s * 1000,
    requestTimeoutMs: o.request_timeout_s * 1000,
    retries: o.retries,
    backoffMs: o.backoff_ms,
    thinkField: o.think_field,
  });
};

const factories: Record<ProviderName, (ctx: ProviderContext) => ModelClient> = {
  ollama: ({ config }) => ollamaAt(config, config.ollama.host),
  openai: ({ config }) => openaiAt(config, config.openai.base_url),
  // In-process llama.cpp; settings from SALE_LLAMACPP_* (see llamacpp/settings.ts). The engine
  // itself is imported on the first call, so this works (and describes models) without it installed.
  llamacpp: () => createLlamaCppClient(llamaCppSettingsFromEnv()),
  sim: ({ config, tasks, simProtocols }) => {
    const domains = new Set(tasks.map((t) => t.domain));
    const problems: string[] = [];
    for (const d of domains) {
      for (const a of config.agents) {
        if (!config.sim.domains[d]?.anchors[a.name]) problems.push(`${config.dir}/sim.yaml: domains.${d}.anchors.${a.name}: no calibration for agent '${a.name}'`);
      }
    }
    if (problems.length) throw new ConfigError(problems, { fix: 'add five per-bin pass@1 anchors for the agent in sim.yaml' });
    return createSimClient({ calibration: config.sim, tasks: new Map(tasks.map((t) => [t.id, t])), ...(simProtocols ? { protocols: simProtocols } : {}) });
  },
};

export function parseProvider(name: string): ProviderName {
  if ((PROVIDERS as readonly string[]).includes(name)) return name as ProviderName;
  throw new NoSuchNameError('provider', name, PROVIDERS);
}

/**
 * The run's client. Agents that name their own provider or endpoints in agents.yaml get their own
 * client (several endpoints: an EndpointSet with least-outstanding dispatch and fail-over); the others
 * share the run's --provider. Under `sim` every agent is simulated, whatever agents.yaml says.
 */
export function createModelClient(provider: ProviderName, ctx: ProviderContext): ModelClient {
  const client = poolFor(provider, ctx);
  return clientWrapper ? clientWrapper(client) : client;
}

let clientWrapper: ((client: ModelClient) => ModelClient) | undefined;

/**
 * Put a layer in front of every client made from now on (`sale repro paper`'s call journal, which
 * answers calls already made from its file); returns the function that takes it away again.
 */
export function wrapModelClients(wrap: (client: ModelClient) => ModelClient): () => void {
  const before = clientWrapper;
  clientWrapper = wrap;
  return () => {
    clientWrapper = before;
  };
}

function poolFor(provider: ProviderName, ctx: ProviderContext): ModelClient {
  const base = factories[provider](ctx);
  const own = ctx.config.agents.filter((a) => a.provider !== undefined || a.endpoints !== undefined);
  if (provider === 'sim' || provider === 'llamacpp' || own.length === 0) return base;
  const byAgent = new Map<string, ModelClient>();
  const byModel = new Map<string, ModelClient>();
  const cooldownMs = ctx.config.openai.endpoint_cooldown_s * 1000;
  for (const a of ctx.config.agents) {
    let client = base;
    if (a.provider !== undefined || a.endpoints !== undefined) {
      const kind = a.provider ?? provider;
      const urls = a.endpoints ?? [kind === 'openai' ? ctx.config.openai.base_url : ctx.config.ollama.host];
      const clients = urls.map((u) => (kind === 'openai' ? openaiAt(ctx.config, u.replace(/\/+$/, '')) : ollamaAt(ctx.config, u)));
      client = clients.length === 1 ? clients[0]! : new EndpointSet(clients, { cooldownMs });
    }
    byAgent.set(a.name, client);
    if (!byModel.has(a.model)) byModel.set(a.model, client);
  }
  return new AgentPool(byAgent, byModel);
}

/**
 * No --provider given: use Ollama when it answers, else stop and say how to simulate.
 * Never falls back to simulation silently.
 */
export async function autoProvider(config: Config): Promise<ProviderName> {
  const probe = createOllamaClient({ host: config.ollama.host, retries: 0, requestTimeoutMs: 3000 });
  try {
    await probe.ping();
    return 'ollama';
  } catch (e) {
    const why = e instanceof ApiCallError ? e.message : (e as Error).message;
    throw new ConfigError([`no --provider given and no Ollama server answers at ${config.ollama.host} (${why})`], {
      fix: 'start Ollama (`ollama serve`) or set OLLAMA_HOST; to run without models, pass --provider sim (results are SIMULATED)',
    });
  }
}

export { applyModelPath } from './llamacpp/cli-support.ts';

/**
 * Before a run starts: Ollama answers; llama.cpp loads and every agent's model resolves to a GGUF file
 * (--model-path only with llamacpp). Returns whether any model is one this project generated for tests.
 */
export async function prepareProvider(provider: ProviderName, client: ModelClient, config: Config, modelPath: string | undefined, stderr: NodeJS.WritableStream = process.stderr): Promise<{ generatedModel: boolean }> {
  if (provider === 'ollama') await client.ping();
  return { generatedModel: await prepareLlamaCppRun(provider, client, config, modelPath, stderr) };
}
