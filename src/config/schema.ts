import { z } from 'zod';

const callOptions = z.strictObject({
  think: z.boolean(),
  temperature: z.number().min(0).max(2),
  num_predict: z.number().int().positive(),
  top_logprobs: z.number().int().min(0).max(20).optional(),
});
const callTypes = z.strictObject({
  execute: callOptions,
  bid: callOptions,
  judge: callOptions,
  refine: callOptions,
});

export const agentsFileSchema = z.strictObject({
  defaults: z.strictObject({
    context_length: z.number().int().min(2048),
    keep_alive: z.string().default('30m'),
    call_types: callTypes,
  }),
  agents: z
    .record(
      z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'agent names are lower-case letters, digits, _ . -'),
      z.strictObject({
        model: z.string().min(1),
        price_per_mtok: z.number().nonnegative(),
        /** Who serves this agent, when not the run's --provider (a pool may mix engines). */
        provider: z.enum(['ollama', 'openai']).optional(),
        /** Base URLs serving this agent (Ollama hosts, or OpenAI-compatible …/v1 URLs); several = load-balanced. */
        endpoints: z.array(z.string().url()).min(1).optional(),
        context_length: z.number().int().min(2048).optional(),
        call_types: z.strictObject({
          execute: callOptions.partial().optional(),
          bid: callOptions.partial().optional(),
          judge: callOptions.partial().optional(),
          refine: callOptions.partial().optional(),
        }).optional(),
      }),
    )
    .refine((a) => Object.keys(a).length > 0, 'define at least one agent'),
});

export const ollamaFileSchema = z.strictObject({
  host: z.string().url(),
  stall_timeout_s: z.number().positive(),
  request_timeout_s: z.number().positive(),
  retries: z.number().int().min(0).max(10),
  backoff_ms: z.number().int().min(0),
  /** How many models the GPU holds at once; set it (e.g. 2 for the four Qwen3 sizes on 24 GB) to order calls swap-aware. */
  resident_models: z.number().int().min(1).nullable().default(null),
});

/** configs/openai.yaml (optional): OpenAI-compatible serving engines (vLLM, SGLang, llama-server). */
export const openaiFileSchema = z.strictObject({
  base_url: z.string().url().default('http://127.0.0.1:8000/v1'),
  /** Environment variable holding the API key (engines started with --api-key); unset = no key. */
  api_key_env: z.string().min(1).default('SALE_OPENAI_API_KEY'),
  stall_timeout_s: z.number().positive().default(120),
  request_timeout_s: z.number().positive().default(1800),
  retries: z.number().int().min(0).max(10).default(3),
  backoff_ms: z.number().int().min(0).default(1000),
  /** How thinking is switched per call: chat_template_kwargs.enable_thinking (vLLM, SGLang, llama-server) or not at all. */
  think_field: z.enum(['chat_template_kwargs', 'none']).default('chat_template_kwargs'),
  /** Seconds a failing endpoint stays drained when an agent has several. */
  endpoint_cooldown_s: z.number().positive().default(30),
});

const suiteSchema = z.strictObject({
  /** Which suite implementation runs these tasks; defaults to the suite's name. */
  kind: z.enum(['coding', 'deepsearch']).optional(),
  datasets: z.array(z.string().min(1)).min(1),
  budgets: z.strictObject({
    max_steps: z.number().int().positive(),
    max_tokens: z.number().int().positive(),
  }),
  sandbox: z
    .strictObject({
      timeout_ms: z.number().int().positive(),
      cpu_seconds: z.number().int().positive(),
      memory_mb: z.number().int().positive(),
      max_processes: z.number().int().positive(),
      max_output_bytes: z.number().int().positive(),
    })
    .optional(),
  tool_output_chars: z.number().int().positive().default(4000),
  /** Deep search: the corpus JSONL (relative to the project root); tasks with a corpus.jsonl beside them use that one. */
  corpus: z.string().min(1).optional(),
  /** Deep search: characters per page of the `open` tool. */
  page_chars: z.number().int().min(200).optional(),
  /** Deep search: hits a `search` returns when the model does not give k. */
  search_k: z.number().int().min(1).max(50).optional(),
});
export const suitesFileSchema = z.record(z.string(), suiteSchema);

