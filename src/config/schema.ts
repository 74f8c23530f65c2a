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
});
export const suitesFileSchema = z.record(z.string(), suiteSchema);

const anchorRow = z.array(z.number().min(0).max(1)).length(5, 'give one pass@1 per bin (5 numbers)');
export const simFileSchema = z.strictObject({
  bin_tau: z.array(z.number().positive()).length(5),
  domains: z.record(
    z.enum(['coding', 'deepsearch']),
    z.strictObject({
      shared_difficulty: z.number().min(0).max(1),
      anchors: z.record(z.string(), anchorRow),
    }),
  ),
  tokens: z.strictObject({
    output_base: z.number().positive(),
    output_exponent: z.number(),
    output_sigma: z.number().nonnegative(),
    decode_tok_per_s: z.record(z.string(), z.number().positive()),
    prefill_tok_per_s: z.number().positive(),
  }),
});

export type AgentsFile = z.infer<typeof agentsFileSchema>;
export type OllamaFile = z.infer<typeof ollamaFileSchema>;
export type SuitesFile = z.infer<typeof suitesFileSchema>;
export type SuiteConfig = z.infer<typeof suiteSchema>;
export type SimFile = z.infer<typeof simFileSchema>;
export type CallOptions = z.infer<typeof callOptions>;