const anchorRow = z.array(z.number().min(0).max(1)).length(5, 'give one pass@1 per bin (5 numbers)');
export const simFileSchema = z.strictObject({
  bin_tau: z.array(z.number().positive()).length(5),
  /** Latin-hypercube latent draws within each loaded τ bin (src/models/sim/strata.ts); false = independent draws. */
  stratify: z.boolean().default(true),
  domains: z.record(
    z.enum(['coding', 'deepsearch']),
    z
      .strictObject({
        /** Expected oracle pass@1 over the loaded tasks; ρ is solved from it at load time. */
        oracle: z.number().gt(0).lt(1).optional(),
        /** ρ used as is when no oracle target is given (or no tasks are loaded). */
        shared_difficulty: z.number().min(0).max(1).optional(),
        anchors: z.record(z.string(), anchorRow),
      })
      .refine((d) => d.oracle !== undefined || d.shared_difficulty !== undefined, { message: 'give oracle (a target pass@1) or shared_difficulty (ρ)', path: ['oracle'] }),
  ),
  /** SIMULATED plan lengths and their rank correlation with the author's trace length (src/models/sim/plan-length.ts). */
  plan_length: z
    .strictObject({
      median_tokens: z.number().positive().default(160),
      sigma: z.number().nonnegative().default(0.35),
      trace_spearman: z.number().min(0).max(1).default(0.39),
      quality: z.number().nonnegative().default(0.5),
    })
    .prefault({}),
  tokens: z.strictObject({
    /** Agent steps of an execution trace: steps_base · τ^steps_exponent, lognormal noise steps_sigma. */
    steps_base: z.number().positive(),
    steps_exponent: z.number(),
    steps_sigma: z.number().nonnegative(),
    /** Output tokens per step (mean) and tool-observation tokens per step, per domain. */
    step_output: z.number().int().positive(),
    step_observation: z.record(z.enum(['coding', 'deepsearch']), z.number().int().nonnegative()),
    decode_tok_per_s: z.record(z.string(), z.number().positive()),
    prefill_tok_per_s: z.number().positive(),
  }),
});

// configs/sale.yaml: the strategy auction (src/sale/). Optional file: without it these defaults apply.
const saleWeight = z.number().min(0);
export const saleFileSchema = z
  .strictObject({
    train_frac: z.number().min(0).lt(1).default(0.2),
    orders: z.number().int().min(1).max(100).default(5),
    order_seed: z.number().int().min(0).default(0),
    k: z.number().int().min(1).max(64).default(8),
    jury: z.enum(['all', 'self', 'peer']).default('all'),
    embedder: z.enum(['tfidf', 'all-minilm']).default('tfidf'),
    plan: z
      .strictObject({
        max_words: z.number().int().min(20).default(250),
        max_chars: z.number().int().min(200).default(2400),
        top_logprobs: z.number().int().min(1).max(20).default(20),
      })
      .prefault({}),
    weights: z
      .strictObject({
        method: z.enum(['utility', 'minimax-margin', 'minimax-milp', 'fixed']).default('utility'),
        /** utility: a solved task is worth λ × the largest agent's mean cost (the routers' --lambda). */
        lambda: z.number().nonnegative().default(5),
        /** utility: folds of the cross-validation that picks the fit's λ and method. */
        cv_folds: z.number().int().min(2).max(20).default(5),
        margin_target: z.number().positive().default(1),
        big_m: z.number().positive().default(10000),
        fixed: z
          .strictObject({
            cost: saleWeight,
            entropy: saleWeight,
            jury: z.union([saleWeight, z.record(z.string(), saleWeight)]),
          })
          .optional(),
      })
      .prefault({})
      .refine((w) => w.method !== 'fixed' || w.fixed !== undefined, { message: 'method: fixed needs weights.fixed (cost, entropy, jury)', path: ['fixed'] }),
    reuse_identical_calls: z.boolean().default(true),
    // Auctions of a window of this many tasks have their bid and bid-jury calls made together, model by
    // model (swap-aware); 1 = one auction at a time. Results do not depend on it (not in the fingerprint).
    batch_window: z.number().int().min(1).default(16),
    memory: z.strictObject({ shared_file: z.string().min(1).nullable().default(null) }).prefault({}),
    sim: z
      .strictObject({
        signal_strength: z.number().min(0).max(1).default(0.5),
        memory_gain: z.number().min(0).max(1).default(0.5),
      })
      .prefault({}),
  })
  .prefault({});

export type AgentsFile = z.infer<typeof agentsFileSchema>;
export type SaleFile = z.infer<typeof saleFileSchema>;
export type OllamaFile = z.infer<typeof ollamaFileSchema>;
export type OpenAiFile = z.infer<typeof openaiFileSchema>;
export type SuitesFile = z.infer<typeof suitesFileSchema>;
export type SuiteConfig = z.infer<typeof suiteSchema>;
export type SimFile = z.infer<typeof simFileSchema>;
export type CallOptions = z.infer<typeof callOptions>;
